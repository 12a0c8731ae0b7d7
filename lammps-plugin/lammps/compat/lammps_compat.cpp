#include "compat/lammps_compat.h"

#include "comm.h"
#include "error.h"
#include "input.h"

namespace nabridge::lammps_compat {
std::string version(LAMMPS_NS::LAMMPS* lmp) { return lmp->version; }
bool has_plugin_command(LAMMPS_NS::LAMMPS* /*lmp*/) { return LAMMPS_NS::LAMMPS::is_installed_pkg("PLUGIN"); }

#ifdef NABRIDGE_LAMMPS_SOURCE_TREE
void forward_comm(LAMMPS_NS::LAMMPS* lmp, LAMMPS_NS::Pair* pair) { lmp->comm->forward_comm(pair); }
void reverse_comm(LAMMPS_NS::LAMMPS* lmp, LAMMPS_NS::Pair* pair) { lmp->comm->reverse_comm(pair); }
#else
void forward_comm(LAMMPS_NS::LAMMPS* lmp, LAMMPS_NS::Pair* pair) { lmp->comm->forward_comm_pair(pair); }
void reverse_comm(LAMMPS_NS::LAMMPS* lmp, LAMMPS_NS::Pair* pair) { lmp->comm->reverse_comm_pair(pair); }
#endif

// error.h declares LAMMPSException exactly when this LAMMPS throws: upstream's always includes
// exceptions.h; Debian's 29Sep2021 (built without LAMMPS_EXCEPTIONS) does not.
#ifdef LMP_EXCEPTIONS_H
namespace {
std::string with_command(const char* what, const std::string& line) {
  std::string message = what;
  if (!message.empty() && message.back() != '\n') message += '\n';
  return message + "Last command: " + line;
}
}  // namespace

void run_command(LAMMPS_NS::LAMMPS* lmp, const std::string& line) {
  try {
    lmp->input->one(line);
  } catch (const LAMMPS_NS::LAMMPSAbortException& e) {
    throw LAMMPS_NS::LAMMPSAbortException(with_command(e.what(), line), e.get_universe());
  } catch (const LAMMPS_NS::LAMMPSException& e) {
    throw LAMMPS_NS::LAMMPSException(with_command(e.what(), line));
  }
}
#else
void run_command(LAMMPS_NS::LAMMPS* lmp, const std::string& line) { lmp->input->one(line); }
#endif
}  // namespace nabridge::lammps_compat
