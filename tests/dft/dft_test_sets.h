#pragma once
// Pieces shared by the DFT tests: the CP2K data names, a scratch folder, a small reference set.
#include <filesystem>
#include <string>
#include <unistd.h>

namespace nabridge::test {

/// The basis sets and pseudopotentials of the reference sets written by these tests.
inline const char* const kBasisAndPotentials = R"([settings.basis]
Na = "DZVP-MOLOPT-SR-GTH"
Al = "DZVP-MOLOPT-SR-GTH"
[settings.potential]
Na = "GTH-PBE-q9"
Al = "GTH-PBE-q3"
)";

/// The same for the sets on NaI.
inline const char* const kNaIBasisAndPotentials = R"([settings.basis]
Na = "DZVP-MOLOPT-SR-GTH"
I = "DZVP-MOLOPT-SR-GTH"
[settings.potential]
Na = "GTH-PBE-q9"
I = "GTH-PBE-q7"
)";

inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("nabridge-test-dft-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The adatom's two references: the spin-polarised Na atom ("atom") and bcc Na ("bulk").
inline const char* const kNaReferences = R"([[system]]
name = "atom"
kind = "atom"
element = "Na"
multiplicity = 2
smearing_K = 0.0
[[system]]
name = "bulk"
kind = "bulk"
prototype = "bcc"
elements = ["Na"]
a_A = 4.2
)";

/// A reference set with the Na atom, bcc Na and a scan of Na on the top site of a 2×2 Al(100)
/// slab at the start height `top_height_A` ± 0.3 Å.
inline std::string al100_top_scan_set(double top_height_A) {
  return std::string(kBasisAndPotentials) + kNaReferences + R"([[system]]
name = "Al100"
kind = "adsorption"
prototype = "fcc"
elements = ["Al"]
a_A = 4.04
facet = "100"
layers = 2
repeat = [2, 2]
adsorbate = "Na"
height_A = 2.7
site_height_A = { top = )" + std::to_string(top_height_A) + R"( }
scan_offsets_A = [0.0, -0.3, 0.3]
sites = ["top"]
atom_reference = "atom"
bulk_reference = "bulk"
)";
}

/// The Al(100) set above plus fcc Al and a hypothetical L12 Al3Na compound referred to fcc Al and
/// bcc Na; `cell_keys` gives the compound's cell (`a_A = ...` or `a_scan_A = [...]`).
inline std::string al3na_compound_set(const std::string& cell_keys) {
  return al100_top_scan_set(2.8) + R"(
[[system]]
name = "Al-fcc"
kind = "bulk"
prototype = "fcc"
elements = ["Al"]
a_A = 4.04
[[system]]
name = "Al3Na"
kind = "compound"
prototype = "L12"
elements = ["Al", "Na"]
references = ["Al-fcc", "bulk"]
)" + cell_keys;
}

}  // namespace nabridge::test
