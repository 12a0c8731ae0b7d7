#pragma once
// Every difference between the LAMMPS versions NaBridge builds against lives in this file.
//  - Debian 12 (29Sep2021 update 2): no command.h installed -> declare the Command base class
//    exactly as the library has it (Pointers' virtual destructor, then command()).
//  - an upstream source tree (-DLAMMPS_SOURCE_DIR, defines NABRIDGE_LAMMPS_SOURCE_TREE): use its
//    command.h and the PLUGIN package's lammpsplugin.h.
//  - errors: Debian's LAMMPS prints "ERROR: ..." and "Last command: ..." and exits; an upstream
//    LAMMPS (19 Nov 2024 checked) throws an exception holding only the ERROR text.
//    run_command() gives the thrown message the command line as well.
#include <string>

#include "lammps.h"
#include "pointers.h"

namespace LAMMPS_NS {
class Pair;
}

#ifdef NABRIDGE_LAMMPS_SOURCE_TREE
#include "command.h"
#include "lammpsplugin.h"
#else
namespace LAMMPS_NS {
class Command : protected Pointers {
 public:
  Command(class LAMMPS* lmp) : Pointers(lmp) {}
  virtual void command(int, char**) = 0;
};
}  // namespace LAMMPS_NS

// The documented plugin ABI (lammpsplugin.h of the PLUGIN package, unchanged since 2021).
extern "C" {
typedef void*(lammpsplugin_factory1)(void*);
typedef void*(lammpsplugin_factory2)(void*, int, char**);
typedef struct {
  const char* version;
  const char* style;
  const char* name;
  const char* info;
  const char* author;
  union {
    lammpsplugin_factory1* v1;
    lammpsplugin_factory2* v2;
  } creator;
  void* handle;
} lammpsplugin_t;
typedef void (*lammpsplugin_regfunc)(lammpsplugin_t*, void*);
}
#endif

namespace nabridge::lammps_compat {
/// LAMMPS version string, e.g. "29 Sep 2021".
std::string version(LAMMPS_NS::LAMMPS* lmp);
/// True when this LAMMPS has its own `plugin` command (PLUGIN package).
bool has_plugin_command(LAMMPS_NS::LAMMPS* lmp);
/// Runs one input command: the way every command NaBridge issues itself reaches LAMMPS. When this
/// LAMMPS throws on an error, the exception is rethrown (same type) with "Last command: <line>"
/// appended, so an error names the command, e.g. the pair_coeff line with a rejected file.
void run_command(LAMMPS_NS::LAMMPS* lmp, const std::string& line);

/// A pair style's forward (owned -> ghost) and reverse (ghost -> owner) communication of its
/// per-atom values: Comm::forward_comm_pair/reverse_comm_pair in 29Sep2021, forward_comm/reverse_comm
/// overloads upstream.
void forward_comm(LAMMPS_NS::LAMMPS* lmp, LAMMPS_NS::Pair* pair);
void reverse_comm(LAMMPS_NS::LAMMPS* lmp, LAMMPS_NS::Pair* pair);

/// run_command() bound to one instance, for code that issues a series of commands.
class CommandRunner {
 public:
  explicit CommandRunner(LAMMPS_NS::LAMMPS* lmp) : lmp_(lmp) {}
  void operator()(const std::string& line) const { run_command(lmp_, line); }

 private:
  LAMMPS_NS::LAMMPS* lmp_;
};
}  // namespace nabridge::lammps_compat
