#include "structure/prototypes.h"

#include <cmath>
#include <stdexcept>

#include "structure/intermetallics.h"

namespace nabridge {

namespace {
Structure cell_with_basis(const Mat3& cell, const std::vector<std::pair<std::string, Vec3>>& basis_frac) {
  Structure s;
  s.cell = cell;
  for (const auto& [element, f] : basis_frac) s.add_atom(element, cell * f);
  return s;
}

void require_positive(double value, const char* field) {
  if (!(value > 0.0)) throw std::invalid_argument(std::string("bulk prototype: '") + field + "' must be > 0");
}
}  // namespace

Structure bulk_fcc(const std::string& element, double a_A) {
  require_positive(a_A, "a_A");
  return cell_with_basis(Mat3::Identity() * a_A, {{element, {0, 0, 0}},
                                                  {element, {0, 0.5, 0.5}},
                                                  {element, {0.5, 0, 0.5}},
                                                  {element, {0.5, 0.5, 0}}});
}

Structure bulk_bcc(const std::string& element, double a_A) {
  require_positive(a_A, "a_A");
  return cell_with_basis(Mat3::Identity() * a_A, {{element, {0, 0, 0}}, {element, {0.5, 0.5, 0.5}}});
}

Structure bulk_perovskite(const std::string& A, const std::string& B, const std::string& O, double a_A,
                          double c_A) {
  require_positive(a_A, "a_A");
  if (c_A == 0.0) c_A = a_A;
  require_positive(c_A, "c_A");
  const Mat3 cell = Eigen::Vector3d(a_A, a_A, c_A).asDiagonal();
  return cell_with_basis(cell, {{A, {0, 0, 0}},
                                {B, {0.5, 0.5, 0.5}},
                                {O, {0.5, 0.5, 0}},
                                {O, {0.5, 0, 0.5}},
                                {O, {0, 0.5, 0.5}}});
}

Structure bulk_rocksalt(const std::string& cation, const std::string& anion, double a_A) {
  require_positive(a_A, "a_A");
  std::vector<std::pair<std::string, Vec3>> basis;
  for (const Vec3& f : {Vec3(0, 0, 0), Vec3(0, 0.5, 0.5), Vec3(0.5, 0, 0.5), Vec3(0.5, 0.5, 0)}) {
    basis.push_back({cation, f});
    basis.push_back({anion, f + Vec3(0.5, 0, 0)});
  }
  Structure s = cell_with_basis(Mat3::Identity() * a_A, basis);
  s.wrap();
  return s;
}

Structure bulk_corundum(const std::string& cation, const std::string& anion, double a_A, double c_A,
                        const CorundumInternal& internal) {
  require_positive(a_A, "a_A");
  require_positive(c_A, "c_A");
  const double z = internal.z_cation, x = internal.x_anion;
  if (!(z > 0.25 && z < 0.5)) throw std::invalid_argument("bulk prototype 'corundum': z_cation must be in (0.25, 0.5)");
  if (!(x > 0.0 && x < 0.5)) throw std::invalid_argument("bulk prototype 'corundum': x_anion must be in (0, 0.5)");
  Mat3 cell;
  cell << a_A, -0.5 * a_A, 0, 0, 0.5 * std::sqrt(3.0) * a_A, 0, 0, 0, c_A;
  // Wyckoff positions of R-3c in hexagonal axes (International Tables A, No. 167), each with the
  // rhombohedral centring translations (0,0,0), (2/3,1/3,1/3), (1/3,2/3,2/3).
  const std::vector<Vec3> centring{{0, 0, 0}, {2.0 / 3, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 2.0 / 3, 2.0 / 3}};
  const std::vector<Vec3> site_12c{{0, 0, z}, {0, 0, 0.5 - z}, {0, 0, -z}, {0, 0, z + 0.5}};
  const std::vector<Vec3> site_18e{{x, 0, 0.25},  {0, x, 0.25},  {-x, -x, 0.25},
                                   {-x, 0, 0.75}, {0, -x, 0.75}, {x, x, 0.75}};
  std::vector<std::pair<std::string, Vec3>> basis;
  for (const Vec3& t : centring)
    for (const Vec3& f : site_12c) basis.push_back({cation, f + t});
  for (const Vec3& t : centring)
    for (const Vec3& f : site_18e) basis.push_back({anion, f + t});
  Structure s = cell_with_basis(cell, basis);
  s.wrap();
  return s;
}

CorundumInternal corundum_internal(const Structure& s) {
  if (s.size() != 30) throw std::invalid_argument("corundum_internal: expected the 30-atom cell of bulk_corundum");
  auto half_difference = [&](std::size_t i, std::size_t j, int axis) {
    const Vec3 d = s.to_fractional(s.positions.col(static_cast<Eigen::Index>(i))) -
                   s.to_fractional(s.positions.col(static_cast<Eigen::Index>(j)));
    return 0.5 * (d[axis] - std::floor(d[axis]));
  };
  // Atom 0 is (0,0,z) and atom 2 (0,0,-z); atom 12 is (x,0,1/4) and atom 15 (-x,0,3/4).
  return {half_difference(0, 2, 2), half_difference(12, 15, 0)};
}

Structure bulk_prototype(const std::string& prototype, const std::vector<std::string>& elements, double a_A,
                         double c_A, const std::vector<double>& internal) {
  auto need = [&](std::size_t n) {
    if (elements.size() != n)
      throw std::invalid_argument("bulk prototype '" + prototype + "': 'elements' needs " + std::to_string(n) +
                                  " element(s), got " + std::to_string(elements.size()));
  };
  if (prototype == "fcc") return need(1), bulk_fcc(elements[0], a_A);
  if (prototype == "bcc") return need(1), bulk_bcc(elements[0], a_A);
  if (prototype == "perovskite") return need(3), bulk_perovskite(elements[0], elements[1], elements[2], a_A, c_A);
  if (prototype == "rocksalt") return need(2), bulk_rocksalt(elements[0], elements[1], a_A);
  if (prototype == "corundum") {
    need(2);
    if (!internal.empty() && internal.size() != 2)
      throw std::invalid_argument("bulk prototype 'corundum': 'internal' needs {z_cation, x_anion}");
    return bulk_corundum(elements[0], elements[1], a_A, c_A,
                         internal.empty() ? CorundumInternal{} : CorundumInternal{internal[0], internal[1]});
  }
  if (prototype == "B2" || prototype == "L12" || prototype == "C15")
    return need(2), intermetallic(prototype, elements[0], elements[1], a_A);
  throw std::invalid_argument("bulk prototype: unknown 'prototype' '" + prototype +
                              "' (known: fcc, bcc, perovskite, rocksalt, corundum, B2, L12, C15)");
}

}  // namespace nabridge
