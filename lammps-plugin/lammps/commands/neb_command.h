#pragma once
// nabridge/neb: climbing-image NEB of one moving atom, in-process (docs/commands/nabridge_neb.md).
#include "commands/command_support.h"
#include "protocols/neb.h"

namespace nabridge {
class NebCommand : public NabridgeCommand {
 public:
  explicit NebCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/neb") {}
  void command(int narg, char** arg) override;

 private:
  /// The command line: `atom ID final x y z` or `hop L1 L2`, then keywords.
  struct Args {
    std::string group_id, mode;
    NebOptions opt;
    std::string frozen_group, json_path, label_from, label_to;
    std::vector<std::string> elements;
    int moving_tag = 0, adatom_type = 0;
    double height_A = 2.0;
    Vec3 final_box = Vec3::Zero();
  };
  Args parse(int narg, char** arg);
  /// Reads the keyword at arg[i] and advances i past its values.
  void parse_keyword(int narg, char** arg, int& i, Args& a);
  /// The band's end points: `current` with one atom moved (atom mode) or the adatom added on
  /// the two sites of the hop (hop mode).
  std::pair<Structure, Structure> endpoints(const Structure& current, const std::vector<int>& tags,
                                            const std::vector<std::string>& types, const Vec3& boxlo, const Args& a);
  /// Variables, log line and the optional JSON file of the result.
  void report(const NebResult& r, const Args& a, const Vec3& boxlo);
};
}  // namespace nabridge
