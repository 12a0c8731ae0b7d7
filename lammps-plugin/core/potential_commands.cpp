#include "core/potential_commands.h"

#include <set>
#include <sstream>
#include <stdexcept>

namespace nabridge {

std::string potential_command_problem(const std::string& command) {
  const auto quoted = "'" + command + "'";
  for (const char c : command)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return quoted + ": control characters (newlines) are not allowed in a potential command";
  for (const char c : {'$', '&', '"', '\''})
    if (command.find(c) != std::string::npos)
      return quoted + ": the character " + std::string(1, c) +
             " (LAMMPS substitution, continuation or quoting) is not allowed in a potential command";
  std::istringstream in(command);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  if (words.empty()) return quoted + ": empty command";
  static const std::set<std::string> allowed{"pair_style",    "pair_coeff", "pair_modify", "kspace_style",
                                             "kspace_modify", "mass",       "neighbor",    "neigh_modify",
                                             "special_bonds", "kim"};
  if (!allowed.count(words[0])) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return quoted + ": LAMMPS command '" + words[0] + "' is not allowed in a potential (allowed: " + list + ")";
  }
  if (words[0] == "kim" && (words.size() < 2 || (words[1] != "init" && words[1] != "interactions")))
    return quoted + ": only 'kim init' and 'kim interactions' are allowed in a potential";
  for (const auto& w : words)
    if (w.rfind("python", 0) == 0) return quoted + ": Python styles run code and are not allowed in a potential";
  return {};
}

void check_potential_commands(const std::vector<std::string>& commands, const std::string& where) {
  for (const auto& c : commands)
    if (const auto problem = potential_command_problem(c); !problem.empty())
      throw std::invalid_argument(where + ": " + problem);
}

}  // namespace nabridge
