#pragma once
// Where the KIM API looks for models, set up before LAMMPS runs `kim init`.
//
// Without KIM_API_CONFIGURATION_FILE the KIM API reads ~/.kim-api/config and, when that is
// missing, writes one and creates collection directories under $HOME. NaBridge instead points
// the variable at a file in its build tree (written at configure time by
// cmake/NaBridgeKim.cmake) whose user collection holds the portable models NaBridge builds
// from potentials/kim/; Debian's openkim-models are found in the KIM API's system collection
// (/usr/lib/<triplet>/kim-api/). A KIM_API_CONFIGURATION_FILE the user set is left alone, as
// are KIM_API_PORTABLE_MODELS_DIR / KIM_API_MODEL_DRIVERS_DIR (the environment collection).
#include <string>

namespace nabridge {

struct KimEnvironment {
  std::string config_file;     // the KIM_API_CONFIGURATION_FILE in force
  bool nabridge_config = false;  // true: NaBridge's own file (not one the user set)
};

/// Sets KIM_API_CONFIGURATION_FILE to NaBridge's file unless already set, writing that file
/// and its collection directories if they are missing, and routes KIM API log messages of
/// severity `error` to stderr instead of a kim.log in the working directory. Idempotent.
/// Throws std::runtime_error naming the file when NaBridge's file cannot be written.
KimEnvironment ensure_kim_environment();

/// NaBridge's KIM configuration file and user portable-model directory (build tree).
std::string nabridge_kim_config_file();
std::string nabridge_kim_portable_models_dir();

}  // namespace nabridge
