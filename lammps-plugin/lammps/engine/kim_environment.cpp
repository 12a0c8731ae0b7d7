#include "engine/kim_environment.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stdexcept>

#ifdef NABRIDGE_HAVE_KIM_API
#include "KIM_LanguageName.hpp"
#include "KIM_Log.hpp"
#include "KIM_LogVerbosity.hpp"
#include "nabridge/base/atomic_file.h"
#endif

#ifndef NABRIDGE_KIM_DIR
#error "NABRIDGE_KIM_DIR must name NaBridge's KIM collection directory (set by cmake/NaBridgeKim.cmake)"
#endif

namespace nabridge {

namespace fs = std::filesystem;

namespace {

#ifdef NABRIDGE_HAVE_KIM_API
/// KIM API log entries end here instead of kim.log in the working directory. Only errors
/// reach it (see the verbosity pushed below); LAMMPS reports the failure itself as well.
int print_kim_log(std::string const& entry) {
  std::cerr << "kim-api: " << entry;
  return 0;
}
#endif

void write_config(const fs::path& file) {
  const fs::path dir = fs::path(NABRIDGE_KIM_DIR);
  for (const char* sub : {"model-drivers", "portable-models", "simulator-models"}) {
    std::error_code ec;
    fs::create_directories(dir / sub, ec);
    if (ec) throw std::runtime_error("kim: cannot create '" + (dir / sub).string() + "': " + ec.message());
  }
  // Same key = value format the KIM API itself writes; worker processes write it concurrently.
  const std::string text = "model-drivers-dir = " + (dir / "model-drivers").string() + "\n" +
                           "portable-models-dir = " + (dir / "portable-models").string() + "\n" +
                           "simulator-models-dir = " + (dir / "simulator-models").string() + "\n";
  try {
    write_file_atomically(file, text);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string("kim: cannot write the KIM API configuration file (") + e.what() +
                             "); set KIM_API_CONFIGURATION_FILE to a writable file");
  }
}

}  // namespace

std::string nabridge_kim_config_file() { return (fs::path(NABRIDGE_KIM_DIR) / "kim-api-config").string(); }
std::string nabridge_kim_portable_models_dir() { return (fs::path(NABRIDGE_KIM_DIR) / "portable-models").string(); }

KimEnvironment ensure_kim_environment() {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
#ifdef NABRIDGE_HAVE_KIM_API
  static bool log_routed = false;
  if (!log_routed) {
    KIM::Log::PushDefaultVerbosity(KIM::LOG_VERBOSITY::error);
    KIM::Log::PushDefaultPrintFunction(KIM::LANGUAGE_NAME::cpp, reinterpret_cast<KIM::Function*>(&print_kim_log));
    log_routed = true;
  }
#endif
  KimEnvironment env;
  const char* set = std::getenv("KIM_API_CONFIGURATION_FILE");
  if (set && *set) {
    env.config_file = set;
    return env;
  }
  env.config_file = nabridge_kim_config_file();
  env.nabridge_config = true;
  if (!fs::is_regular_file(env.config_file)) write_config(env.config_file);
  setenv("KIM_API_CONFIGURATION_FILE", env.config_file.c_str(), 1);
  return env;
}

}  // namespace nabridge
