#include "styles/pair_morse_bond_order.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "atom.h"
#include "compat/lammps_compat.h"
#include "error.h"
#include "force.h"
#include "memory.h"
#include "neigh_list.h"
#include "utils.h"

namespace nabridge {

namespace {
constexpr double kPi = 3.14159265358979323846;
const std::string kStyle = "pair nabridge/morse/bondorder: ";
}  // namespace

PairMorseBondOrder::PairMorseBondOrder(LAMMPS_NS::LAMMPS* lmp) : Pair(lmp) {
  single_enable = 0;
  restartinfo = 0;
  manybody_flag = 1;  // an atom's energy depends on its neighbours' positions relative to each other
  comm_forward = 2;   // b(N_i), dE/dN_i
  comm_reverse = 2;   // N_i, S_i
}

PairMorseBondOrder::~PairMorseBondOrder() {
  if (!allocated) return;
  memory->destroy(setflag);
  memory->destroy(cutsq);
  memory->destroy(d0_);
  memory->destroy(alpha_);
  memory->destroy(r0_);
  memory->destroy(cut_);
  memory->destroy(offset_);
}

void PairMorseBondOrder::allocate() {
  allocated = 1;
  const int n = atom->ntypes + 1;
  memory->create(setflag, n, n, "pair:setflag");
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) setflag[i][j] = 0;
  memory->create(cutsq, n, n, "pair:cutsq");
  memory->create(d0_, n, n, "pair:d0");
  memory->create(alpha_, n, n, "pair:alpha");
  memory->create(r0_, n, n, "pair:r0");
  memory->create(cut_, n, n, "pair:cut");
  memory->create(offset_, n, n, "pair:offset");
}

void PairMorseBondOrder::settings(int narg, char** arg) {
  if (narg != 1) error->all(FLERR, kStyle + "expected one argument, the global Morse cutoff (A)");
  cut_global_ = LAMMPS_NS::utils::numeric(FLERR, arg[0], false, lmp);
  if (!(cut_global_ > 0.0)) error->all(FLERR, kStyle + "the cutoff must be > 0");
}

void PairMorseBondOrder::coeff(int narg, char** arg) {
  if (narg < 2) error->all(FLERR, kStyle + "pair_coeff needs two types");
  if (!allocated) allocate();
  int ilo = 0, ihi = 0, jlo = 0, jhi = 0;
  LAMMPS_NS::utils::bounds(FLERR, arg[0], 1, atom->ntypes, ilo, ihi, error);
  LAMMPS_NS::utils::bounds(FLERR, arg[1], 1, atom->ntypes, jlo, jhi, error);
  if (ilo == ihi && jlo == jhi && ilo == jlo)
    set_adsorbate_coeff(ilo, narg - 2, arg + 2);
  else
    set_morse_coeff(ilo, ihi, jlo, jhi, narg - 2, arg + 2);
}

// `pair_coeff N N beta n r_on r_off`: N is the adsorbate type whose own coordination damps its bonds.
void PairMorseBondOrder::set_adsorbate_coeff(int type, int narg, char** arg) {
  if (narg != 4)
    error->all(FLERR, kStyle + "pair_coeff N N takes beta n r_on r_off (the adsorbate type's bond order)");
  if (adsorbate_type_ != 0 && adsorbate_type_ != type)
    error->all(FLERR, kStyle + "only one type can carry the bond order; type " + std::to_string(adsorbate_type_) +
                          " already does");
  beta_ = LAMMPS_NS::utils::numeric(FLERR, arg[0], false, lmp);
  exponent_n_ = LAMMPS_NS::utils::numeric(FLERR, arg[1], false, lmp);
  r_on_ = LAMMPS_NS::utils::numeric(FLERR, arg[2], false, lmp);
  r_off_ = LAMMPS_NS::utils::numeric(FLERR, arg[3], false, lmp);
  if (beta_ < 0.0) error->all(FLERR, kStyle + "beta must be >= 0");
  // n < 1 makes b'(N) diverge at N = 0, the isolated adatom.
  if (exponent_n_ < 1.0) error->all(FLERR, kStyle + "n must be >= 1");
  if (!(r_on_ > 0.0 && r_off_ > r_on_)) error->all(FLERR, kStyle + "need 0 < r_on < r_off");
  adsorbate_type_ = type;
  setflag[type][type] = 1;
}

// `pair_coeff I J D0 alpha r0 [cutoff]`: the host–adsorbate Morse.
void PairMorseBondOrder::set_morse_coeff(int ilo, int ihi, int jlo, int jhi, int narg, char** arg) {
  if (narg != 3 && narg != 4) error->all(FLERR, kStyle + "pair_coeff I J takes D0 alpha r0 [cutoff]");
  const double d0 = LAMMPS_NS::utils::numeric(FLERR, arg[0], false, lmp);
  const double alpha = LAMMPS_NS::utils::numeric(FLERR, arg[1], false, lmp);
  const double r0 = LAMMPS_NS::utils::numeric(FLERR, arg[2], false, lmp);
  const double cut = narg == 4 ? LAMMPS_NS::utils::numeric(FLERR, arg[3], false, lmp) : cut_global_;
  int count = 0;
  for (int i = ilo; i <= ihi; ++i)
    for (int j = std::max(jlo, i); j <= jhi; ++j) {
      if (i == j) error->all(FLERR, kStyle + "a Morse term needs two different types (type " + std::to_string(i) + ")");
      d0_[i][j] = d0;
      alpha_[i][j] = alpha;
      r0_[i][j] = r0;
      cut_[i][j] = cut;
      setflag[i][j] = 1;
      ++count;
    }
  if (count == 0) error->all(FLERR, kStyle + "incorrect args for pair coefficients");
}

void PairMorseBondOrder::init_style() {
  if (atom->molecular != LAMMPS_NS::Atom::ATOMIC)
    error->all(FLERR, kStyle + "special-bond weights are not supported: use an atomic system");
  if (adsorbate_type_ == 0)
    error->all(FLERR, kStyle + "no `pair_coeff N N beta n r_on r_off` line names the adsorbate type");
  Pair::init_style();  // a half neighbour list, as pair styles request by default
}

double PairMorseBondOrder::init_one(int i, int j) {
  if (!setflag[i][j]) return 0.0;  // no term between these types
  if (i == j) return r_off_;       // the adsorbate's coordination shell
  if (i != adsorbate_type_ && j != adsorbate_type_)
    error->all(FLERR, kStyle + "the Morse term " + std::to_string(i) + " " + std::to_string(j) +
                          " does not involve the adsorbate type " + std::to_string(adsorbate_type_));
  offset_[i][j] = offset_flag ? morse_energy(i, j, cut_[i][j]) : 0.0;
  for (double** p : {d0_, alpha_, r0_, cut_, offset_}) p[j][i] = p[i][j];
  return cut_[i][j];
}

double PairMorseBondOrder::morse_energy(int itype, int jtype, double r) const {
  const double e = std::exp(-alpha_[itype][jtype] * (r - r0_[itype][jtype]));
  return d0_[itype][jtype] * (e * e - 2.0 * e);
}

double PairMorseBondOrder::morse_dV_dr(int itype, int jtype, double r) const {
  const double e = std::exp(-alpha_[itype][jtype] * (r - r0_[itype][jtype]));
  return 2.0 * alpha_[itype][jtype] * d0_[itype][jtype] * (e - e * e);
}

double PairMorseBondOrder::taper(double r) const {
  if (r <= r_on_) return 1.0;
  if (r >= r_off_) return 0.0;
  return 0.5 * (1.0 + std::cos(kPi * (r - r_on_) / (r_off_ - r_on_)));
}

double PairMorseBondOrder::taper_derivative(double r) const {
  if (r <= r_on_ || r >= r_off_) return 0.0;
  const double width = r_off_ - r_on_;
  return -0.5 * kPi / width * std::sin(kPi * (r - r_on_) / width);
}

void PairMorseBondOrder::grow_per_atom_arrays() {
  if (atom->nmax <= nmax_) return;
  nmax_ = atom->nmax;
  for (auto* v : {&coordination_, &host_bond_sum_, &bond_order_, &dE_dN_}) v->assign(nmax_, 0.0);
}

void PairMorseBondOrder::compute(int eflag, int vflag) {
  ev_init(eflag, vflag);
  grow_per_atom_arrays();
  accumulate_coordination_and_bonds();
  if (force->newton_pair) lammps_compat::reverse_comm(lmp, this);
  bond_orders(eflag);
  lammps_compat::forward_comm(lmp, this);
  forces();
  if (vflag_fdotr) virial_fdotr_compute();
}

// Calls visit(i, j, itype, jtype, r, x_i - x_j) for every pair of the half list within the
// cutoff of a pair with a coefficient (host–adsorbate Morse or adsorbate–adsorbate coordination).
template <typename Visit>
void PairMorseBondOrder::for_each_pair_in_range(Visit&& visit) const {
  double** x = atom->x;
  const int* type = atom->type;
  for (int ii = 0; ii < list->inum; ++ii) {
    const int i = list->ilist[ii];
    for (int jj = 0; jj < list->numneigh[i]; ++jj) {
      const int j = list->firstneigh[i][jj] & NEIGHMASK;
      const int itype = type[i], jtype = type[j];
      const double d[3] = {x[i][0] - x[j][0], x[i][1] - x[j][1], x[i][2] - x[j][2]};
      const double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
      if (r2 >= cutsq[itype][jtype] || !setflag[std::min(itype, jtype)][std::max(itype, jtype)]) continue;
      visit(i, j, itype, jtype, std::sqrt(r2), d);
    }
  }
}

void PairMorseBondOrder::accumulate_coordination_and_bonds() {
  const int nlocal = atom->nlocal;
  const int nall = nlocal + atom->nghost;
  const int newton_pair = force->newton_pair;
  std::fill(coordination_.begin(), coordination_.begin() + nall, 0.0);
  std::fill(host_bond_sum_.begin(), host_bond_sum_.begin() + nall, 0.0);
  for_each_pair_in_range([&](int i, int j, int itype, int jtype, double r, const double*) {
    // With newton_pair off, a ghost's owner counts this pair itself.
    const bool count_j = newton_pair || j < nlocal;
    if (itype == adsorbate_type_ && jtype == adsorbate_type_) {
      const double fc = taper(r);
      coordination_[i] += fc;
      if (count_j) coordination_[j] += fc;
    } else {
      const double v = morse_energy(itype, jtype, r) - offset_[itype][jtype];
      if (itype == adsorbate_type_)
        host_bond_sum_[i] += v;
      else if (count_j)
        host_bond_sum_[j] += v;
    }
  });
}

void PairMorseBondOrder::bond_orders(int eflag) {
  const int* type = atom->type;
  const double n = exponent_n_;
  for (int i = 0; i < atom->nlocal; ++i) {
    if (type[i] != adsorbate_type_) continue;
    const double x = coordination_[i];
    const double u = 1.0 + std::pow(beta_ * x, n);
    const double b = std::pow(u, -0.5 / n);
    // db/dN = -(1/2) beta^n N^(n-1) u^(-1/(2n) - 1)
    const double db_dN = -0.5 * std::pow(beta_, n) * std::pow(x, n - 1.0) * b / u;
    bond_order_[i] = b;
    dE_dN_[i] = db_dN * host_bond_sum_[i];
    if (eflag) {
      const double e_i = b * host_bond_sum_[i];
      if (eflag_global) eng_vdwl += e_i;
      if (eflag_atom) eatom[i] += e_i;
    }
  }
}

void PairMorseBondOrder::forces() {
  const int nlocal = atom->nlocal;
  const int newton_pair = force->newton_pair;
  double** f = atom->f;
  for_each_pair_in_range([&](int i, int j, int itype, int jtype, double r, const double* d) {
    double dE_dr = 0.0;
    if (itype == adsorbate_type_ && jtype == adsorbate_type_)
      dE_dr = (dE_dN_[i] + dE_dN_[j]) * taper_derivative(r);  // r_ij enters N_i and N_j
    else
      dE_dr = bond_order_[itype == adsorbate_type_ ? i : j] * morse_dV_dr(itype, jtype, r);
    const double fpair = -dE_dr / r;  // force on i along (x_i - x_j), divided by r
    for (int k = 0; k < 3; ++k) f[i][k] += d[k] * fpair;
    if (newton_pair || j < nlocal)
      for (int k = 0; k < 3; ++k) f[j][k] -= d[k] * fpair;
    if (evflag) ev_tally(i, j, nlocal, newton_pair, 0.0, 0.0, fpair, d[0], d[1], d[2]);
  });
}

int PairMorseBondOrder::pack_forward_comm(int n, int* list_of_atoms, double* buf, int /*pbc_flag*/, int* /*pbc*/) {
  int m = 0;
  for (int k = 0; k < n; ++k) {
    const int j = list_of_atoms[k];
    buf[m++] = bond_order_[j];
    buf[m++] = dE_dN_[j];
  }
  return m;
}

void PairMorseBondOrder::unpack_forward_comm(int n, int first, double* buf) {
  int m = 0;
  for (int i = first; i < first + n; ++i) {
    bond_order_[i] = buf[m++];
    dE_dN_[i] = buf[m++];
  }
}

int PairMorseBondOrder::pack_reverse_comm(int n, int first, double* buf) {
  int m = 0;
  for (int i = first; i < first + n; ++i) {
    buf[m++] = coordination_[i];
    buf[m++] = host_bond_sum_[i];
  }
  return m;
}

void PairMorseBondOrder::unpack_reverse_comm(int n, int* list_of_atoms, double* buf) {
  int m = 0;
  for (int k = 0; k < n; ++k) {
    const int j = list_of_atoms[k];
    coordination_[j] += buf[m++];
    host_bond_sum_[j] += buf[m++];
  }
}

}  // namespace nabridge
