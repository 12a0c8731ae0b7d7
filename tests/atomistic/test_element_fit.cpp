// The element fit recovers known Zhou parameters from targets computed with them.
#include <catch2/catch.hpp>

#include "potentials/element_fit.h"
#include "potentials/element_properties.h"
#include "potentials/zhou_params.h"

using namespace nabridge::potentials;

TEST_CASE("Element fit recovers perturbed Zhou Cu parameters from its own properties", "[potentials][fit]") {
  const auto params = read_zhou_parameters(std::string(NABRIDGE_SOURCE_DIR) + "/potentials/zhou2004/zhou2004.toml");
  ZhouElement truth = params.get("Cu");
  apply_zhou_construction(truth, false, true, 0.0);

  // Zhou's default cutoff √5·re sits exactly on the 5th fcc shell at a = √2·re; the tiny energy
  // step there pins the lattice minimum. 6.9 Å lies between the 8th and 9th Cu shells.
  ElementPropertyOptions opt;
  opt.vacancy_reps = 2;
  opt.cutoff_A = 6.9;
  const std::set<std::string> props = {"a0_A", "Ec_eV", "C11_GPa", "C12_GPa", "C44_GPa", "Ev_eV"};
  const auto ref = element_properties(truth, props, opt);
  CHECK(ref.at("a0_A") == Approx(3.615).margin(0.002));
  CHECK(ref.at("Ec_eV") == Approx(3.54).margin(0.002));

  ElementFitSpec spec;
  spec.file = "(test)";
  spec.start = truth;
  spec.free = {"A", "B", "alpha", "F2"};
  spec.start.A_eV *= 1.04;
  spec.start.B_eV *= 0.97;
  spec.start.alpha *= 1.03;
  spec.start.F_eV[2] *= 0.9;
  spec.derive_rhoe = false;
  spec.prior_sigma = 0.0;
  spec.outer_iterations = 3;
  spec.vacancy_reps = 2;
  spec.cutoff_A = 6.9;
  for (const auto& p : props) {
    Target t;
    t.property = p;
    t.value = ref.at(p);
    t.sigma = p == "a0_A" ? 1e-3 : (p == "Ec_eV" || p == "Ev_eV") ? 1e-2 : 1.0;
    t.source = "synthetic";
    spec.targets.push_back(t);
  }
  const ElementFitResult r = fit_element(spec);
  INFO(element_fit_markdown(r) << r.message << " evals " << r.evaluations << " cost " << r.cost);
  CHECK(r.converged);
  CHECK(r.fitted.A_eV == Approx(truth.A_eV).epsilon(2e-4));
  CHECK(r.fitted.B_eV == Approx(truth.B_eV).epsilon(2e-4));
  CHECK(r.fitted.alpha == Approx(truth.alpha).epsilon(2e-4));
  CHECK(r.fitted.F_eV[2] == Approx(truth.F_eV[2]).epsilon(2e-4));
  for (const auto& row : r.rows) CHECK(std::abs(row.residual) < 2e-3);
}

TEST_CASE("Fit targets: residuals of values and bounds, spec errors name the file", "[potentials][fit]") {
  Target v;
  v.value = 2.0;
  v.sigma = 0.5;
  CHECK(v.residual(3.0) == Approx(2.0));
  Target b;
  b.min = 0.0;
  b.sigma = 0.1;
  CHECK(b.residual(0.3) == 0.0);
  CHECK(b.residual(-0.2) == Approx(-2.0));
  CHECK(b.describe() == ">= 0");
  ZhouElement e;
  CHECK_THROWS_WITH(zhou_parameter(e, "gamma"),
                    Catch::Contains("'gamma'"));
}
