#pragma once
// Two-dimensional model energy surfaces as one-atom Engines (the atom moves in x, y; z is
// frozen by the caller): the Müller–Brown surface (Müller & Brown, Theor. Chim. Acta 53, 75
// (1979)) and a separable double well; and a periodic split-well surface for an adatom over a
// slab. Test-only.
#include <cmath>

#include "core/engine.h"
#include "protocols/neb.h"

namespace nabridge::testing {

class PlaneEngine : public Engine {
 public:
  bool provides_virial() const override { return false; }
  /// E(x, y) and its gradient.
  virtual double value(double x, double y, double& gx, double& gy) const = 0;

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    double gx = 0, gy = 0;
    out.energy_eV = value(s.positions(0, 0), s.positions(1, 0), gx, gy);
    out.forces_eV_A.setZero(3, 1);
    out.forces_eV_A(0, 0) = -gx;
    out.forces_eV_A(1, 0) = -gy;
  }
};

class MullerBrown : public PlaneEngine {
 public:
  std::string describe() const override { return "muller-brown"; }
  double value(double x, double y, double& gx, double& gy) const override {
    static const double A[4] = {-200, -100, -170, 15}, a[4] = {-1, -1, -6.5, 0.7}, b[4] = {0, 0, 11, 0.6},
                        c[4] = {-10, -10, -6.5, 0.7}, x0[4] = {1, 0, -0.5, -1}, y0[4] = {0, 0.5, 1.5, 1};
    double e = 0;
    gx = gy = 0;
    for (int k = 0; k < 4; ++k) {
      const double dx = x - x0[k], dy = y - y0[k];
      const double t = A[k] * std::exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
      e += t;
      gx += t * (2 * a[k] * dx + b[k] * dy);
      gy += t * (b[k] * dx + 2 * c[k] * dy);
    }
    return e;
  }
};

/// E = h (x² − 1)² + ½ k_y y²: minima at x = ±1, saddle at x = 0 with barrier h.
class DoubleWell : public PlaneEngine {
 public:
  DoubleWell(double h, double k_y) : h_(h), k_y_(k_y) {}
  std::string describe() const override { return "double well"; }
  double value(double x, double y, double& gx, double& gy) const override {
    gx = 4 * h_ * x * (x * x - 1);
    gy = k_y_ * y;
    return h_ * (x * x - 1) * (x * x - 1) + 0.5 * k_y_ * y * y;
  }

 private:
  double h_, k_y_;
};

/// E = x²(x² − 1)² − d (1 − x²)² + ½ k_y y²: minima at x = ±1 (E = 0) and a deeper one at
/// x = 0 (E = −d).
class TripleWell : public PlaneEngine {
 public:
  TripleWell(double d, double k_y) : d_(d), k_y_(k_y) {}
  std::string describe() const override { return "triple well"; }
  double value(double x, double y, double& gx, double& gy) const override {
    const double u = x * x - 1;
    gx = 2 * x * u * u + 4 * x * x * x * u - 4 * d_ * x * u;
    gy = k_y_ * y;
    return x * x * u * u - d_ * u * u + 0.5 * k_y_ * y * y;
  }

 private:
  double d_, k_y_;
};

/// E = (x² − 1)² + (y² − b²)² + λ x² y² with 2b² < λ < 2/b²: minima at (±1, 0) (E = b⁴), a
/// maximum at the origin on the straight path between them (E = 1 + b⁴, curvatures −4 along x
/// and −4b² along y: a ridge across the mirror line y = 0), and the two first-order saddles
/// beside it at (0, ±b) (E = 1). A band started on y = 0 feels no force off it.
/// E = h (x² − 1)² − w exp(−x²/(2 s²)) + ½ k_y y²: the double well with a narrow dimple on top
/// of its barrier, a shallow minimum at x = 0 (E = h − w) between two saddles close beside it.
class DimpledBarrier : public PlaneEngine {
 public:
  DimpledBarrier(double h, double w, double s, double k_y) : h_(h), w_(w), s_(s), k_y_(k_y) {}
  std::string describe() const override { return "dimpled barrier"; }
  double value(double x, double y, double& gx, double& gy) const override {
    const double dimple = w_ * std::exp(-x * x / (2 * s_ * s_));
    gx = 4 * h_ * x * (x * x - 1) + dimple * x / (s_ * s_);
    gy = k_y_ * y;
    return h_ * (x * x - 1) * (x * x - 1) - dimple + 0.5 * k_y_ * y * y;
  }

 private:
  double h_, w_, s_, k_y_;
};

class MirrorRidge : public PlaneEngine {
 public:
  MirrorRidge(double b, double lambda) : b_(b), lambda_(lambda) {}
  std::string describe() const override { return "mirror ridge"; }
  double value(double x, double y, double& gx, double& gy) const override {
    const double u = x * x - 1, w = y * y - b_ * b_;
    gx = 4 * x * u + 2 * lambda_ * x * y * y;
    gy = 4 * y * w + 2 * lambda_ * x * x * y;
    return u * u + w * w + lambda_ * x * x * y * y;
  }

 private:
  double b_, lambda_;
};

/// An adatom (the last atom) over a frozen slab whose surface is a square lattice of period p
/// with an atom at `origin`: E = f(x − x0) + f(y − y0) + ½ k_z (z − z0)²,
/// f(u) = −A cos(2πu/p) + B cos(4πu/p). With 4B > A every lattice point is a maximum split into
/// four minima at (±u*, ±u*), cos(2πu*/p) = A/4B, only 2u* apart; the path to the next cell
/// crosses the first-order saddle (p/2, u*), Ea = (A + 4B)²/8B above the minima, and the curvature
/// there along y equals the minimum's, so Vineyard gives ν = √(f''(u*)/m) / 2π with
/// f''(u*) = (2π/p)² (16B² − A²)/4B. The slab atoms feel no force.
class SplitWellAdatom : public Engine {
 public:
  SplitWellAdatom(double period_A, const Vec3& origin_A, double A_eV, double B_eV, double k_z_eV_A2)
      : p_(period_A), origin_(origin_A), A_(A_eV), B_(B_eV), k_z_(k_z_eV_A2) {}
  std::string describe() const override { return "split-well adatom"; }
  bool provides_virial() const override { return false; }
  double u_star_A() const { return p_ / (2 * M_PI) * std::acos(A_ / (4 * B_)); }
  double barrier_eV() const { return (A_ + 4 * B_) * (A_ + 4 * B_) / (8 * B_); }
  double curvature_eV_A2() const { return std::pow(2 * M_PI / p_, 2) * (16 * B_ * B_ - A_ * A_) / (4 * B_); }

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    const auto ad = static_cast<Eigen::Index>(s.size() - 1);
    const Vec3 d = s.positions.col(ad) - origin_;
    const double k = 2 * M_PI / p_;
    auto f = [&](double u, double& g) {
      g = k * (A_ * std::sin(k * u) - 2 * B_ * std::sin(2 * k * u));
      return -A_ * std::cos(k * u) + B_ * std::cos(2 * k * u);
    };
    double gx = 0, gy = 0;
    out.energy_eV = f(d.x(), gx) + f(d.y(), gy) + 0.5 * k_z_ * d.z() * d.z();
    out.forces_eV_A.setZero(3, s.positions.cols());
    out.forces_eV_A.col(ad) = Vec3(-gx, -gy, -k_z_ * d.z());
  }

 private:
  double p_;
  Vec3 origin_;
  double A_, B_, k_z_;
};

/// Adds a·exp(−(dx² + dy²)/2σ²) to the energy and its force to the adatom `ad`, (dx, dy) its
/// lateral offset from the Gaussian's centre: a well for a < 0, a bump for a > 0.
inline void add_lateral_gaussian(double dx, double dy, double a_eV, double sigma_A, Eigen::Index ad,
                                 Evaluation& out) {
  const double e_eV = a_eV * std::exp(-(dx * dx + dy * dy) / (2 * sigma_A * sigma_A));
  out.energy_eV += e_eV;
  out.forces_eV_A(0, ad) += e_eV * dx / (sigma_A * sigma_A);
  out.forces_eV_A(1, ad) += e_eV * dy / (sigma_A * sigma_A);
}

inline Structure plane_point(double x, double y, const std::string& element = "H") {
  Structure s;
  s.cell = Mat3::Identity() * 100.0;
  s.pbc = {false, false, false};
  s.add_atom(element, Vec3(x, y, 0), dof::kX | dof::kY);
  return s;
}

/// A CI-NEB from (−1, 0) to (1, 0) on a plane surface, converged tightly (the band tests' start).
inline NebResult band_across(Engine& engine, int images, double fmax_eV_A) {
  NebOptions opt;
  opt.images = images;
  opt.fmax_eV_A = fmax_eV_A;
  opt.max_steps = 20000;
  return run_neb(engine, plane_point(-1, 0), plane_point(1, 0), opt);
}

}  // namespace nabridge::testing
