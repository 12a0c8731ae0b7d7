#!/usr/bin/env python3
"""Is the TiO2-BaTiO3 row's cell-size dependence electrostatic or a reconstruction?

Builds the TiO2-terminated BaTiO3(001) slab of the campaign (5 layers TiO2-BaO-TiO2-BaO-TiO2 at
the model's cubic a, the bottom two held as in the campaign, or --held-layers) in n x n cells,
relaxes it clean and with one Na
started 0.13/0.10 A off the centre cell's O4 hollow, 1.2 A up, with LAMMPS FIRE to 1e-3 eV/A
through `nabridge lmp` and the potential's own lines, and prints E(slab + Na) - E(slab) and how far
the host moved (minimum image). The uncompensated +0.6 e of the adatom and its periodic images
would give a smooth trend with n; a reconstruction gives an outlier with many host atoms moved.
docs/potentials-ionic.md ("What the frozen-slab points do not test").

  bench/tio2_adatom_cell_size.py [--potential batio3-pedone-nadft] [--cells 3 4 5 6] [--held-layers 2]
                                 [--work DIR]
"""
import argparse
import pathlib
import subprocess
import tempfile
import tomllib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
NABRIDGE = ROOT / "build" / "workflows" / "nabridge"
MASS_AMU = {"Ba": 137.327, "Ti": 47.867, "O": 15.999, "Na": 22.990}
A_CUBIC_A = 4.016064733  # the model's relaxed cubic lattice constant (potential validate)
LAYERS = 5
VACUUM_A = 24.0


def slab_atoms(cells):
    """(element, x, y, z) of the TiO2-terminated 5-layer slab, z from 0."""
    atoms = []
    for layer in range(LAYERS):
        z = layer * A_CUBIC_A / 2
        for i in range(cells):
            for j in range(cells):
                if layer % 2 == 0:  # TiO2
                    atoms += [("Ti", (i + .5) * A_CUBIC_A, (j + .5) * A_CUBIC_A, z),
                              ("O", (i + .5) * A_CUBIC_A, j * A_CUBIC_A, z),
                              ("O", i * A_CUBIC_A, (j + .5) * A_CUBIC_A, z)]
                else:  # BaO
                    atoms += [("Ba", i * A_CUBIC_A, j * A_CUBIC_A, z),
                              ("O", (i + .5) * A_CUBIC_A, (j + .5) * A_CUBIC_A, z)]
    return atoms


def relax(potential, atoms, cells, held_layers, work, name):
    """Relaxed energy (eV) and positions of `atoms`, the bottom `held_layers` layers held."""
    types = {e: k + 1 for k, e in enumerate(potential["elements"])}
    length = cells * A_CUBIC_A
    data = work / f"{name}.data"
    lines = [f"{name}\n", f"{len(atoms)} atoms", f"{len(types)} atom types",
             f"0 {length} xlo xhi", f"0 {length} ylo yhi", f"-6 {VACUUM_A} zlo zhi", "", "Masses", ""]
    lines += [f"{t} {MASS_AMU[e]}" for e, t in types.items()]
    lines += ["", "Atoms # charge", ""]
    lines += [f"{k + 1} {types[e]} {potential['charges'][e]} {x} {y} {z}" for k, (e, x, y, z) in enumerate(atoms)]
    data.write_text("\n".join(lines) + "\n")
    dump = work / f"{name}.dump"
    script = ["units metal", "atom_style charge", "boundary p p p", f"read_data {data}",
              f"pair_style {potential['pair_style']}"]
    script += ["pair_coeff " + c.replace("${lammps_potentials}", "/usr/share/lammps/potentials")
               for c in potential["pair_coeff"]]
    script += potential.get("commands", [])
    script += [f"region bottom block INF INF INF INF -1 {(held_layers - 0.5) * A_CUBIC_A / 2}",
               "group bottom region bottom",
               "fix hold bottom setforce 0 0 0", "thermo_style custom step pe fmax",
               "thermo_modify format float %.10f", "min_style fire", "minimize 0 1e-3 20000 200000",
               f"write_dump all custom {dump} id x y z modify sort id"]
    (work / f"{name}.in").write_text("\n".join(script) + "\n")
    out = subprocess.run([str(NABRIDGE), "lmp", str(work / f"{name}.in")], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    thermo = [l.split() for l in out if len(l.split()) == 3 and l.split()[0].isdigit()]
    return float(thermo[-1][1]), np.loadtxt(dump, skiprows=9)[:, 1:4]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--potential", default="batio3-pedone-nadft")
    ap.add_argument("--cells", type=int, nargs="+", default=[3, 4, 5, 6])
    ap.add_argument("--held-layers", type=int, default=2, help="bottom layers held (the campaign: 2)")
    ap.add_argument("--work", type=pathlib.Path)
    args = ap.parse_args()
    potential = tomllib.loads((ROOT / "potentials" / args.potential / "potential.toml").read_text())
    work = args.work or pathlib.Path(tempfile.mkdtemp(prefix="tio2-cell-"))
    work.mkdir(parents=True, exist_ok=True)
    print("| cells | atoms | E(slab+Na) - E(slab) (eV) | host atoms moved > 0.3 A | largest host move (A) |")
    print("|---|---|---|---|---|")
    for n in args.cells:
        clean = slab_atoms(n)
        e_slab, x_slab = relax(potential, clean, n, args.held_layers, work, f"slab{n}")
        centre = A_CUBIC_A * (n // 2)
        z_top = (LAYERS - 1) * A_CUBIC_A / 2
        e_ads, x_ads = relax(potential, clean + [("Na", centre + 0.13, centre + 0.10, z_top + 1.2)], n,
                             args.held_layers, work, f"adatom{n}")
        period = np.array([n * A_CUBIC_A, n * A_CUBIC_A, np.inf])
        moved = x_ads[:len(clean)] - x_slab
        moved -= np.round(moved / period) * np.nan_to_num(period, posinf=0.0)
        distance = np.linalg.norm(moved, axis=1)
        print(f"| {n}x{n} | {len(clean) + 1} | {e_ads - e_slab:.4f} | {int((distance > 0.3).sum())} | "
              f"{distance.max():.2f} |")


if __name__ == "__main__":
    main()
