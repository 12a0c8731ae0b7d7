#include "engines/cp2k_input.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "engines/cp2k_data.h"

namespace nabridge {

namespace {

const std::string& setting_for(const std::map<std::string, std::string>& table, const std::string& element,
                               const char* what, const std::filesystem::path& file) {
  const auto it = table.find(element);
  if (it == table.end() || it->second.empty())
    throw std::runtime_error(fmt::format("cp2k: no {} given for element {} (data file {})", what, element,
                                         file.string()));
  return it->second;
}

// Checks basis and potential of one element and returns its valence charge.
int checked_valence(const std::string& element, const Cp2kSettings& st) {
  const auto& basis = setting_for(st.basis, element, "basis set", st.basis_file);
  const auto& potential = setting_for(st.potential, element, "pseudopotential", st.potential_file);
  const int z_basis = find_basis_set(st.basis_file, element, basis);
  const int z_pot = find_gth_potential(st.potential_file, element, potential);
  if (z_basis != 0 && z_basis != z_pot)
    throw std::runtime_error(fmt::format("cp2k: basis set {} of element {} is for {} valence electrons, the "
                                         "pseudopotential {} has {}",
                                         basis, element, z_basis, potential, z_pot));
  return z_pot;
}

int added_mos(const Structure& s, const Cp2kSettings& st) {
  if (st.added_mos >= 0) return st.added_mos;
  const int occupied = (cp2k_valence_electrons(s, st) + 1) / 2;
  return occupied / 5 + 10;
}

std::string scf_section(const Structure& s, const Cp2kSettings& st) {
  std::string t = fmt::format(
      "    &SCF\n      SCF_GUESS ATOMIC\n      EPS_SCF {:.3E}\n      MAX_SCF {}\n", st.eps_scf, st.max_scf);
  if (st.smearing_K > 0) {
    t += fmt::format(
        "      ADDED_MOS {}\n"
        "      &SMEAR ON\n        METHOD FERMI_DIRAC\n        ELECTRONIC_TEMPERATURE [K] {:.1f}\n      &END SMEAR\n"
        "      &DIAGONALIZATION ON\n        ALGORITHM STANDARD\n      &END DIAGONALIZATION\n"
        "      &MIXING T\n        METHOD BROYDEN_MIXING\n        ALPHA {:.3f}\n{}        NBROYDEN 8\n      &END MIXING\n",
        added_mos(s, st), st.smearing_K, st.mixing_alpha,
        st.mixing_beta_per_bohr > 0 ? fmt::format("        BETA {:.3f}\n", st.mixing_beta_per_bohr) : "");
  } else {
    t += "      &OT ON\n        MINIMIZER DIIS\n        PRECONDITIONER FULL_ALL\n      &END OT\n";
  }
  return t + "    &END SCF\n";
}

std::string kpoints_section(const Cp2kSettings& st) {
  if (st.kpoints == std::array<int, 3>{1, 1, 1}) return {};
  for (int n : st.kpoints)
    if (n < 1) throw std::runtime_error("cp2k: k-point mesh entries must be >= 1");
  // Time-reversal symmetry only (FULL_GRID off); CP2K's crystal-symmetry reduction is off because
  // it needs a symmetric starting structure and gains little on the small cells used here.
  return fmt::format(
      "    &KPOINTS\n      SCHEME MONKHORST-PACK {} {} {}\n      SYMMETRY .FALSE.\n      FULL_GRID .FALSE.\n"
      "    &END KPOINTS\n",
      st.kpoints[0], st.kpoints[1], st.kpoints[2]);
}

std::string dft_section(const Structure& s, const Cp2kSettings& st, Cp2kRunType run_type) {
  std::string t = fmt::format("  &DFT\n    BASIS_SET_FILE_NAME {}\n    POTENTIAL_FILE_NAME {}\n    CHARGE {}\n",
                              st.basis_file.string(), st.potential_file.string(), st.charge);
  if (st.multiplicity > 0) t += fmt::format("    UKS .TRUE.\n    MULTIPLICITY {}\n", st.multiplicity);
  if (st.surface_dipole_correction) t += "    SURFACE_DIPOLE_CORRECTION .TRUE.\n    SURF_DIP_DIR Z\n";
  t += kpoints_section(st);
  t += fmt::format("    &MGRID\n      CUTOFF {:.1f}\n      REL_CUTOFF {:.1f}\n    &END MGRID\n", st.cutoff_Ry,
                   st.rel_cutoff_Ry);
  t += "    &QS\n      EPS_DEFAULT 1.0E-12\n";
  // CP2K's default guess for the next geometry step (ASPC) is not available with k-points, and
  // without a choice every step starts from the atomic guess (~9 min per step of a 28-atom film).
  // The previous step's density matrix is available with k-points. Single points are unaffected
  // (and keep their cache keys).
  if (run_type == Cp2kRunType::kGeoOpt && st.kpoints != std::array<int, 3>{1, 1, 1})
    t += "      EXTRAPOLATION USE_PREV_P\n";
  t += "    &END QS\n";
  t += scf_section(s, st);
  t += fmt::format("    &XC\n      &XC_FUNCTIONAL {}\n      &END XC_FUNCTIONAL\n", st.functional);
  if (!st.xc_smoothing.empty())
    t += fmt::format("      &XC_GRID\n        XC_SMOOTH_RHO {0}\n        XC_DERIV {0}_SMOOTH\n      &END XC_GRID\n",
                     st.xc_smoothing);
  t += "    &END XC\n";
  return t + "  &END DFT\n";
}

std::string subsys_section(const Structure& s, const Cp2kSettings& st) {
  std::string t = "  &SUBSYS\n    &CELL\n";
  const char* names[3] = {"A", "B", "C"};
  for (int i = 0; i < 3; ++i)
    t += fmt::format("      {} {:.10f} {:.10f} {:.10f}\n", names[i], s.cell(0, i), s.cell(1, i), s.cell(2, i));
  t += "      PERIODIC XYZ\n    &END CELL\n    &COORD\n";
  for (std::size_t i = 0; i < s.size(); ++i)
    t += fmt::format("      {} {:.10f} {:.10f} {:.10f}\n", s.species[i], s.positions(0, i), s.positions(1, i),
                     s.positions(2, i));
  t += "    &END COORD\n";
  for (const auto& e : s.elements())
    t += fmt::format("    &KIND {}\n      BASIS_SET {}\n      POTENTIAL {}\n    &END KIND\n", e, st.basis.at(e),
                     st.potential.at(e));
  return t + "  &END SUBSYS\n";
}

// CP2K's COMPONENTS_TO_FIX keyword for the directions an atom may not move along.
std::string fixed_components(std::uint8_t free) {
  std::string c;
  if (!(free & dof::kX)) c += 'X';
  if (!(free & dof::kY)) c += 'Y';
  if (!(free & dof::kZ)) c += 'Z';
  return c;
}

std::string motion_section(const Structure& s, const Cp2kSettings& st) {
  // One FIXED_ATOMS block per set of fixed components; CP2K atom indices start at 1.
  std::map<std::string, std::vector<std::size_t>> fixed;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::uint8_t free = s.free_dofs.empty() ? dof::kAll : s.free_dofs[i];
    if (const auto c = fixed_components(free); !c.empty()) fixed[c].push_back(i + 1);
  }
  std::string t = fmt::format(
      "&MOTION\n  &GEO_OPT\n    OPTIMIZER BFGS\n    MAX_ITER {}\n    MAX_FORCE {:.3E}\n    RMS_FORCE {:.3E}\n"
      "    MAX_DR {:.3E}\n    RMS_DR {:.3E}\n  &END GEO_OPT\n",
      st.geo_max_iter, st.geo_max_force_Ha_bohr, st.geo_max_force_Ha_bohr, st.geo_max_step_bohr,
      st.geo_max_step_bohr);
  if (!fixed.empty()) {
    t += "  &CONSTRAINT\n";
    for (const auto& [components, atoms] : fixed) {
      t += fmt::format("    &FIXED_ATOMS\n      COMPONENTS_TO_FIX {}\n", components);
      for (std::size_t k = 0; k < atoms.size(); k += 20) {  // CP2K reads long lists line by line
        t += "      LIST";
        for (std::size_t j = k; j < std::min(atoms.size(), k + 20); ++j) t += fmt::format(" {}", atoms[j]);
        t += '\n';
      }
      t += "    &END FIXED_ATOMS\n";
    }
    t += "  &END CONSTRAINT\n";
  }
  return t + "&END MOTION\n";
}

}  // namespace

int cp2k_valence_electrons(const Structure& s, const Cp2kSettings& settings) {
  std::map<std::string, int> z;
  for (const auto& e : s.elements()) z[e] = checked_valence(e, settings);
  int n = -settings.charge;
  for (const auto& e : s.species) n += z[e];
  return n;
}

std::string cp2k_input(const Structure& s, const Cp2kSettings& settings, Cp2kRunType run_type) {
  s.validate();
  if (s.size() == 0) throw std::runtime_error("cp2k: the structure has no atoms");
  for (const auto& e : s.elements()) checked_valence(e, settings);
  std::string t = fmt::format("&GLOBAL\n  PROJECT {}\n  RUN_TYPE {}\n  PRINT_LEVEL LOW\n&END GLOBAL\n", kCp2kProject,
                              run_type == Cp2kRunType::kGeoOpt ? "GEO_OPT" : "ENERGY_FORCE");
  t += "&FORCE_EVAL\n  METHOD QS\n";
  t += dft_section(s, settings, run_type);
  t += subsys_section(s, settings);
  t += "  &PRINT\n    &FORCES ON\n    &END FORCES\n  &END PRINT\n&END FORCE_EVAL\n";
  if (run_type == Cp2kRunType::kGeoOpt) t += motion_section(s, settings);
  return t;
}

}  // namespace nabridge
