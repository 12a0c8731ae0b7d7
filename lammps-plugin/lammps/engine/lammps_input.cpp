#include "engine/lammps_input.h"

#include <mpi.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "commands/register.h"
#include "engine/kim_environment.h"
#include "input.h"
#include "lammps.h"

namespace nabridge {

void run_lammps_input(const std::string& input, const std::vector<std::string>& vars, const std::string& log) {
  if (!std::filesystem::is_regular_file(input))
    throw std::invalid_argument("lmp: cannot read input file '" + input + "'");
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(nullptr, nullptr);
  // `kim init` in the script finds Debian's OpenKIM models and those NaBridge built, without
  // the KIM API writing ~/.kim-api (see engine/kim_environment.h).
  // A build tree that cannot be written only matters to scripts that use KIM: warn, go on.
  try {
    ensure_kim_environment();
  } catch (const std::runtime_error& e) {
    std::cerr << "nabridge lmp: warning: " << e.what() << "\n";
  }
  std::vector<std::string> args{"nabridge", "-log", log.empty() ? "none" : log};
  for (std::size_t i = 0; i < vars.size(); i += 2) args.insert(args.end(), {"-var", vars[i], vars[i + 1]});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  auto lmp = std::make_unique<LAMMPS_NS::LAMMPS>(static_cast<int>(argv.size()), argv.data(), MPI_COMM_WORLD);
  register_commands(lmp.get());
  register_pair_styles(lmp.get());
  lmp->input->file(input.c_str());
  lmp.reset();
  MPI_Finalize();
}

}  // namespace nabridge
