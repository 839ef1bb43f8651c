#!/usr/bin/env python3
"""Compare Sweetspot's Sobol' and Morris indices with SALib's on the same designs and outputs.

Not part of CI (it needs SALib: `pip install SALib`). First let the test suite write the designs,
their outputs and our indices, then run this script on that folder:

    SWEETSPOT_SALIB_DIR=/tmp/salib swift test --filter SALibExport
    python3 scripts/salib-crosscheck.py /tmp/salib

The files (written by Tests/SweetspotRobustnessTests/SALibExport.swift):
  saltelli-ishigami.csv  Saltelli design (unit cube, SALib's calc_second_order=False row order:
                         A, AB_1 .. AB_k, B per base row) and the Ishigami outputs, column y
  sweetspot-sobol.json   our S1, ST and their percentile-bootstrap intervals, and the analytic values
  morris-g.csv           Morris trajectories (k + 1 rows each) and Sobol's G-function outputs
  sweetspot-morris.json  our mu_star, mu, sigma and mu_star's interval

SALib reads both layouts as they are, so its point estimates must equal ours to rounding
(SALib standardizes the outputs, we centre them; the indices are ratios, so the scale cancels).
Its intervals are z * bootstrap sd, ours are bootstrap percentiles with other resamples, so
those agree only roughly; the script prints both half-widths. Exit status 1 if any point
estimate differs by more than 1e-9.
"""
import csv
import json
import sys
from pathlib import Path

import numpy as np
from SALib.analyze import morris, sobol


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    header, data = rows[0], np.array(rows[1:], dtype=float)
    k = len(header) - 1
    return data[:, :k], data[:, k]


def problem(k):
    return {"num_vars": k, "names": [f"x{i + 1}" for i in range(k)], "bounds": [[0.0, 1.0]] * k}


def compare(label, ours, theirs, worst):
    for i, (a, b) in enumerate(zip(ours, theirs)):
        worst = max(worst, abs(a - b))
        print(f"  {label}[{i + 1}]  sweetspot {a: .10f}  SALib {b: .10f}  diff {a - b: .2e}")
    return worst


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    worst = 0.0

    x, y = read(folder / "saltelli-ishigami.csv")
    ours = json.loads((folder / "sweetspot-sobol.json").read_text())
    s = sobol.analyze(problem(x.shape[1]), y, calc_second_order=False, num_resamples=500,
                      conf_level=0.95, seed=11)
    print(f"Sobol' indices, Ishigami, {len(y)} runs")
    worst = compare("S1", ours["S1"], s["S1"], worst)
    worst = compare("ST", ours["ST"], s["ST"], worst)
    for name in ("S1", "ST"):
        for i in range(x.shape[1]):
            half = (ours[f"{name}_high"][i] - ours[f"{name}_low"][i]) / 2
            print(f"  {name}[{i + 1}] 95% half-width: sweetspot {half:.4f} (percentile)  "
                  f"SALib {s[name + '_conf'][i]:.4f} (z * sd)  analytic {ours[name + '_analytic'][i]:.4f}")

    x, y = read(folder / "morris-g.csv")
    ours = json.loads((folder / "sweetspot-morris.json").read_text())
    m = morris.analyze(problem(x.shape[1]), x, y, num_resamples=500, conf_level=0.95, num_levels=4, seed=21)
    print(f"Morris, G-function, {len(y)} runs")
    worst = compare("mu_star", ours["mu_star"], m["mu_star"], worst)
    worst = compare("mu", ours["mu"], m["mu"], worst)
    worst = compare("sigma", ours["sigma"], m["sigma"], worst)
    for i in range(x.shape[1]):
        half = (ours["mu_star_high"][i] - ours["mu_star_low"][i]) / 2
        print(f"  mu_star[{i + 1}] 95% half-width: sweetspot {half:.4f}  SALib {m['mu_star_conf'][i]:.4f}")

    print(f"largest difference in a point estimate: {worst:.2e}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
