#include "potentials/setfl.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "nabridge/base/atomic_file.h"

namespace nabridge::potentials {

SetflGrid default_grid(const EamModel& model, int nr, int nrho, double rho_max) {
  if (nr < 5 || nrho < 5) throw std::invalid_argument("setfl grid: nr and nrho must be >= 5");
  if (!(rho_max > 0)) throw std::invalid_argument("setfl grid: rho_max must be > 0");
  SetflGrid g;
  g.nr = nr;
  g.nrho = nrho;
  g.cutoff_A = model.cutoff_A();
  g.dr = g.cutoff_A / (nr - 1);
  g.drho = rho_max / (nrho - 1);
  return g;
}

std::string pair_style_of(SetflForm form) { return form == SetflForm::kFinnisSinclair ? "eam/fs" : "eam/alloy"; }

SetflForm setfl_form(const EamModel& model) {
  return model.density_depends_on_receiver() ? SetflForm::kFinnisSinclair : SetflForm::kAlloy;
}

const std::vector<double>& Setfl::rphi(std::size_t i, std::size_t j) const {
  if (i < j) std::swap(i, j);
  return z2r.at(i * (i + 1) / 2 + j);
}

Setfl tabulate(const EamModel& model, const SetflGrid& grid, const std::array<std::string, 3>& comments) {
  if (grid.nr < 2 || grid.nrho < 2 || !(grid.dr > 0) || !(grid.drho > 0) || !(grid.cutoff_A > 0))
    throw std::invalid_argument("setfl: grid needs nr, nrho >= 2 and positive dr, drho, cutoff");
  Setfl t;
  for (int k = 0; k < 3; ++k) {
    t.comments[k] = comments[k];
    std::replace(t.comments[k].begin(), t.comments[k].end(), '\n', ' ');
  }
  t.grid = grid;
  t.form = setfl_form(model);
  const std::size_t n = model.size();
  for (std::size_t i = 0; i < n; ++i) {
    SetflElement e;
    e.symbol = model.element(i);
    e.atomic_number = model.atomic_number(i);
    e.mass_amu = model.mass_amu(i);
    e.lattice_constant_A = model.lattice_constant_A(i);
    e.lattice = model.lattice(i);
    e.F.resize(grid.nrho);
    for (int k = 0; k < grid.nrho; ++k) e.F[k] = model.embedding(i, k * grid.drho);
    const std::size_t receivers = t.form == SetflForm::kFinnisSinclair ? n : 1;
    for (std::size_t j = 0; j < receivers; ++j) {
      std::vector<double> f(grid.nr);
      for (int k = 0; k < grid.nr; ++k)
        f[k] = model.density(i, t.form == SetflForm::kFinnisSinclair ? j : i, k * grid.dr);
      e.rho.push_back(std::move(f));
    }
    t.elements.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      std::vector<double> z(grid.nr, 0.0);
      for (int k = 1; k < grid.nr; ++k) {
        const double r = k * grid.dr;
        z[k] = r * model.pair(i, j, r);
      }
      t.z2r.push_back(std::move(z));
    }
  return t;
}

namespace {
void append_values(std::string& out, const std::vector<double>& v, int digits) {
  for (std::size_t k = 0; k < v.size(); ++k) {
    fmt::format_to(std::back_inserter(out), "{:.{}e}", v[k], digits - 1);
    out += (k % 5 == 4 || k + 1 == v.size()) ? '\n' : ' ';
  }
}
}  // namespace

void write_setfl(const Setfl& t, const std::string& path, int digits) {
  std::string out;
  for (const auto& c : t.comments) out += c + "\n";
  out += std::to_string(t.elements.size());
  for (const auto& e : t.elements) out += " " + e.symbol;
  out += "\n";
  fmt::format_to(std::back_inserter(out), "{} {:.17g} {} {:.17g} {:.17g}\n", t.grid.nrho, t.grid.drho, t.grid.nr,
                 t.grid.dr, t.grid.cutoff_A);
  for (const auto& e : t.elements) {
    fmt::format_to(std::back_inserter(out), "{} {:.10g} {:.10g} {}\n", e.atomic_number, e.mass_amu,
                   e.lattice_constant_A, e.lattice.empty() ? "fcc" : e.lattice);
    append_values(out, e.F, digits);
    for (const auto& table : e.rho) append_values(out, table, digits);
  }
  for (const auto& z : t.z2r) append_values(out, z, digits);
  write_file_atomically(path, out);
}

namespace {
class Tokens {
 public:
  Tokens(std::istream& in, std::string path) : in_(in), path_(std::move(path)) {}
  std::string word(const std::string& what) {
    std::string w;
    if (!(in_ >> w)) throw std::runtime_error("setfl '" + path_ + "': file ends before " + what);
    return w;
  }
  double number(const std::string& what) {
    const std::string w = word(what);
    try {
      std::size_t used = 0;
      const double v = std::stod(w, &used);
      if (used != w.size()) throw std::invalid_argument(w);
      return v;
    } catch (const std::exception&) {
      throw std::runtime_error("setfl '" + path_ + "': " + what + ": '" + w + "' is not a number");
    }
  }
  int integer(const std::string& what) {
    const double v = number(what);
    if (v != static_cast<int>(v)) throw std::runtime_error("setfl '" + path_ + "': " + what + ": not an integer");
    return static_cast<int>(v);
  }

 private:
  std::istream& in_;
  std::string path_;
};
}  // namespace

Setfl read_setfl(const std::string& path, SetflForm form) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("setfl: cannot open '" + path + "'");
  Setfl t;
  t.form = form;
  for (auto& c : t.comments)
    if (!std::getline(in, c)) throw std::runtime_error("setfl '" + path + "': fewer than 3 comment lines");
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error("setfl '" + path + "': missing the element line (line 4)");
  std::istringstream el(line);
  int n = 0;
  if (!(el >> n) || n < 1) throw std::runtime_error("setfl '" + path + "': line 4: element count missing or < 1");
  std::vector<std::string> symbols(n);
  for (int i = 0; i < n; ++i)
    if (!(el >> symbols[i]))
      throw std::runtime_error("setfl '" + path + "': line 4: lists fewer than " + std::to_string(n) + " elements");
  Tokens tok(in, path);
  t.grid.nrho = tok.integer("Nrho (line 5)");
  t.grid.drho = tok.number("drho (line 5)");
  t.grid.nr = tok.integer("Nr (line 5)");
  t.grid.dr = tok.number("dr (line 5)");
  t.grid.cutoff_A = tok.number("cutoff (line 5)");
  if (t.grid.nrho < 2 || t.grid.nr < 2)
    throw std::runtime_error("setfl '" + path + "': line 5: Nrho and Nr must be >= 2");
  for (int i = 0; i < n; ++i) {
    SetflElement e;
    e.symbol = symbols[i];
    const std::string where = "element " + e.symbol;
    e.atomic_number = tok.integer(where + " atomic number");
    e.mass_amu = tok.number(where + " mass");
    e.lattice_constant_A = tok.number(where + " lattice constant");
    e.lattice = tok.word(where + " lattice name");
    e.F.resize(t.grid.nrho);
    for (int k = 0; k < t.grid.nrho; ++k) e.F[k] = tok.number(where + " F(rho) entry " + std::to_string(k));
    const int receivers = form == SetflForm::kFinnisSinclair ? n : 1;
    for (int j = 0; j < receivers; ++j) {
      const std::string table = form == SetflForm::kFinnisSinclair ? " rho(r) at " + symbols[j] : " rho(r)";
      std::vector<double> f(t.grid.nr);
      for (int k = 0; k < t.grid.nr; ++k) f[k] = tok.number(where + table + " entry " + std::to_string(k));
      e.rho.push_back(std::move(f));
    }
    t.elements.push_back(std::move(e));
  }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) {
      std::vector<double> z(t.grid.nr);
      const std::string where = "r*phi " + symbols[i] + "-" + symbols[j] + " entry ";
      for (int k = 0; k < t.grid.nr; ++k) z[k] = tok.number(where + std::to_string(k));
      t.z2r.push_back(std::move(z));
    }
  return t;
}

}  // namespace nabridge::potentials
