#include "workflow/task_key.h"

#include <link.h>
#include <openssl/evp.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engine/lammps_engine.h"
#include "nabridge/version.h"

namespace nabridge::workflow {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr))
    throw std::runtime_error("sha256: OpenSSL EVP_Digest failed");
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string file_sha256_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read (needed for a task key)");
  std::ostringstream os;
  os << in.rdbuf();
  return sha256_hex(os.str());
}

namespace {

/// NaBridge's own shared libraries loaded into this process (libnabridge_*.so): the code of
/// the protocols lives there, so they are part of the code version as much as the executable.
std::vector<std::string> loaded_nabridge_libraries() {
  std::vector<std::string> files;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        const std::string path = info->dlpi_name ? info->dlpi_name : "";
        if (std::filesystem::path(path).filename().string().rfind("libnabridge", 0) == 0)
          static_cast<std::vector<std::string>*>(out)->push_back(path);
        return 0;
      },
      &files);
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::string code_fingerprint() {
  const std::string lammps = lammps_library_file();
  std::string fp = std::string("nabridge ") + kVersion + "; exe " + file_sha256_hex("/proc/self/exe");
  for (const auto& lib : loaded_nabridge_libraries())
    fp += "; " + std::filesystem::path(lib).filename().string() + " " + file_sha256_hex(lib);
  return fp + "; liblammps " + (lammps.empty() ? std::string("static") : file_sha256_hex(lammps));
}

void assign_keys(TaskGraph& graph, const std::string& code) {
  auto& tasks = graph.tasks();
  std::map<std::string, std::string> file_hashes;
  for (std::size_t i : graph.order()) {
    Task& t = tasks[i];
    nlohmann::json material{{"type", t.type}, {"params", t.params}, {"code", code}};
    nlohmann::json files = nlohmann::json::object();
    if (t.params.contains("potential"))
      for (const auto& f : t.params["potential"].value("files", nlohmann::json::array())) {
        // Most tasks share the same potential files: hash each once per run.
        const std::string path = f.get<std::string>();
        auto known = file_hashes.find(path);
        if (known == file_hashes.end()) known = file_hashes.emplace(path, file_sha256_hex(path)).first;
        files[path] = known->second;
      }
    material["files"] = files;
    nlohmann::json inputs = nlohmann::json::array();
    for (const auto& name : t.inputs) inputs.push_back(tasks[graph.index(name)].key);
    material["inputs"] = inputs;
    t.key = sha256_hex(material.dump());
  }
}

}  // namespace nabridge::workflow
