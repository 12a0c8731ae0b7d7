#pragma once
// Bodies of the `nabridge potential` sub-commands (argument parsing lives in potential_command.cpp).
#include <string>
#include <vector>

namespace nabridge::cli {
void run_fit_element(const std::string& spec, const std::string& out);
void run_fit_cross(const std::string& spec, const std::string& out);
/// fit-ionic (ionic_fit_task.cpp): `extra_dirs` are searched for the start potential before the defaults.
void run_fit_ionic(const std::string& spec, const std::string& out, const std::vector<std::string>& extra_dirs);
void run_generate(const std::string& recipe, const std::string& out_dir);
void run_build(const std::string& recipe);
struct ValidateArgs {
  std::string id, out, pair_style, kim, reference;
  std::vector<std::string> search, elements, pair_coeff;
  std::vector<std::string> stability_compounds;  // "B2:Na,Al", ...
  bool no_stability = false;
};
void run_validate(const ValidateArgs& a);
struct DftValidateArgs {
  std::string id, set, out;
  std::vector<std::string> search;
};
void run_dft_validate(const DftValidateArgs& a);
void run_show(const std::string& id, const std::vector<std::string>& search_dirs,
              const std::vector<std::string>& elements);
}  // namespace nabridge::cli
