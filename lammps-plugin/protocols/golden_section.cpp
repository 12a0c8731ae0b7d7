#include "protocols/golden_section.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace nabridge {

GoldenSection golden_section_minimum(const std::function<double(double)>& f, double lo, double hi, double tol,
                                     GoldenTie tie) {
  if (!(lo < hi) || !(tol > 0))
    throw std::invalid_argument(
        fmt::format("golden_section_minimum: needs lo < hi and tol > 0 (lo = {}, hi = {}, tol = {})", lo, hi, tol));
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  GoldenSection g;
  const auto sample = [&](double x) {
    ++g.evaluations;
    return f(x);
  };
  g.lo = lo;
  g.hi = hi;
  g.x1 = hi - ratio * (hi - lo);
  g.x2 = lo + ratio * (hi - lo);
  g.f1 = sample(g.x1);
  g.f2 = sample(g.x2);
  while (g.hi - g.lo > tol) {
    if (tie == GoldenTie::kKeepLower ? g.f1 <= g.f2 : g.f1 < g.f2) {
      g.hi = g.x2;
      g.x2 = g.x1;
      g.f2 = g.f1;
      g.x1 = g.hi - ratio * (g.hi - g.lo);
      g.f1 = sample(g.x1);
    } else {
      g.lo = g.x1;
      g.x1 = g.x2;
      g.f1 = g.f2;
      g.x2 = g.lo + ratio * (g.hi - g.lo);
      g.f2 = sample(g.x2);
    }
  }
  return g;
}

}  // namespace nabridge
