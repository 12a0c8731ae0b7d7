#include "potentials/eam_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nabridge::potentials {

std::size_t EamModel::index(const std::string& symbol) const {
  std::string known;
  for (std::size_t i = 0; i < size(); ++i) {
    if (element(i) == symbol) return i;
    known += (i ? " " : "") + element(i);
  }
  throw std::invalid_argument("EAM model: element '" + symbol + "' is not one of its elements (" + known + ")");
}

ZhouAlloyModel::ZhouAlloyModel(std::vector<ZhouElement> elements, double cutoff_A)
    : elements_(std::move(elements)), cutoff_A_(cutoff_A) {
  if (elements_.empty()) throw std::invalid_argument("Zhou EAM model: no elements");
  for (std::size_t i = 0; i < elements_.size(); ++i) {
    elements_[i].validate("Zhou EAM model");
    for (std::size_t j = 0; j < i; ++j)
      if (elements_[j].symbol == elements_[i].symbol)
        throw std::invalid_argument("Zhou EAM model: element '" + elements_[i].symbol + "' given twice");
  }
  if (cutoff_A_ <= 0.0) {
    double re_max = 0.0;
    for (const auto& e : elements_) re_max = std::max(re_max, e.re_A);
    cutoff_A_ = std::sqrt(10.0) / 2.0 * std::sqrt(2.0) * re_max;
  }
  cross_table_.assign(elements_.size() * elements_.size(), CrossTerm{});
  density_factor_.assign(elements_.size() * elements_.size(), 1.0);
  density_stretch_.assign(elements_.size() * elements_.size(), 1.0);
}

double CrossTerm::density_factor_at(const std::string& receiver) const {
  const auto it = density_at.find(receiver);
  return it == density_at.end() ? 1.0 : it->second;
}

double ZhouAlloyModel::lattice_constant_A(std::size_t i) const {
  const auto& e = elements_.at(i);
  // re is the nearest-neighbour distance of the reference lattice.
  return e.lattice == "bcc" ? 2.0 * e.re_A / std::sqrt(3.0) : std::sqrt(2.0) * e.re_A;
}

double ZhouAlloyModel::density(std::size_t donor, std::size_t receiver, double r, double* d) const {
  if (r >= cutoff_A_) {
    if (d) *d = 0.0;
    return 0.0;
  }
  const std::size_t k = receiver * elements_.size() + donor;
  const double factor = density_factor_[k], stretch = density_stretch_[k];
  // stretch = 1 divides exactly: the unstretched model stays bit for bit what it was.
  const double f = elements_[donor].density(r / stretch, d);
  if (d) *d *= factor / stretch;
  return factor * f;
}

bool ZhouAlloyModel::density_depends_on_receiver() const {
  const auto not_one = [](double v) { return v != 1.0; };
  return std::any_of(density_factor_.begin(), density_factor_.end(), not_one) ||
         std::any_of(density_stretch_.begin(), density_stretch_.end(), not_one);
}

double ZhouAlloyModel::embedding(std::size_t i, double rho, double* d) const { return elements_[i].embedding(rho, d); }

double ZhouAlloyModel::pair(std::size_t i, std::size_t j, double r, double* d) const {
  if (r >= cutoff_A_) {
    if (d) *d = 0.0;
    return 0.0;
  }
  if (i == j) return elements_[i].pair(r, d);
  const CrossTerm& t = cross_table_[i * elements_.size() + j];
  const double v = zhou_cross_pair(elements_[i], elements_[j], r / t.stretch, d);
  if (d) *d *= t.scale / t.stretch;
  return t.scale * v;
}

void ZhouAlloyModel::set_cross(const std::string& a, const std::string& b, CrossTerm t) {
  const std::size_t i = index(a), j = index(b);
  if (i == j)
    throw std::invalid_argument("Zhou EAM model: cross term '" + a + "-" + b + "' needs two different elements");
  const std::string name = "Zhou EAM model: cross term '" + a + "-" + b + "'";
  if (!(t.scale > 0.0) || !(t.stretch > 0.0)) throw std::invalid_argument(name + ": scale and stretch must be > 0");
  if (!(t.density_stretch > 0.0)) throw std::invalid_argument(name + ": density_stretch must be > 0");
  for (const auto& [receiver, factor] : t.density_at) {
    if (receiver != a && receiver != b)
      throw std::invalid_argument(name + ": density_at_" + receiver + ": '" + receiver +
                                  "' is not one of the pair's elements");
    if (!(factor > 0.0)) throw std::invalid_argument(name + ": density_at_" + receiver + " must be > 0");
  }
  cross_[std::minmax(a, b)] = t;
  cross_table_[i * elements_.size() + j] = t;
  cross_table_[j * elements_.size() + i] = t;
  density_factor_[i * elements_.size() + j] = t.density_factor_at(a);  // b's density at a
  density_factor_[j * elements_.size() + i] = t.density_factor_at(b);
  density_stretch_[i * elements_.size() + j] = density_stretch_[j * elements_.size() + i] = t.density_stretch;
}

CrossTerm ZhouAlloyModel::cross(const std::string& a, const std::string& b) const {
  auto it = cross_.find(std::minmax(a, b));
  return it == cross_.end() ? CrossTerm{} : it->second;
}

}  // namespace nabridge::potentials
