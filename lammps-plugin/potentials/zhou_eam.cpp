#include "potentials/zhou_eam.h"

#include <cmath>
#include <stdexcept>

namespace nabridge::potentials {

namespace {

/// e^{−p(x−1)} / (1 + (x−c)^20) with x = r/re, and its r-derivative.
double damped_exp(double x, double p, double c, double re, double* d_dr) {
  const double e = std::exp(-p * (x - 1.0));
  const double y = x - c;
  const double y19 = std::pow(y, 19);
  const double den = 1.0 + y19 * y;
  const double v = e / den;
  if (d_dr) *d_dr = (-p * v - v * 20.0 * y19 / den) / re;
  return v;
}

double cubic(const double c[4], double x, double* d_dx) {
  if (d_dx) *d_dx = c[1] + x * (2.0 * c[2] + 3.0 * c[3] * x);
  return c[0] + x * (c[1] + x * (c[2] + x * c[3]));
}

void require(bool ok, const std::string& where, const std::string& symbol, const char* field, const char* rule) {
  if (!ok) throw std::invalid_argument(where + ": element '" + symbol + "': '" + field + "' " + rule);
}

}  // namespace

void ZhouElement::validate(const std::string& where) const {
  require(!symbol.empty(), where, "?", "symbol", "is empty");
  require(re_A > 0, where, symbol, "re", "must be > 0");
  require(fe > 0, where, symbol, "fe", "must be > 0");
  require(rhoe > 0, where, symbol, "rhoe", "must be > 0");
  require(rhos > 0, where, symbol, "rhos", "must be > 0");
  require(alpha > 0, where, symbol, "alpha", "must be > 0");
  require(beta > 0, where, symbol, "beta", "must be > 0");
  require(kappa >= 0, where, symbol, "kappa", "must be >= 0");
  require(lambda >= 0, where, symbol, "lambda", "must be >= 0");
  require(mass_amu > 0, where, symbol, "mass", "must be > 0");
  require(lattice == "fcc" || lattice == "bcc", where, symbol, "lattice", "must be \"fcc\" or \"bcc\"");
}

double ZhouElement::density(double r, double* d_dr) const {
  const double v = damped_exp(r / re_A, beta, lambda, re_A, d_dr);
  if (d_dr) *d_dr *= fe;
  return fe * v;
}

double ZhouElement::pair(double r, double* d_dr) const {
  double da = 0.0, db = 0.0;
  const double x = r / re_A;
  const double a = damped_exp(x, alpha, kappa, re_A, d_dr ? &da : nullptr);
  const double b = damped_exp(x, beta, lambda, re_A, d_dr ? &db : nullptr);
  if (d_dr) *d_dr = A_eV * da - B_eV * db;
  return A_eV * a - B_eV * b;
}

double ZhouElement::embedding(double rho, double* d_drho) const {
  const double rho_n = 0.85 * rhoe, rho_o = 1.15 * rhoe;
  if (rho < rho_n) {
    double d = 0.0;
    const double v = cubic(Fn_eV, rho / rho_n - 1.0, &d);
    if (d_drho) *d_drho = d / rho_n;
    return v;
  }
  if (rho < rho_o) {
    const double c[4] = {F_eV[0], F_eV[1], F_eV[2], rho < rhoe ? F_eV[3] : F3_above_eV};
    double d = 0.0;
    const double v = cubic(c, rho / rhoe - 1.0, &d);
    if (d_drho) *d_drho = d / rhoe;
    return v;
  }
  const double t = rho / rhos;
  const double lt = std::log(t);
  const double te = std::pow(t, eta);
  if (d_drho) *d_drho = -Fe_eV * eta * eta * lt * te / rho;
  return Fe_eV * (1.0 - eta * lt) * te;
}

double zhou_cross_pair(const ZhouElement& a, const ZhouElement& b, double r, double* d_dr) {
  if (&a == &b || a.symbol == b.symbol) return a.pair(r, d_dr);
  double dfa = 0, dfb = 0, dpa = 0, dpb = 0;
  const bool want = d_dr != nullptr;
  const double fa = a.density(r, want ? &dfa : nullptr), fb = b.density(r, want ? &dfb : nullptr);
  const double pa = a.pair(r, want ? &dpa : nullptr), pb = b.pair(r, want ? &dpb : nullptr);
  const double ra = fb / fa, rb = fa / fb;
  if (want) {
    const double dra = (dfb * fa - fb * dfa) / (fa * fa);
    const double drb = (dfa * fb - fa * dfb) / (fb * fb);
    *d_dr = 0.5 * (dra * pa + ra * dpa + drb * pb + rb * dpb);
  }
  return 0.5 * (ra * pa + rb * pb);
}

void zhou_complete_embedding(ZhouElement& e) {
  // Middle branch at ρn (x = −0.15) gives the low branch's value and slope at its origin.
  double d = 0.0;
  const double low[4] = {e.F_eV[0], e.F_eV[1], e.F_eV[2], e.F_eV[3]};
  const double v_n = cubic(low, -0.15, &d);
  e.Fn_eV[0] = v_n;
  e.Fn_eV[1] = d / e.rhoe * (0.85 * e.rhoe);  // slope in ρ times ρn
  e.Fn_eV[3] = e.Fn_eV[0] - e.Fn_eV[1] + e.Fn_eV[2];  // F(0) = 0
  // High branch G = Fe (1 − u) e^u with u = η ln(ρ/ρs) matched in value and log-slope at ρo:
  // ρ G'/G = −η u/(1 − u) = k  =>  u = k/(k − η).
  const double high[4] = {e.F_eV[0], e.F_eV[1], e.F_eV[2], e.F3_above_eV};
  const double v_o = cubic(high, 0.15, &d);
  const double rho_o = 1.15 * e.rhoe;
  const double k = rho_o * (d / e.rhoe) / v_o;
  if (!(std::abs(k - e.eta) > 1e-12) || v_o == 0.0)
    throw std::runtime_error("zhou embedding for '" + e.symbol +
                             "': high-density branch cannot be matched at 1.15 rhoe");
  const double u = k / (k - e.eta);
  if (!(u < 1.0))
    throw std::runtime_error("zhou embedding for '" + e.symbol +
                             "': high-density branch has no continuous match (u >= 1)");
  e.rhos = rho_o / std::exp(u / e.eta);
  e.Fe_eV = v_o / ((1.0 - u) * std::exp(u));
}

}  // namespace nabridge::potentials
