#pragma once
// Mutation fuzzing of the inputs users write (campaigns, upscale files, LAMMPS inputs): every
// number in a valid input is replaced, one at a time, by hostile values; each case must end in
// a clear error or a documented success, never in a crash, a hang or a write outside its folder.
#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "subprocess.h"

namespace nabridge::testing {

/// Values no size, count, tolerance or energy should take silently.
inline const std::vector<std::string>& hostile_numbers() {
  static const std::vector<std::string> v{"inf", "-inf", "nan", "-1", "0", "1e-300", "4294967299", "1e9", "1e300"};
  return v;
}

struct Mutation {
  std::string text;         // the mutated input
  std::string description;  // "line 12: layers = inf"
};

/// One mutation per (numeric `key = value` line of a TOML text, hostile value) pair, plus
/// wrong-type values ("x", true, []) for each such line.
inline std::vector<Mutation> toml_number_mutations(const std::string& text) {
  static const std::regex numeric_line(R"(^(\s*)([A-Za-z0-9_]+)\s*=\s*(\[?\s*[-+0-9.][-+0-9.eE, ]*\]?)\s*(#.*)?$)");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Mutation> out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::smatch m;
    if (!std::regex_match(lines[k], m, numeric_line)) continue;
    std::vector<std::string> values = hostile_numbers();
    for (const char* wrong : {"\"x\"", "true", "[]"}) values.emplace_back(wrong);
    for (const auto& v : values) {
      auto mutated = lines;
      mutated[k] = m[1].str() + m[2].str() + " = " + v;
      std::string t;
      for (const auto& l : mutated) t += l + "\n";
      out.push_back({t, fmt::format("line {}: {} = {}", k + 1, m[2].str(), v)});
    }
  }
  return out;
}

/// One mutation per (numeric word after the first of a command line, hostile value) pair.
inline std::vector<Mutation> command_number_mutations(const std::string& command) {
  std::vector<std::string> words;
  std::istringstream in(command);
  for (std::string w; in >> w;) words.push_back(w);
  static const std::regex number(R"([-+]?[0-9.]+([eE][-+]?[0-9]+)?)");
  std::vector<Mutation> out;
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (!std::regex_match(words[k], number)) continue;
    std::vector<std::string> values = hostile_numbers();
    values.emplace_back("abc");
    for (const auto& v : values) {
      auto mutated = words;
      mutated[k] = v;
      std::string t;
      for (const auto& w : mutated) t += (t.empty() ? "" : " ") + w;
      out.push_back({t, t});
    }
  }
  return out;
}

/// Outcome classes of a fuzz case, counted for the README's summary.
struct FuzzTally {
  int refused = 0;
  std::vector<std::string> succeeded, crashes, hangs, silent;  // each entry: the case (and what happened)

  void print(const std::string& suite) const {
    std::cout << fmt::format(
        "fuzz {}: {} cases: {} refused with a message, {} succeeded as documented; {} crashes, {} hangs, "
        "{} refused without a message\n",
        suite, refused + succeeded.size() + crashes.size() + hangs.size() + silent.size(), refused, succeeded.size(),
        crashes.size(), hangs.size(), silent.size());
    for (const auto& s : succeeded) std::cout << "  succeeded: " << s << '\n';
  }
};

/// Runs `argv` in `work_dir` without a shell (run_process: no character of a path or a mutated
/// value is read as shell syntax), killed after `timeout_s` s by `timeout -s KILL`.
inline ProcessResult run_bounded(std::vector<std::string> argv, const std::filesystem::path& work_dir, int timeout_s) {
  argv.insert(argv.begin(), {"timeout", "-s", "KILL", std::to_string(timeout_s)});
  return run_process(argv, work_dir);
}

/// The run reached run_bounded's time bound. `timeout -s KILL` sends the KILL to its whole process
/// group, itself included, so it usually ends by SIGKILL rather than with its own 124/137.
inline bool timed_out(const ProcessResult& r) {
  return (r.exited && (r.status == 124 || r.status == 137)) || (!r.exited && r.signal == SIGKILL);
}

/// Runs `argv` in `work_dir` with a time bound (run_bounded) and files the outcome: exit 0 =
/// documented success; any other exit with `message_marker` in the output = refused with a
/// message; the bound reached (timed_out) = hang; any other signal (128 + n) = crash.
inline void run_fuzz_case(FuzzTally& tally, const std::string& label, const std::vector<std::string>& argv,
                          const std::filesystem::path& work_dir, int timeout_s, const std::string& message_marker) {
  const auto r = run_bounded(argv, work_dir, timeout_s);
  const std::string tail = r.output.size() > 600 ? r.output.substr(r.output.size() - 600) : r.output;
  if (timed_out(r)) tally.hangs.push_back(label);
  else if (!r.exited || r.status > 128) tally.crashes.push_back(label + "\n" + tail);
  else if (r.status == 0) tally.succeeded.push_back(label);
  else if (r.output.find(message_marker) != std::string::npos) ++tally.refused;
  else tally.silent.push_back(label + "\n" + tail);
}

}  // namespace nabridge::testing
