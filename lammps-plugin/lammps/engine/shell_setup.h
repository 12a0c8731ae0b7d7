#pragma once
// A core–shell model (PotentialSpec::shells) in an embedded LAMMPS, shared by the bulk perovskite
// relaxation (shell_bulk.h) and the adiabatic-shell engine (shell_engine.h): atom types per
// element, core then shell (Ba core 1, Ba shell 2, ...); every shell tied to the core before it by
// a class2 bond (K2 = k2/2, K3 = 0, K4 = k4/24, r0 = 0: U = k2/2 r^2 + k4/24 r^4), atom_style
// full, `special_bonds coul 0 0 0` so a core does not see its own shell. Rigid ions (elements
// with a charge and no shell, e.g. a Na adatom): when the model sets a DSF cutoff
// (PotentialSpec::rigid_ion_dsf_*) they carry no charge in LAMMPS's Ewald sum and their Coulomb
// interaction with every particle is a tabulated damped shifted force, so one charged adsorbate
// has no image lattice and needs no neutralising background; without it they are Ewald charges
// (right for a neutral bulk such as Na2O).
#include <string>
#include <vector>

#include "core/potential_spec.h"
#include "core/structure.h"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace nabridge {

struct ShellTypes {
  std::vector<int> core_type, shell_type, bond_type;  // per element of the model (0: none)
  std::vector<double> mass_amu;                      // per atom type
  std::vector<double> charge_e;                      // per atom type, as LAMMPS sees it (rigid ions 0)
  std::vector<double> dsf_charge_e;                  // per atom type, the charge the DSF table uses
  std::vector<bool> rigid_ion;                       // per atom type: a rigid ion with DSF Coulomb
  int types = 0, bond_types = 0;
};

/// The type layout of `model`; std::invalid_argument (naming the potential) for an element with
/// neither a shell nor a charge.
ShellTypes shell_types(const PotentialSpec& model);

struct ShellParticle {
  int type = 0;
  Vec3 x = Vec3::Zero();
  int bond_type = 0;  // shells: the core–shell bond type (their core is the particle before)
};

/// Every atom of `species`/`positions` as its core (or rigid ion) followed, for a shelled element,
/// by its shell at the core's position plus `shell_offset_A` (3 x N; empty: on the core).
std::vector<ShellParticle> core_shell_particles(const PotentialSpec& model, const ShellTypes& types,
                                                const std::vector<std::string>& species, const Positions& positions_A,
                                                const Positions& shell_offset_A = {});

/// Writes a LAMMPS data file (atom_style full) of `particles` in the upper-triangular `cell`
/// (a ∥ x, b in xy; std::invalid_argument otherwise) and returns its path (the caller removes it).
std::string write_shell_data_file(const std::vector<ShellParticle>& particles, const ShellTypes& types,
                                  const Mat3& cell);

/// Defines the model in `lmp` after read_data: bond style and coefficients, special bonds, the
/// model's commands and, for rigid ions, the DSF table (written next to `table_path`; without the
/// like pairs of an applied metal film, potentials::metal_film_model).
void define_shell_model(LAMMPS_NS::LAMMPS* lmp, const PotentialSpec& model, const ShellTypes& types,
                        const std::string& table_path);

/// Damped shifted force Coulomb energy (eV) and radial force −dE/dr (eV/Å) between charges qi, qj
/// (e) at r (Å): E = k qi qj [erfc(αr)/r − erfc(αrc)/rc + (r − rc)(erfc(αrc)/rc² + 2α/√π e^{−α²rc²}/rc)]
/// for r < rc, 0 beyond (Fennell & Gezelter, J. Chem. Phys. 124, 234104 (2006), as LAMMPS's
/// coul/dsf without its constant self-energy).
struct DsfValue {
  double energy_eV = 0.0, force_eV_A = 0.0;
};
DsfValue dsf_coulomb(double qi_e, double qj_e, double r_A, double alpha_per_A, double cutoff_A);

}  // namespace nabridge
