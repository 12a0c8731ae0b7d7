#include "workflow/dft_cache.h"

#include <fstream>
#include <map>
#include <tuple>
#include <sstream>

#include "workflow/result_cache.h"
#include "workflow/task_key.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

nlohmann::json matrix_rows(const Positions& m) {
  auto rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.cols(); ++i) rows.push_back({m(0, i), m(1, i), m(2, i)});
  return rows;
}

// SHA-256 of a data file, remembered per (path, size, modification time): the summary keys
// every calculation of the set after each run, and the basis file alone is megabytes.
std::string data_file_sha256(const fs::path& file) {
  static std::map<std::tuple<std::string, std::uintmax_t, fs::file_time_type>, std::string> known;
  std::error_code ec;
  const auto key = std::make_tuple(file.string(), fs::file_size(file, ec), fs::last_write_time(file, ec));
  if (ec) return file_sha256_hex(file.string());  // let the hash report the unreadable file
  auto it = known.find(key);
  if (it == known.end()) it = known.emplace(key, file_sha256_hex(file.string())).first;
  return it->second;
}

}  // namespace

DftKeyParts dft_key_parts(const std::string& input, const std::string& code_version, const Cp2kSettings& settings) {
  return {input, code_version, data_file_sha256(settings.basis_file), data_file_sha256(settings.potential_file)};
}

std::string dft_key(const DftKeyParts& p) {
  const nlohmann::json j{{"input", p.input},
                         {"code_version", p.code_version},
                         {"basis_sha256", p.basis_sha256},
                         {"potential_sha256", p.potential_sha256}};
  return sha256_hex(j.dump());
}

fs::path dft_record_path(const DftReferenceSet& set, const DftCalculation& calc) {
  return set.dir / calc.system / (calc.config + ".json");
}

std::optional<nlohmann::json> load_dft_record(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  try {
    auto j = nlohmann::json::parse(in);
    if (j.value("key", "") != key || !j.value("converged", false) || !j.contains("energy_eV")) return std::nullopt;
    return j;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a damaged file is recomputed and overwritten
  }
}

nlohmann::json make_dft_record(const DftCalculation& calc, const DftKeyParts& parts, const std::string& key,
                               const Cp2kRun& run, int mpi_ranks) {
  const Cp2kSettings& st = calc.settings;
  nlohmann::json j;
  j["system"] = calc.system;
  j["config"] = calc.config;
  j["key"] = key;
  j["converged"] = true;
  j["code_version"] = parts.code_version;
  j["data_files"] = {{"basis", {{"path", st.basis_file.string()}, {"sha256", parts.basis_sha256}}},
                     {"potential", {{"path", st.potential_file.string()}, {"sha256", parts.potential_sha256}}}};
  j["energy_eV"] = run.energy_eV;
  j["forces_eV_A"] = matrix_rows(run.forces_eV_A);
  j["species"] = calc.structure.species;
  j["positions_A"] = matrix_rows(run.positions_A);
  j["cell_A"] = matrix_rows(calc.structure.cell);  // rows = lattice vectors a, b, c
  j["scf_steps"] = run.scf_steps;
  j["scf_runs"] = run.scf_runs;
  j["wall_s"] = run.wall_s;
  j["mpi_ranks"] = mpi_ranks;
  j["finished_utc"] = utc_now_iso8601();
  j["input"] = run.input;
  j["scf_guess"] = run.scf_guess;  // "restart": the SCF started from a neighbouring geometry
  return j;
}

void store_dft_record(const fs::path& file, const nlohmann::json& record) {
  fs::create_directories(file.parent_path());
  write_file_atomically(file, record.dump(1) + "\n");
}

DftOutcome dft_outcome(const nlohmann::json& record, const DftCalculation& calc) {
  DftOutcome o;
  o.energy_eV = record.at("energy_eV").get<double>();
  o.structure = calc.structure;
  const auto& rows = record.at("positions_A");
  if (rows.size() == calc.structure.size())
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (int k = 0; k < 3; ++k) o.structure.positions(k, static_cast<Eigen::Index>(i)) = rows[i][k].get<double>();
  return o;
}

std::string installed_cp2k_version(const Cp2kRunOptions& options) {
  return Cp2kEngine(Cp2kSettings{}, options).code_version();
}

std::map<std::string, DftOutcome> load_dft_outcomes(const DftReferenceSet& set, const std::string& code_version) {
  std::map<std::string, DftOutcome> done;
  for (const auto& sys : set.systems)
    for (const auto& calc : sys.calculations) {
      const auto input = cp2k_input(calc.structure, calc.settings, Cp2kEngine::relax_run_type(calc.structure));
      const auto key = dft_key(dft_key_parts(input, code_version, calc.settings));
      if (const auto record = load_dft_record(dft_record_path(set, calc), key)) done[calc.system + "/" + calc.config] = dft_outcome(*record, calc);
    }
  return done;
}

}  // namespace nabridge::workflow
