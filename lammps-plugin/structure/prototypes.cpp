#include "structure/prototypes.h"

#include <stdexcept>

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

Structure bulk_prototype(const std::string& prototype, const std::vector<std::string>& elements, double a_A,
                         double c_A) {
  auto need = [&](std::size_t n) {
    if (elements.size() != n)
      throw std::invalid_argument("bulk prototype '" + prototype + "': 'elements' needs " + std::to_string(n) +
                                  " element(s), got " + std::to_string(elements.size()));
  };
  if (prototype == "fcc") return need(1), bulk_fcc(elements[0], a_A);
  if (prototype == "bcc") return need(1), bulk_bcc(elements[0], a_A);
  if (prototype == "perovskite") return need(3), bulk_perovskite(elements[0], elements[1], elements[2], a_A, c_A);
  if (prototype == "rocksalt") return need(2), bulk_rocksalt(elements[0], elements[1], a_A);
  throw std::invalid_argument("bulk prototype: unknown 'prototype' '" + prototype +
                              "' (known: fcc, bcc, perovskite, rocksalt)");
}

}  // namespace nabridge
