#pragma once
// The keys of a `nabridge upscale` parameter file, in one place: the command's reader rejects
// any other key, and a campaign checks its [mesoscale] and [na_continuum] tables against the
// same lists when it is loaded (so a typo fails at once, with its line, not after the
// atomistic tasks).
#include <set>
#include <string>

namespace nabridge::upscale {

/// [conditions]: temperature, the nucleation-table overpotentials and the mesoscale sweep.
inline const std::set<std::string> kConditionsKeys{"T_K",          "eta_mV", "current_mA_cm2", "temperature_C", "pressure_MPa",
                                                   "capacity_mAh_cm2", "cycles", "seed",   "interface"};

/// [conditions.interface]: the interface maps and the simulator's criteria and numerics.
inline const std::set<std::string> kInterfaceKeys{
    "cells",        "cell_nm",        "substrates",     "coating",        "coating_on",          "coating_fraction",
    "coating_island_nm", "gap_fraction", "gap_size_nm", "gap_depth_nm", "pore_fraction", "pore_size_nm", "pore_depth_nm",   "built_in_field",      "eta_cutoff_V",
    "C_dl_F_m2",    "capture_number", "void_height_nm", "focusing_limit", "fail_remaining_fraction", "continuity_coverage",
    "eta_step_mV",  "population_step", "min_steps",     "max_steps",      "snapshots",
    "min_nuclei",   "max_cells"};

/// [na]: Na metal and the Na|electrolyte interface.
inline const std::set<std::string> kNaKeys{"gamma_Na_J_m2",     "E_coh_eV",          "omega_A3",        "source",
                                           "i0_A_m2",           "alpha",             "creep_A_per_s_Pa_n", "creep_n",
                                           "creep_Q_eV",        "creep_ref_stress_MPa", "creep_ref_strain_rate_per_s",
                                           "creep_ref_T_K",     "yield_MPa",         "vacancy_Ef_eV",   "vacancy_Em_eV",
                                           "vacancy_nu_Hz",     "vacancy_jump_A",    "vacancy_z",       "vacancy_length_um",
                                           "creep_length_nm",   "substrate_i0_A_m2"};

/// [[substrate]]: one parameter-table row.
inline const std::set<std::string> kSubstrateKeys{"name",         "E_bind_eV", "W_ad_J_m2",      "theta_deg",       "Ea_diff_eV",
                                                  "nu0_Hz",       "hop_length_A", "hops_per_site", "site_density_m2", "i0_A_m2",
                                                  "field_offset_mV", "source",
                                                  // alloying coating (docs/upscale.md, "Alloying coatings")
                                                  "alloy_phase", "alloy_formation_eV_per_atom", "alloy_na_per_coating_atom",
                                                  "coating_atoms_per_m2", "alloy_E_bind_eV", "alloy_W_ad_J_m2",
                                                  "alloy_Ea_diff_eV", "alloy_nu0_Hz", "alloy_hop_length_A",
                                                  "alloy_hops_per_site"};

}  // namespace nabridge::upscale
