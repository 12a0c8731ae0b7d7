#!/usr/bin/python3
"""Slabs built the way ASE users build them, for tests/atomistic/test_sites_supercells.cpp.

Run with Debian's python3-ase (`apt-get install python3-ase`); the build never needs ASE, the
extxyz files it writes are committed. Usage: /usr/bin/python3 make_ase_slabs.py (in tests/data).
"""
import numpy as np
from ase.build import bcc110, fcc100, fcc111


def write(name, atoms):
    atoms.wrap()
    # Plain extxyz: species and positions only (no constraints, no calculator results).
    with open(name + ".extxyz", "w") as f:
        cell = atoms.cell.array
        lattice = " ".join(f"{x:.10f}" for x in cell.reshape(-1))
        pbc = " ".join("T" if p else "F" for p in atoms.pbc)
        f.write(f"{len(atoms)}\n")
        f.write(f'Lattice="{lattice}" Properties=species:S:1:pos:R:3 pbc="{pbc}"\n')
        for s, r in zip(atoms.get_chemical_symbols(), atoms.positions):
            f.write(f"{s} {r[0]:.10f} {r[1]:.10f} {r[2]:.10f}\n")


def rotated(atoms, degrees):
    """The whole slab, cell included, rotated about z: a cell not aligned with x."""
    a = atoms.copy()
    a.rotate(degrees, "z", rotate_cell=True)
    return a


write("ase_al111_ortho_4x4x4", fcc111("Al", size=(4, 4, 4), a=4.05, orthogonal=True, vacuum=10.0))
write("ase_al111_ortho_6x6x4", fcc111("Al", size=(6, 6, 4), a=4.05, orthogonal=True, vacuum=10.0))
write("ase_al111_3x5x4", fcc111("Al", size=(3, 5, 4), a=4.05, vacuum=10.0))
write("ase_al111_ortho_4x4x4_rot17", rotated(fcc111("Al", size=(4, 4, 4), a=4.05, orthogonal=True, vacuum=10.0), 17))
write("ase_cu100_3x5x4", fcc100("Cu", size=(3, 5, 4), a=3.615, vacuum=10.0))
write("ase_na110_ortho_4x4x4", bcc110("Na", size=(4, 4, 4), a=4.225, orthogonal=True, vacuum=10.0))
write("ase_na110_3x5x4", bcc110("Na", size=(3, 5, 4), a=4.225, vacuum=10.0))
