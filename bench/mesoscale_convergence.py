#!/usr/bin/env python3
"""Convergence of the default campaign's mesoscale rows in cell and map size.

Runs `nabridge upscale` on one parameter file (the `upscale_params.toml` a campaign's mesoscale
task writes under results/work/KEY/) in three maps: the file's own cells (`base`), the cells
halved (`half`: twice the cells per side, half the cell size) and the map doubled (`dbl`: twice
the cells per side, the same cell size), each at 10 MPa, one cycle and 0.1, 1, 10 mA/cm², and
prints one Markdown row per interface and current:
η_nuc, η_S,nuc and N as base / half / dbl, N with its change against base.

Usage: bench/mesoscale_convergence.py NABRIDGE PARAMS OUT [ROW|ROW...]
  NABRIDGE  the nabridge binary
  PARAMS    upscale_params.toml of a campaign's mesoscale task
  OUT       folder for the three runs (OUT/base, OUT/half, OUT/dbl)
  ROW|ROW   optional: only these substrate rows, '|'-separated (the coated interface always runs)
This is the table of docs/upscale.md, "Convergence of the default campaign".
"""
import json
import os
import re
import subprocess
import sys

MAPS = (("base", 1, 1.0), ("half", 2, 0.5), ("dbl", 2, 1.0))  # (tag, cells factor, cell-size factor)


def conditions(text, rows):
    """The sweep reduced to the convergence conditions: 10 MPa, one cycle, 0.1 / 1 / 10 mA/cm²."""
    text = re.sub(r"current_mA_cm2 = \[[^\]]*\]", "current_mA_cm2 = [ 0.1, 1, 10 ]", text, count=1)
    text = re.sub(r"pressure_MPa = \[[^\]]*\]", "pressure_MPa = [ 10 ]", text, count=1)
    text = re.sub(r"cycles = \d+", "cycles = 1", text, count=1)
    if rows:
        listed = ", ".join("'%s'" % r for r in rows)
        text = re.sub(r"substrates = \[[^\]]*\]", "substrates = [ %s ]" % listed, text, count=1)
    return text


def with_map(text, cells_factor, size_factor):
    cells = int(re.search(r"\bcells = (\d+)", text).group(1))
    cell_nm = float(re.search(r"\bcell_nm = ([\d.]+)", text).group(1))
    text = re.sub(r"\bcells = \d+", "cells = %d" % (cells * cells_factor), text, count=1)
    return re.sub(r"\bcell_nm = [\d.]+", "cell_nm = %g" % (cell_nm * size_factor), text, count=1)


def first_cycles(nabridge, params_path, out):
    subprocess.run([nabridge, "upscale", params_path, "--no-plots", "--threads", "2", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)
    runs = json.load(open(os.path.join(out, "mesoscale", "mesoscale.json")))["runs"]
    result = {}
    for run in runs:
        key = (run["interface"], run["current_mA_cm2"])
        c = run["cycles"][0] if run["status"] == "ok" else None
        result[key] = None if c is None else (c["eta_nuc_mV"], c.get("eta_S_nuc_mV"), c["nuclei_per_um2"])
    return result


def cell(values, k):
    parts = []
    base = values["base"]
    for tag, _, _ in MAPS:
        v = values[tag]
        if v is None:
            parts.append("failed")
            continue
        x = v[k]
        text = "–" if x is None else ("%.1f" % x if k < 2 else "%.3g" % x)
        if k == 2 and tag != "base" and base and base[2]:
            text += " (%+.0f %%)" % (100 * (x / base[2] - 1))
        parts.append(text.replace("-", "−"))
    return " / ".join(parts)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    nabridge, params, out = sys.argv[1:4]
    rows = sys.argv[4].split("|") if len(sys.argv) > 4 else None
    text = conditions(open(params).read(), rows)
    os.makedirs(out, exist_ok=True)
    table = {}
    for tag, cells_factor, size_factor in MAPS:
        path = os.path.join(out, tag + ".toml")
        open(path, "w").write(with_map(text, cells_factor, size_factor))
        for key, v in first_cycles(nabridge, path, os.path.join(out, tag)).items():
            table.setdefault(key, {})[tag] = v
    print("| interface | i (mA/cm²) | η_nuc (mV) | η_S,nuc (mV) | N (µm⁻²) |")
    print("|---|---|---|---|---|")
    for (interface, current), values in table.items():
        print("| %s | %g | %s |" % (interface, current, " | ".join(cell(values, k) for k in range(3))))


if __name__ == "__main__":
    main()
