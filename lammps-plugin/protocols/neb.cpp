#include "protocols/neb.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "core/neighbor_pairs.h"
#include "nabridge/base/notes.h"
#include "optimize/fire.h"
#include "optimize/lbfgs.h"

namespace nabridge {

namespace {

void require_matching(const Structure& a, const Structure& b) {
  if (a.size() != b.size()) throw std::invalid_argument("neb: the endpoints have different atom counts");
  if (a.species != b.species) throw std::invalid_argument("neb: the endpoints have different species");
  if ((a.cell - b.cell).cwiseAbs().maxCoeff() > 1e-8)
    throw std::invalid_argument("neb: the endpoints have different cells");
  if (a.size() == 0) throw std::invalid_argument("neb: the endpoints have no atoms");
}

/// b with every atom moved to its periodic image nearest to the same atom in a, so the band
/// does not cross the cell the long way round.
Structure aligned(const Structure& a, const Structure& b) {
  Structure out = b;
  for (Eigen::Index i = 0; i < a.positions.cols(); ++i)
    out.positions.col(i) = a.positions.col(i) + minimum_image(a, b.positions.col(i) - a.positions.col(i));
  return out;
}

/// All images of a band as one Structure (atoms of image 1, then image 2, ...), so a standard
/// optimiser can move the whole band; its "forces" are the NEB forces.
class BandEngine : public Engine {
 public:
  BandEngine(Engine& engine, std::vector<Structure>& images, const NebOptions& opt)
      : engine_(engine), images_(images), opt_(opt), energies_(images.size(), 0.0) {
    energies_.front() = engine_.energy(images_.front());
    energies_.back() = engine_.energy(images_.back());
  }
  Structure band() const {
    Structure s;
    s.cell = images_[0].cell;
    s.pbc = images_[0].pbc;
    for (std::size_t k = 1; k + 1 < images_.size(); ++k)
      for (std::size_t i = 0; i < images_[k].size(); ++i)
        s.add_atom(images_[k].species[i], images_[k].positions.col(static_cast<Eigen::Index>(i)),
                   images_[k].free_dofs[i]);
    return s;
  }
  void set_climb(bool on) { climb_ = on; }
  const std::vector<double>& energies() const { return energies_; }
  std::string describe() const override { return "neb band over " + engine_.describe(); }
  bool provides_virial() const override { return false; }  // band forces have no cell derivative

 protected:
  void compute(const Structure& band, Evaluation& out, bool) override {
    const auto n = static_cast<Eigen::Index>(images_[0].size());
    const std::size_t m = images_.size();
    std::vector<Positions> true_forces(m);
    Evaluation ev;
    for (std::size_t k = 1; k + 1 < m; ++k) {
      images_[k].positions = band.positions.middleCols(static_cast<Eigen::Index>(k - 1) * n, n);
      engine_.evaluate(images_[k], ev);
      energies_[k] = ev.energy_eV;
      true_forces[k] = ev.forces_eV_A;
    }
    const std::size_t top =
        static_cast<std::size_t>(std::max_element(energies_.begin() + 1, energies_.end() - 1) - energies_.begin());
    const double e_ref = std::max(energies_.front(), energies_.back());
    const double e_max = energies_[top];
    auto spring = [&](std::size_t k) {  // between image k and k+1
      if (!opt_.energy_weighted || e_max <= e_ref) return opt_.spring_eV_A2;
      const double e = std::max(energies_[k], energies_[k + 1]);
      const double k_min = 0.1 * opt_.spring_eV_A2;
      return e > e_ref ? opt_.spring_eV_A2 - (opt_.spring_eV_A2 - k_min) * (e_max - e) / (e_max - e_ref) : k_min;
    };
    out.forces_eV_A.resize(3, n * static_cast<Eigen::Index>(m - 2));
    for (std::size_t k = 1; k + 1 < m; ++k) {
      const Positions plus = images_[k + 1].positions - images_[k].positions;
      const Positions minus = images_[k].positions - images_[k - 1].positions;
      const double ep = energies_[k + 1], e0 = energies_[k], em = energies_[k - 1];
      Positions tau;
      if (ep > e0 && e0 > em) tau = plus;
      else if (ep < e0 && e0 < em) tau = minus;
      else {
        const double dmax = std::max(std::abs(ep - e0), std::abs(em - e0));
        const double dmin = std::min(std::abs(ep - e0), std::abs(em - e0));
        tau = ep > em ? (plus * dmax + minus * dmin).eval() : (plus * dmin + minus * dmax).eval();
      }
      project_to_free(images_[k], tau);
      const double norm = tau.norm();
      if (norm > 0) tau /= norm;
      Positions f = true_forces[k];
      project_to_free(images_[k], f);
      const double f_par = (f.array() * tau.array()).sum();
      Positions neb;
      if (climb_ && k == top) {
        neb = f - 2.0 * f_par * tau;
      } else {
        const double spring_par = spring(k) * plus.norm() - spring(k - 1) * minus.norm();
        neb = f - f_par * tau + spring_par * tau;
      }
      out.forces_eV_A.middleCols(static_cast<Eigen::Index>(k - 1) * n, n) = neb;
    }
    out.energy_eV = e_max;
    out.virial_eV.reset();
  }

 private:
  Engine& engine_;
  std::vector<Structure>& images_;
  const NebOptions& opt_;
  std::vector<double> energies_;
  bool climb_ = false;
};

/// Image-dependent pair potential of one image: S = Σ w(d)(d − d_target)², w = d⁻⁴, over pairs
/// chosen in the endpoints (minimum-image vectors fixed by the linear path).
class IdppEngine : public Engine {
 public:
  struct Pair { std::size_t i, j; double target_A; Vec3 image_shift_A; };
  explicit IdppEngine(std::vector<Pair> pairs) : pairs_(std::move(pairs)) {}
  std::string describe() const override { return "idpp"; }
  bool provides_virial() const override { return false; }

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    out.energy_eV = 0;
    out.forces_eV_A.setZero(3, static_cast<Eigen::Index>(s.size()));
    for (const auto& p : pairs_) {
      const Vec3 d = s.positions.col(static_cast<Eigen::Index>(p.j)) + p.image_shift_A -
                     s.positions.col(static_cast<Eigen::Index>(p.i));
      const double r = d.norm();
      const double r2 = r * r, w = 1.0 / (r2 * r2);
      const double diff = r - p.target_A;
      out.energy_eV += w * diff * diff;
      const double dS_dr = -4.0 * w / r * diff * diff + 2.0 * w * diff;
      const Vec3 g = dS_dr * d / r;  // dS/dr_j
      out.forces_eV_A.col(static_cast<Eigen::Index>(p.j)) -= g;
      out.forces_eV_A.col(static_cast<Eigen::Index>(p.i)) += g;
    }
  }

 private:
  std::vector<Pair> pairs_;
};

double max_norm_of_difference(const Structure& a, const Structure& b) {
  double d = 0;
  for (Eigen::Index i = 0; i < a.positions.cols(); ++i)
    d = std::max(d, minimum_image(a, b.positions.col(i) - a.positions.col(i)).norm());
  return d;
}

void require_known_optimizer(const NebOptions& opt) {
  if (opt.optimizer != "fire" && opt.optimizer != "lbfgs")
    throw std::invalid_argument("neb: 'optimizer' must be fire or lbfgs, got '" + opt.optimizer + "'");
}

}  // namespace

std::vector<Structure> interpolate_linear(const Structure& a, const Structure& b_in, int n) {
  require_matching(a, b_in);
  if (n < 1) throw std::invalid_argument("neb: 'images' must be >= 1");
  const Structure b = aligned(a, b_in);
  std::vector<Structure> images{a};
  for (int k = 1; k <= n; ++k) {
    Structure s = a;
    const double t = static_cast<double>(k) / (n + 1);
    s.positions = (1 - t) * a.positions + t * b.positions;
    images.push_back(s);
  }
  images.push_back(b);
  return images;
}

std::vector<Structure> interpolate_idpp(const Structure& a, const Structure& b_in, int n) {
  std::vector<Structure> images = interpolate_linear(a, b_in, n);
  const Structure& b = images.back();
  const double cutoff = 8.0;
  OptimizerOptions fopt;
  fopt.fmax_eV_A = 1e-3;
  fopt.max_steps = 500;
  fopt.max_step_A = 0.05;
  Fire fire(fopt);
  // A pair within the cutoff in b lies within cutoff + (the two largest moves) in a. Pairs of
  // two frozen atoms add a constant to the IDPP objective and no force on a free atom: skipped.
  double largest_A = 0, second_A = 0;
  for (Eigen::Index i = 0; i < a.positions.cols(); ++i) {
    const double d = (b.positions.col(i) - a.positions.col(i)).norm();
    if (d > largest_A) second_A = largest_A, largest_A = d;
    else second_A = std::max(second_A, d);
  }
  std::vector<std::pair<std::size_t, std::size_t>> candidates;
  for (const auto& [i, j] : candidate_pairs(a, cutoff + largest_A + second_A))
    if (a.free_dofs[i] != dof::kNone || a.free_dofs[j] != dof::kNone) candidates.emplace_back(i, j);
  std::sort(candidates.begin(), candidates.end());  // the summation order of the all-pairs loop
  const Mat3 cell_inverse = a.cell.inverse();
  for (int k = 1; k <= n; ++k) {
    const double t = static_cast<double>(k) / (n + 1);
    std::vector<IdppEngine::Pair> pairs;
    for (const auto& [i, j] : candidates) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      const Vec3 raw =
          images[static_cast<std::size_t>(k)].positions.col(jj) - images[static_cast<std::size_t>(k)].positions.col(ii);
      const Vec3 shift = minimum_image(a, cell_inverse, raw) - raw;  // lattice vector of the nearest image
      const double da = (a.positions.col(jj) + shift - a.positions.col(ii)).norm();
      const double db = (b.positions.col(jj) + shift - b.positions.col(ii)).norm();
      if (std::min(da, db) < cutoff) pairs.push_back({i, j, (1 - t) * da + t * db, shift});
    }
    IdppEngine idpp(std::move(pairs));
    fire.minimize(idpp, images[static_cast<std::size_t>(k)]);
  }
  return images;
}

NebResult run_neb(Engine& engine, Structure initial, Structure final, const NebOptions& opt) {
  require_matching(initial, final);
  if (opt.interpolation != "idpp" && opt.interpolation != "linear")
    throw std::invalid_argument("neb: 'interpolation' must be idpp or linear, got '" + opt.interpolation + "'");
  require_known_optimizer(opt);
  const long calls0 = engine.force_calls();
  std::string endpoint_note;
  if (opt.relax_endpoints) {
    OptimizerOptions eopt;
    eopt.fmax_eV_A = opt.endpoint_fmax_eV_A;
    Fire fire(eopt);
    const auto ri = fire.minimize(engine, initial);
    const auto rf = fire.minimize(engine, final);
    if (!ri.converged || !rf.converged) endpoint_note = "endpoint relaxation did not converge";
  }
  final = aligned(initial, final);
  if (max_norm_of_difference(initial, final) < opt.same_minimum_tol_A) {
    NebResult res;
    res.message = endpoint_note;
    append_note(res.message, "the endpoints relax into the same minimum: no path to compute");
    res.force_calls = engine.force_calls() - calls0;
    return res;
  }
  NebResult res = relax_band(engine,
                             opt.interpolation == "idpp" ? interpolate_idpp(initial, final, opt.images)
                                                         : interpolate_linear(initial, final, opt.images),
                             opt);
  if (!endpoint_note.empty()) {
    res.converged = false;
    append_note(endpoint_note, res.message);  // the endpoints' finding first, as it happened first
    res.message = endpoint_note;
  }
  res.force_calls = engine.force_calls() - calls0;
  return res;
}

NebResult relax_band(Engine& engine, std::vector<Structure> images, const NebOptions& opt) {
  if (images.size() < 3) throw std::invalid_argument("neb: a band needs at least one intermediate image");
  require_known_optimizer(opt);
  NebResult res;
  const long calls0 = engine.force_calls();
  BandEngine band_engine(engine, images, opt);
  Structure band = band_engine.band();
  OptimizerOptions bopt;
  bopt.max_step_A = opt.max_step_A;
  bopt.fmax_eV_A = opt.climb ? std::max(opt.climb_switch_eV_A, opt.fmax_eV_A) : opt.fmax_eV_A;
  bopt.max_steps = opt.max_steps;
  auto relax_stage = [&](const OptimizerOptions& o) {
    if (opt.optimizer == "fire") return Fire(o).minimize(band_engine, band);
    LbfgsParameters lp;
    lp.line_search = false;
    return Lbfgs(o, lp).minimize(band_engine, band);
  };
  OptimizerResult stage = relax_stage(bopt);
  res.iterations = stage.steps;
  if (opt.climb) {
    band_engine.set_climb(true);
    bopt.fmax_eV_A = opt.fmax_eV_A;
    bopt.max_steps = std::max(1, opt.max_steps - res.iterations);
    stage = relax_stage(bopt);
    res.iterations += stage.steps;
  }
  res.converged = stage.converged;
  if (!stage.converged)
    append_note(res.message, fmt::format("band not converged in {} iterations (max force {:.4g} eV/A > {:.4g})",
                                         res.iterations, stage.fmax_eV_A, opt.fmax_eV_A));

  res.energy_eV = band_engine.energies();
  res.images = images;
  res.saddle_image =
      static_cast<std::size_t>(std::max_element(res.energy_eV.begin(), res.energy_eV.end()) - res.energy_eV.begin());
  res.barrier_eV = res.energy_eV[res.saddle_image] - res.energy_eV.front();
  res.reverse_barrier_eV = res.energy_eV[res.saddle_image] - res.energy_eV.back();
  res.dE_eV = res.energy_eV.back() - res.energy_eV.front();
  // The highest point of the band at an endpoint: that endpoint is not a minimum (e.g. an adatom
  // started on a site it slides away from), so the band has no saddle and there is no barrier.
  if (res.saddle_image == 0 || res.saddle_image + 1 == res.energy_eV.size()) {
    res.converged = false;
    append_note(res.message,
                fmt::format("the band only descends from the {} endpoint: it is not a minimum, there is no saddle",
                            res.saddle_image == 0 ? "initial" : "final"));
  }
  // A band image below both endpoints means the path runs through another minimum: the highest
  // image is then not the saddle of this elementary hop, so no barrier is claimed for it.
  const double lowest_end = std::min(res.energy_eV.front(), res.energy_eV.back());
  const auto lowest = std::min_element(res.energy_eV.begin() + 1, res.energy_eV.end() - 1);
  if (*lowest < lowest_end - opt.intermediate_minimum_tolerance_eV) {
    res.converged = false;
    res.below_ends_image = static_cast<std::size_t>(lowest - res.energy_eV.begin());
    append_note(res.message, fmt::format("image {} lies {:.4f} eV below the lower endpoint: the band passes through "
                                         "another minimum (not an elementary hop; split it there or change the path)",
                                         lowest - res.energy_eV.begin(), lowest_end - *lowest));
  }
  double s = 0;
  res.reaction_coordinate_A = {0.0};
  for (std::size_t k = 1; k < images.size(); ++k) {
    s += (images[k].positions - images[k - 1].positions).norm();
    res.reaction_coordinate_A.push_back(s);
  }
  Eigen::Index moving = 0;
  (images.back().positions - images.front().positions).colwise().norm().maxCoeff(&moving);
  res.moving_atom = static_cast<std::size_t>(moving);
  res.saddle_A = images[res.saddle_image].positions.col(moving);
  res.force_calls = engine.force_calls() - calls0;
  return res;
}

}  // namespace nabridge
