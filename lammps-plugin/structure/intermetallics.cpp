#include "structure/intermetallics.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace nabridge {

std::pair<int, int> intermetallic_formula(const std::string& p) {
  if (p == "B2") return {1, 1};
  if (p == "L12") return {3, 1};
  if (p == "C15") return {1, 2};
  throw std::invalid_argument("intermetallic prototype '" + p + "' is not one of B2, L12, C15");
}

Structure intermetallic(const std::string& p, const std::string& A, const std::string& B, double a) {
  intermetallic_formula(p);  // validates the name
  if (!(a > 0)) throw std::invalid_argument("intermetallic " + p + ": 'a_A' must be > 0");
  Structure s;
  s.cell = Mat3::Identity() * a;
  auto add = [&](const std::string& el, double x, double y, double z) { s.add_atom(el, s.cell * Vec3(x, y, z)); };
  if (p == "B2") {
    add(A, 0, 0, 0);
    add(B, 0.5, 0.5, 0.5);
  } else if (p == "L12") {
    add(B, 0, 0, 0);
    add(A, 0, 0.5, 0.5);
    add(A, 0.5, 0, 0.5);
    add(A, 0.5, 0.5, 0);
  } else {
    const std::vector<Vec3> fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    const std::vector<Vec3> a8 = {{0, 0, 0}, {0.25, 0.25, 0.25}};
    const std::vector<Vec3> d16 = {
        {0.625, 0.625, 0.625}, {0.625, 0.875, 0.875}, {0.875, 0.625, 0.875}, {0.875, 0.875, 0.625}};
    for (const auto& t : fcc) {
      for (const auto& b : a8) {
        const Vec3 f = (t + b).unaryExpr([](double v) { return v - std::floor(v); });
        add(A, f[0], f[1], f[2]);
      }
      for (const auto& b : d16) {
        const Vec3 f = (t + b).unaryExpr([](double v) { return v - std::floor(v); });
        add(B, f[0], f[1], f[2]);
      }
    }
  }
  return s;
}

}  // namespace nabridge
