#pragma once
// pair_style nabridge/morse/bondorder: a Morse bond between a host atom and an adsorbate atom
// (one atom type, e.g. Na) whose strength falls as the adsorbate gains neighbours of its own
// kind. An isolated Na adatom has its full host bonds; a Na in a closed layer shares its valence
// electron with its Na neighbours and binds the host far more weakly, which no pair term can give
// (PBE: Na on TiO2-BaTiO3(001) binds by 2.6 eV as an adatom, a Na(110) layer by 0.23 eV per Na).
//
//   E = sum_{i in N} b(N_i) sum_{j not in N} V_ij(r_ij),   V = D0 [exp(-2a(r-r0)) - 2 exp(-a(r-r0))]
//   b(x) = [1 + (beta x)^n]^(-1/(2n)),  N_i = sum_{k in N, k != i} f_c(r_ik)
// with f_c = 1 below r_on, a cosine taper to 0 at r_off. Docs: docs/styles/pair_nabridge_morse_bondorder.md.
#include <vector>

#include "pair.h"

namespace nabridge {

class PairMorseBondOrder : public LAMMPS_NS::Pair {
 public:
  explicit PairMorseBondOrder(LAMMPS_NS::LAMMPS* lmp);
  ~PairMorseBondOrder() override;

  void compute(int eflag, int vflag) override;
  void settings(int narg, char** arg) override;
  void coeff(int narg, char** arg) override;
  void init_style() override;
  double init_one(int i, int j) override;

  int pack_forward_comm(int n, int* list, double* buf, int pbc_flag, int* pbc) override;
  void unpack_forward_comm(int n, int first, double* buf) override;
  int pack_reverse_comm(int n, int first, double* buf) override;
  void unpack_reverse_comm(int n, int* list, double* buf) override;

 private:
  void allocate();
  void grow_per_atom_arrays();
  void set_adsorbate_coeff(int type, int narg, char** arg);
  void set_morse_coeff(int ilo, int ihi, int jlo, int jhi, int narg, char** arg);
  template <typename Visit>
  void for_each_pair_in_range(Visit&& visit) const;
  /// Pass 1: every adsorbate's coordination N_i and host bond sum S_i (owned atoms complete).
  void accumulate_coordination_and_bonds();
  /// b(N_i) and dE/dN_i = b'(N_i) S_i of each owned adsorbate; tallies E_i = b(N_i) S_i.
  void bond_orders(int eflag);
  /// Pass 2: forces from the damped host bonds and from the coordination's dependence on r.
  void forces();
  double morse_energy(int itype, int jtype, double r) const;
  double morse_dV_dr(int itype, int jtype, double r) const;
  double taper(double r) const;
  double taper_derivative(double r) const;

  double cut_global_ = 0.0;
  int adsorbate_type_ = 0;  // the type of the `pair_coeff N N` line; 0 until given
  double beta_ = 0.0, exponent_n_ = 1.0, r_on_ = 0.0, r_off_ = 0.0;
  double **d0_ = nullptr, **alpha_ = nullptr, **r0_ = nullptr, **cut_ = nullptr, **offset_ = nullptr;

  int nmax_ = 0;
  std::vector<double> coordination_, host_bond_sum_;  // reverse-communicated
  std::vector<double> bond_order_, dE_dN_;            // forward-communicated
};

}  // namespace nabridge
