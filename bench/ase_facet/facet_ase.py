#!/usr/bin/python3
"""The facet characterisation of facet.in scripted the way users do it today: ASE 3.22 with
LAMMPSlib (Debian's python3-ase and python3-lammps), LBFGS for relaxations, FIRE for the
CI-NEB, scipy for the UBER fit. Same slab, potential, fixed atoms and fmax as facet.in.

    /usr/bin/python3 facet_ase.py NX NY LAYERS A_A POTDIR EBULK ZFIX ZMID   (prints one JSON line)
"""
import json
import sys

import numpy as np
from ase import Atoms
from ase.calculators.lammpslib import LAMMPSlib
from ase.constraints import FixAtoms
from ase.build import fcc111
from ase.neb import NEB
from ase.optimize import FIRE, LBFGS
from scipy.optimize import curve_fit

FMAX = 0.01          # eV/A, as in facet.in
EV_PER_A2_TO_J_PER_M2 = 16.021766339999997


class CountingLAMMPSlib(LAMMPSlib):
    """LAMMPSlib that counts its force computations (one per calculate())."""

    force_calls = 0

    def calculate(self, *args, **kwargs):
        CountingLAMMPSlib.force_calls += 1
        super().calculate(*args, **kwargs)


def calculator(potdir):
    return CountingLAMMPSlib(
        lmpcmds=["pair_style hybrid/overlay eam/alloy morse 8.0",
                 f"pair_coeff * * eam/alloy {potdir}/Al_zhou.eam.alloy Al NULL",
                 "pair_coeff 1 2 morse 0.35 1.1 3.2",
                 "pair_coeff 2 2 morse 0.0 1.0 3.7"],
        atom_types={"Al": 1, "Na": 2}, atom_type_masses={"Al": 26.982, "Na": 22.990},
        log_file=None, keep_alive=True)


def build_slab(nx, ny, layers, a_A):
    """The slab both codes use: ASE's orthogonal fcc(111) supercell, 15 A of vacuum on each side."""
    return fcc111("Al", size=(nx, ny, layers), a=a_A, orthogonal=True, vacuum=15.0, periodic=True)


def relaxed(atoms, calc):
    atoms = atoms.copy()
    atoms.calc = calc
    LBFGS(atoms, logfile=None).run(fmax=FMAX, steps=2000)
    return atoms, atoms.get_potential_energy()


def top_layer_z(slab):
    return slab.positions[:, 2].max()


def site_positions(slab):
    """Adsorption sites of ASE's fcc111 slab (its adsorbate_info), as Cartesian (x, y)."""
    info = slab.info["adsorbate_info"]
    cell = info["cell"]
    return {label: np.dot(info["sites"][ase_name], cell)
            for label, ase_name in [("top", "ontop"), ("bridge", "bridge"), ("fcc", "fcc"), ("hcp", "hcp")]}


def uber(d, W, l, d0):
    s = (d - d0) / l
    return -W * (1 + s) * np.exp(-s)


def main():
    nx, ny, layers, a_A = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    potdir, ebulk, zfix, zmid = sys.argv[5], float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8])
    slab = build_slab(nx, ny, layers, a_A)
    slab.set_constraint(FixAtoms(mask=slab.positions[:, 2] < zfix))
    calc = calculator(potdir)
    area = np.linalg.norm(np.cross(slab.cell[0], slab.cell[1]))

    # surface energy of the relaxed slab (both faces counted; the bottom one is held)
    clean, e_clean = relaxed(slab, calc)
    gamma = (e_clean - len(slab) * ebulk) / (2 * area) * EV_PER_A2_TO_J_PER_M2

    # the isolated adatom
    lone = Atoms("Na", positions=[[20, 20, 20]], cell=[40, 40, 40], pbc=True)
    lone.calc = calc
    e_iso = lone.get_potential_energy()

    # Na on each site, every start from the relaxed clean slab
    z_top = top_layer_z(clean)
    e_bind, states = {}, {}
    for label, xy in site_positions(slab).items():
        start = clean.copy()
        start += Atoms("Na", positions=[[xy[0], xy[1], z_top + 2.5]])
        start.set_constraint(FixAtoms(mask=np.append(slab.positions[:, 2] < zfix, False)))
        states[label], e = relaxed(start, calc)
        e_bind[label] = e - e_clean - e_iso

    # fcc -> hcp CI-NEB between the relaxed states, 5 images, IDPP start
    images = [states["fcc"]] + [states["fcc"].copy() for _ in range(5)] + [states["hcp"].copy()]
    neb = NEB(images, climb=True, allow_shared_calculator=True, method="improvedtangent")
    neb.interpolate("idpp")
    for image in images:
        image.calc = calc
    FIRE(neb, logfile=None).run(fmax=FMAX, steps=2000)
    energies = [image.get_potential_energy() for image in images]
    barrier = max(energies) - energies[0]

    # 20-point rigid UBER scan of the upper half against the lower half of the input slab
    upper = slab.positions[:, 2] >= zmid
    lower_atoms, upper_atoms = slab[~upper], slab[upper]
    for part in (lower_atoms, upper_atoms):
        part.set_constraint()
        part.calc = calc
    e_apart = lower_atoms.get_potential_energy() + upper_atoms.get_potential_energy()
    gap0 = slab.positions[upper, 2].min() - slab.positions[~upper, 2].max()
    shifts = np.linspace(-0.5, 6.0, 20)
    curve = []
    for shift in shifts:
        moved = slab.copy()
        moved.set_constraint()
        moved.positions[upper, 2] += shift
        moved.calc = calc
        curve.append((moved.get_potential_energy() - e_apart) / area * EV_PER_A2_TO_J_PER_M2)
    gaps = gap0 + shifts
    (W, l, d0), _ = curve_fit(uber, gaps, curve, p0=[-min(curve), 0.5, gaps[int(np.argmin(curve))]])

    print(json.dumps({"gamma_J_m2": gamma, "E_bind_eV": e_bind, "barrier_eV": barrier, "uber_W_J_m2": W,
                      "force_calls": CountingLAMMPSlib.force_calls}))


if __name__ == "__main__":
    main()
