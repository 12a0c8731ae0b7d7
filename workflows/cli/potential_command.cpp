// `nabridge potential ...`: generate, fit and validate interatomic potentials.
//   fit-element SPEC --out FILE      fit one element in the Zhou EAM form (data/potentials/*.toml)
//   fit-cross SPEC --out FILE        fit cross-term corrections to reference data; then check the
//                                    stability of the fitted elements and compounds (warnings)
//   fit-ionic SPEC --out DIR         refit pair_coeff parameters of a rigid-ion potential (e.g. its Na–O
//                                    Morse) to DFT adsorption and film points; writes a potential directory
//   generate RECIPE [--out DIR]      tabulate a recipe's parameters into a setfl + metadata
//   build RECIPE                     run a recipe's fits, then generate (regenerates a shipped potential)
//   validate ID [--out DIR]          property table through LAMMPS, Markdown + CSV, with stability
//                                    rows ([--stability-compound P:A,B]... [--no-stability]); metals
//                                    element by element, a compound potential its [metadata.validation] host
//   dft-validate ID [--set FILE]     the potential against the DFT reference set (dft_validation.csv)
//   show ID                          the LAMMPS commands a potential id resolves to
#include <fmt/core.h>

#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "cli/potential_tasks.h"

namespace nabridge::cli {

void add_potential_command(CLI::App& app) {
  auto* pot = app.add_subcommand("potential", "Generate, fit, validate and inspect interatomic potentials");
  pot->require_subcommand(1);

  {
    auto spec = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* c =
        pot->add_subcommand("fit-element", "Fit one element's Zhou EAM parameters to targets (Levenberg-Marquardt)");
    c->add_option("spec", *spec, "fit spec TOML (e.g. data/potentials/na_fit.toml)")
        ->required()
        ->check(CLI::ExistingFile);
    c->add_option("--out", *out, "fitted parameter file to write")->required();
    c->callback([spec, out] { run_fit_element(*spec, *out); });
  }
  {
    auto spec = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* c =
        pot->add_subcommand("fit-cross", "Fit cross-interaction corrections to reference data (Levenberg-Marquardt)");
    c->add_option("spec", *spec, "cross-fit spec TOML (e.g. data/potentials/cross_fit_NaAlCuAu.toml)")
        ->required()
        ->check(CLI::ExistingFile);
    c->add_option("--out", *out, "cross-term file to write")->required();
    c->callback([spec, out] { run_fit_cross(*spec, *out); });
  }
  {
    auto spec = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto dirs = std::make_shared<std::vector<std::string>>();
    auto* c = pot->add_subcommand(
        "fit-ionic", "Refit pair_coeff parameters of a rigid-ion potential to DFT adsorption and film points (Levenberg-Marquardt)");
    c->add_option("spec", *spec, "ionic-fit spec TOML (e.g. data/potentials/ionic_fit_batio3-pedone.toml)")
        ->required()
        ->check(CLI::ExistingFile);
    c->add_option("--out", *out, "directory of the refitted potential (potential.toml, FIT.md)")->required();
    c->add_option("--search", *dirs, "extra directories to search for the start potential's id");
    c->callback([spec, out, dirs] { run_fit_ionic(*spec, *out, *dirs); });
  }
  {
    auto recipe = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* c =
        pot->add_subcommand("generate", "Tabulate a recipe's parameter files into an eam/alloy setfl and its metadata");
    c->add_option("recipe", *recipe, "recipe TOML (e.g. potentials/nabridge-eam-NaAlCuAu/recipe.toml)")
        ->required()
        ->check(CLI::ExistingFile);
    c->add_option("--out", *out, "output directory (default: the recipe's directory)");
    c->callback([recipe, out] { run_generate(*recipe, *out); });
  }
  {
    auto recipe = std::make_shared<std::string>();
    auto* c = pot->add_subcommand("build", "Run a recipe's fits, then generate (regenerates the shipped potential)");
    c->add_option("recipe", *recipe, "recipe TOML")->required()->check(CLI::ExistingFile);
    c->callback([recipe] { run_build(*recipe); });
  }
  {
    auto a = std::make_shared<ValidateArgs>();
    auto* c = pot->add_subcommand(
        "validate",
        "Lattice constants, cohesive, vacancy and surface energies, cross-term targets vs reference (LAMMPS); "
        "for a compound potential ([metadata.validation]) its host crystal, surfaces and Na adsorption");
    c->add_option("id", a->id, "potential id or metadata TOML path (or give --pair-style/--pair-coeff or --kim)");
    c->add_option("--out", a->out,
                  "directory for validation.md (VALIDATION.md for a compound potential) and validation.csv");
    c->add_option("--search", a->search, "extra directories to search for potential ids");
    c->add_option("--elements", a->elements,
                  "elements (required with --pair-style/--kim; else a subset, validated as metals)");
    c->add_option("--pair-style", a->pair_style, "any LAMMPS pair style, e.g. \"eam/alloy\"");
    c->add_option("--pair-coeff", a->pair_coeff, "pair_coeff line(s), e.g. \"* * /path/Al_zhou.eam.alloy Al\"");
    c->add_option("--kim", a->kim, "an OpenKIM model id (pair_style kim)");
    c->add_option("--reference", a->reference,
                  "reference data TOML (default: the potential's, else data/reference/metals.toml; "
                  "a compound potential's: its [metadata.validation] reference_data)");
    c->add_option("--stability-compound", a->stability_compounds,
                  "also check the stability of this cubic compound, PROTOTYPE:A,B (e.g. L12:Al,Na; repeatable); "
                  "the compounds of the cross-fit spec are always checked");
    c->add_flag("--no-stability", a->no_stability,
                "skip the stability rows (elastic constants, Born criteria, random displacements)");
    c->callback([a] { run_validate(*a); });
  }
  {
    auto a = std::make_shared<DftValidateArgs>();
    auto* c = pot->add_subcommand(
        "dft-validate",
        "Compare a potential with the DFT reference set: E_bind, E_ads vs bulk, z_min per site (LAMMPS; core–shell "
        "models on ShellEngine)");
    c->add_option("id", a->id, "potential id or metadata TOML path")->required();
    c->add_option("--set", a->set, "DFT reference description (default: data/reference/dft/reference.toml)")
        ->check(CLI::ExistingFile);
    c->add_option("--out", a->out,
                  "directory for dft_validation.csv and dft_validation.md (default: the potential's folder)");
    c->add_option("--search", a->search, "extra directories to search for potential ids");
    c->callback([a] { run_dft_validate(*a); });
  }
  {
    auto id = std::make_shared<std::string>();
    auto dirs = std::make_shared<std::vector<std::string>>();
    auto elements = std::make_shared<std::vector<std::string>>();
    auto* c = pot->add_subcommand("show", "Print the LAMMPS commands a potential id resolves to");
    c->add_option("id", *id, "potential id or metadata TOML path")->required();
    c->add_option("--search", *dirs, "extra directories to search for potential ids");
    c->add_option("--elements", *elements, "element subset (atom types in this order)");
    c->callback([id, dirs, elements] { run_show(*id, *dirs, *elements); });
  }
}

}  // namespace nabridge::cli
