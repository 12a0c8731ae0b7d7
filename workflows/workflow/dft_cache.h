#pragma once
// Cached DFT results: one JSON file per calculation, <set dir>/<system>/<config>.json, holding
// the full CP2K input, the CP2K version, the SHA-256 of the basis and pseudopotential files,
// energy, forces, final positions, SCF steps and wall time. The key hashes input text, code
// version and data-file contents, so a result is reused only for the identical calculation.
// Files are written atomically (temporary, fsync, rename) and only after CP2K succeeded: a
// killed or failed run leaves nothing a rerun would trust.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engines/cp2k_engine.h"
#include "workflow/dft_reference.h"

namespace nabridge::workflow {

/// What identifies a calculation: input text, code version, data-file hashes.
struct DftKeyParts {
  std::string input;
  std::string code_version;
  std::string basis_sha256, potential_sha256;
};

DftKeyParts dft_key_parts(const std::string& input, const std::string& code_version, const Cp2kSettings& settings);
std::string dft_key(const DftKeyParts& parts);

std::filesystem::path dft_record_path(const DftReferenceSet& set, const DftCalculation& calc);

/// The stored record if it exists, parses, is converged and carries `key`; nullopt otherwise
/// (missing, stale or damaged records are recomputed, never trusted).
std::optional<nlohmann::json> load_dft_record(const std::filesystem::path& file, const std::string& key);

nlohmann::json make_dft_record(const DftCalculation& calc, const DftKeyParts& parts, const std::string& key,
                               const Cp2kRun& run, int mpi_ranks);
void store_dft_record(const std::filesystem::path& file, const nlohmann::json& record);

/// Energy and final structure of a record (positions from the record, the rest from calc).
DftOutcome dft_outcome(const nlohmann::json& record, const DftCalculation& calc);

/// The version of the CP2K `nabridge dft` runs with these options ("CP2K version 2023.1"), the
/// `code_version` of every DFT cache key; throws if CP2K cannot be started.
std::string installed_cp2k_version(const Cp2kRunOptions& options = {});

/// Every calculation of the set whose current record (same input, `code_version` and data files)
/// is stored, keyed "<system>/<config>".
std::map<std::string, DftOutcome> load_dft_outcomes(const DftReferenceSet& set, const std::string& code_version);

}  // namespace nabridge::workflow
