#!/usr/bin/env python3
"""Why the Na-Cu cross terms bind a Na adatom more strongly on Cu(100) than on Cu(111).

Splits the EAM binding energy of a Na adatom (vs the isolated atom) in the Cu(100) fourfold hollow
and the Cu(111) fcc hollow into the Na-Cu pair term, the Na embedding and the change of the Cu
atoms' embedding, with the Zhou functions of nabridge-eam-NaAlCuAu and a cross_terms.toml's Na-Cu
term (scale, stretch, density_at_Cu, density_at_Na, density_stretch). The slabs are ideal, frozen,
3 layers at a = 3.63 A (the DFT reference's Cu100-k331 / Cu111-k331) and laterally unbounded (one
adatom; the DFT cells' periodic Na images are left out, a few 0.01 eV from dft-validate's values).

  bench/na_cu_facet_embedding.py potentials/nabridge-eam-NaAlCuAu/cross_terms.toml [more.toml ...]
  bench/na_cu_facet_embedding.py --scan-range X.toml

--scan-range: for density_stretch s from 0.6 to 1.5, density_at_Na and density_at_Cu of X are
rescaled so that the Cu(111) fcc adatom keeps X's Na host density and Cu embedding gain (the
smallest density_at_Cu reaching it: the gain per Cu atom saturates once its density passes rho_e);
prints the Cu(100) hollow (2.40 A) minus Cu(111) fcc (2.35 A) binding energy, i.e. what the range
alone can do to the facet difference. docs/potentials.md ("Trial: a Na-Cu density range").
"""
import argparse
import math
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CUTOFF_A = 7.9  # the recipe's cutoff
A_CU_A = 3.63  # lattice constant of the DFT slabs


def zhou_element(path, symbol):
    with open(path, "rb") as f:
        return tomllib.load(f)["elements"][symbol]


CU = zhou_element(ROOT / "potentials/zhou2004/zhou2004.toml", "Cu")
NA = zhou_element(ROOT / "potentials/nabridge-eam-NaAlCuAu/Na.toml", "Na")


def damped_exp(x, p, c):
    return math.exp(-p * (x - 1)) / (1 + (x - c) ** 20)


def density(e, r):
    return e["fe"] * damped_exp(r / e["re"], e["beta"], e["lambda"])


def pair(e, r):
    x = r / e["re"]
    return e["A"] * damped_exp(x, e["alpha"], e["kappa"]) - e["B"] * damped_exp(x, e["beta"], e["lambda"])


def cubic(c, x):
    return c[0] + x * (c[1] + x * (c[2] + x * c[3]))


def embedding(e, rho):
    rho_n, rho_o = 0.85 * e["rhoe"], 1.15 * e["rhoe"]
    if rho < rho_n:
        return cubic(e["Fn"], rho / rho_n - 1)
    if rho < rho_o:
        return cubic(e["F"][:3] + [e["F"][3] if rho < e["rhoe"] else e["F3_above"]], rho / e["rhoe"] - 1)
    t = rho / e["rhos"]
    return e["Fe"] * (1 - e["eta"] * math.log(t)) * t ** e["eta"]


def slope(e, rho, h=1e-5):
    return (embedding(e, rho + h) - embedding(e, rho - h)) / (2 * h)


def curvature(e, rho, h=1e-4):
    return (embedding(e, rho + h) - 2 * embedding(e, rho) + embedding(e, rho - h)) / h**2


def zhou_rule_pair(r):
    """Zhou's alloy rule for the unlike Na-Cu pair."""
    return 0.5 * (density(CU, r) / density(NA, r) * pair(NA, r) + density(NA, r) / density(CU, r) * pair(CU, r))


def slab(facet, n=7):
    """3 layers, top layer at z = 0: the atoms and the (x, y) of the hollow the adatom sits in."""
    atoms = []
    if facet == "100":
        d = A_CU_A / 2
        for k in range(3):
            for i in range(-n, n + 1):
                for j in range(-n, n + 1):
                    if (i + j + k) % 2 == 0:
                        atoms.append((i * d, j * d, -k * d))
        return atoms, (d, 0.0)  # (d, 0) is empty in the top layer: the fourfold hollow
    b = A_CU_A / math.sqrt(2)
    a1, a2 = (b, 0.0), (0.5 * b, math.sqrt(3) / 2 * b)
    c = ((a1[0] + a2[0]) / 3, (a1[1] + a2[1]) / 3)
    for k in range(3):  # ABC stacking downwards: layer k shifted by k (a1 + a2) / 3
        for i in range(-n, n + 1):
            for j in range(-n, n + 1):
                x, y = i * a1[0] + j * a2[0] + k * c[0], i * a1[1] + j * a2[1] + k * c[1]
                atoms.append((x, y, -k * A_CU_A / math.sqrt(3)))
    return atoms, (2 * c[0], 2 * c[1])  # above the third-layer atom: the fcc hollow


def binding(term, facet, z):
    """The adatom's binding energy at height z and its parts (eV), with the embedding at the densities involved."""
    atoms, (x0, y0) = slab(facet)
    s = term.get("density_stretch", 1.0)
    r = [math.dist(p, (x0, y0, z)) for p in atoms]
    near = [i for i, ri in enumerate(r) if ri < CUTOFF_A]
    e_pair = sum(term["scale"] * zhou_rule_pair(r[i] / term["stretch"]) for i in near)
    rho_na = sum(term["density_at_Na"] * density(CU, r[i] / s) for i in near)
    e_cu, nearest = 0.0, None
    for i in near:
        rho_cu = sum(density(CU, v) for v in (math.dist(p, atoms[i]) for p in atoms) if 1e-6 < v < CUTOFF_A)
        added = term["density_at_Cu"] * density(NA, r[i] / s)
        e_cu += embedding(CU, rho_cu + added) - embedding(CU, rho_cu)
        if nearest is None or r[i] < nearest[0]:
            nearest = (r[i], rho_cu, added)
    e_na = embedding(NA, rho_na)
    return {"E": e_pair + e_na + e_cu, "pair": e_pair, "F_Na": e_na, "dF_Cu": e_cu, "rho_Na": rho_na,
            "nearest": nearest}


def na_cu_term(path):
    with open(path, "rb") as f:
        return tomllib.load(f)["pairs"]["Na-Cu"]


def report(path):
    term = na_cu_term(path)
    print(path, {k: round(v, 4) for k, v in term.items()})
    for facet, z in [("100", 1.80), ("100", 2.10), ("100", 2.40), ("100", 2.70), ("111", 2.35)]:
        b = binding(term, facet, z)
        r, rho_cu, added = b["nearest"]
        print(f"  Cu({facet}) z={z:.2f}: E={b['E']:+.3f} = pair {b['pair']:+.3f} + F_Na {b['F_Na']:+.3f} "
              f"+ dF_Cu {b['dF_Cu']:+.3f}; rho_Na {b['rho_Na']:.2f} (F'' {curvature(NA, b['rho_Na']):+.4f}); "
              f"nearest Cu at {r:.3f} A: rho {rho_cu:.2f} + {added:.2f} (F' {slope(CU, rho_cu):+.4f}, "
              f"F'' {curvature(CU, rho_cu):+.5f})")


def scan_range(path):
    base = na_cu_term(path)
    ref = binding(base, "111", 2.35)
    for s in [0.6, 0.7, 0.8, 0.85, 0.9, 1.0, 1.1, 1.2, 1.34, 1.5]:
        t = dict(base, density_stretch=s)
        t["density_at_Na"] = base["density_at_Na"] * ref["rho_Na"] / binding(t, "111", 2.35)["rho_Na"]
        lo, hi = 0.01, None  # bracket the first crossing on the rising part of the gain, then bisect
        for k in range(80):
            t["density_at_Cu"] = 0.5 * 1.1**k
            gain = binding(t, "111", 2.35)["dF_Cu"]
            if gain <= ref["dF_Cu"]:
                hi = t["density_at_Cu"]
                break
            if k and gain > previous:  # past the most the three Cu atoms can gain
                break
            lo, previous = t["density_at_Cu"], gain
        if hi is None:
            print(f"s={s:.2f}: the Cu(111) embedding gain stays above {ref['dF_Cu']:+.3f} eV (at most {previous:+.3f})")
            continue
        for _ in range(30):
            t["density_at_Cu"] = 0.5 * (lo + hi)
            if binding(t, "111", 2.35)["dF_Cu"] <= ref["dF_Cu"]:
                hi = t["density_at_Cu"]
            else:
                lo = t["density_at_Cu"]
        a, b = binding(t, "100", 2.40), binding(t, "111", 2.35)
        print(f"s={s:.2f} density_at_Cu={t['density_at_Cu']:.2f} density_at_Na={t['density_at_Na']:.3f}: "
              f"E100 - E111 = {a['E'] - b['E']:+.3f} (pair {a['pair'] - b['pair']:+.3f}, "
              f"F_Na {a['F_Na'] - b['F_Na']:+.3f}, dF_Cu {a['dF_Cu'] - b['dF_Cu']:+.3f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cross_terms", nargs="+", help="cross_terms.toml files with a [pairs.\"Na-Cu\"] table")
    ap.add_argument("--scan-range", action="store_true", help="scan density_stretch on the first file's term")
    args = ap.parse_args()
    if args.scan_range:
        scan_range(args.cross_terms[0])
        return
    for path in args.cross_terms:
        report(path)


if __name__ == "__main__":
    main()
