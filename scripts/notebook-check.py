#!/usr/bin/env python3
"""Loads every CSV file of a small Sweetspot run with pandas, as docs/NOTEBOOK.md does, and checks
that they arrive as written: column names kept (no mangling, all valid identifiers), integers as
int64, win flags as bool, names with commas and quotes intact, one scenario index across files,
and the manifest's columns object naming every swept column; then runs docs/NOTEBOOK.md's pandas
code on the run (with matplotlib) and, where R is installed, its R lines. With the jsonschema
package it also
validates summary.json and manifest.json against docs/schemas/.

    scripts/notebook-check.py [path/to/sweetspot]      (default .build/debug/sweetspot)

Exit 0 when every check holds, 1 with one line per failure otherwise."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "sweetspot")
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
COUNTS = ["customers_end", "acquired", "churned"]
FLAGS = ["win4_customers_win", "win4_employees_win", "win4_company_win", "win4_owners_win"]
ODD_NAME = 'say "hi", twice'

EXPERIMENT = """
name = "notebook"
seed = 5
trials = 3
weeks = 10
strategies = ["good-enough", 'say "hi", twice']
[strategy.'say "hi", twice']
base = "win4"
[population]
size = 400
[[sweep]]
key = "strategy.good-enough.service_level_target"
values = [0.6, 0.8]
"""

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "notebook.toml")
        with open(path, "w") as f:
            f.write(EXPERIMENT)
        run = os.path.join(work, "run")
        done = subprocess.run([BINARY, "run", path, "-o", run, "-q", "-j", "1", "--trajectories"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            print(f"notebook-check: {BINARY} run failed: {done.stderr.strip()}", file=sys.stderr)
            return 1
        with open(os.path.join(run, "manifest.json")) as f:
            manifest = json.load(f)

        trials = pd.read_csv(os.path.join(run, "trials.csv"))
        summary = pd.read_csv(os.path.join(run, "summary.csv"))
        report = pd.read_csv(os.path.join(run, "report.csv"))
        paths = pd.read_csv(os.path.join(run, "trajectories.csv"))

        for name, frame in [("trials.csv", trials), ("summary.csv", summary), ("report.csv", report), ("trajectories.csv", paths)]:
            with open(os.path.join(run, name)) as f:
                header = f.readline().rstrip("\n").split(",")
            check(list(frame.columns) == header, f"{name}: pandas renamed columns: {list(frame.columns)[:6]}")
            bad = [c for c in frame.columns if not IDENTIFIER.match(c)]
            check(not bad, f"{name}: columns that are not identifiers in R and pandas: {bad}")
            check(str(frame["scenario"].dtype) == "int64", f"{name}: scenario is {frame['scenario'].dtype}, not int64")

        # trials.csv: one row per scenario × strategy × trial; integers and flags typed as such.
        check(len(trials) == 2 * 2 * 3, f"trials.csv: {len(trials)} rows, expected 12")
        check(str(trials["trial"].dtype) == "int64", f"trials.csv: trial is {trials['trial'].dtype}")
        for c in COUNTS:
            check(str(trials[c].dtype) == "int64", f"trials.csv: {c} is {trials[c].dtype}, not int64")
        for c in FLAGS:
            check(str(trials[c].dtype) == "bool", f"trials.csv: {c} is {trials[c].dtype}, not bool")
        check(str(trials["profit_npv"].dtype) == "float64", f"trials.csv: profit_npv is {trials['profit_npv'].dtype}")
        check(set(trials["strategy"]) == {"good-enough", ODD_NAME}, f"trials.csv: strategy names read back as {set(trials['strategy'])}")
        swept = [c for c in trials.columns if "__" in c]
        check(swept == ["strategy__good_enough__service_level_target"], f"trials.csv: swept columns {swept}")
        check(manifest.get("columns") == {"strategy__good_enough__service_level_target": "strategy.good-enough.service_level_target"},
              f"manifest.json: columns is {manifest.get('columns')}")

        # trajectories.csv: one row per scenario × strategy × trial × week, counts as integers,
        # the swept column as trials.csv names it; the last week's customers are customers_end.
        check(len(paths) == 2 * 2 * 3 * 10, f"trajectories.csv: {len(paths)} rows, expected 120")
        for c in ["trial", "week", "customers", "churned", "acquired"]:
            check(str(paths[c].dtype) == "int64", f"trajectories.csv: {c} is {paths[c].dtype}, not int64")
        check([c for c in paths.columns if "__" in c] == swept, "trajectories.csv: swept columns differ from trials.csv's")
        last = paths[paths["week"] == 9].set_index(["scenario", "strategy", "trial"])["customers"].sort_index()
        end = trials.set_index(["scenario", "strategy", "trial"])["customers_end"].sort_index()
        check(last.equals(end), "trajectories.csv: the last week's customers are not trials.csv's customers_end")

        # summary.csv: n is a count.
        check(str(summary["n"].dtype) == "int64", f"summary.csv: n is {summary['n'].dtype}")
        metrics = len(trials.columns) - trials.columns.get_loc("trial") - 1
        check(len(summary) == 2 * 2 * metrics, f"summary.csv: {len(summary)} rows, expected {2 * 2 * metrics}")

        # report.csv: the same scenario index as trials.csv, with its label; flags true/false.
        check(set(report["scenario"]) <= set(trials["scenario"]), "report.csv: scenario indices that trials.csv does not have")
        labels = report.groupby("scenario")["scenario_label"].nunique()
        check((labels == 1).all(), "report.csv: a scenario with several labels")
        significant = report["significant"].dropna()
        check(set(significant.unique()) <= {True, False}, f"report.csv: significant holds {set(significant.unique())}")
        check(ODD_NAME in set(report["strategy"]), "report.csv: the strategy name with a comma and quotes did not survive")

        # The pandas code of docs/NOTEBOOK.md itself, run on this run (plots need matplotlib).
        try:
            import matplotlib
            matplotlib.use("Agg")
        except ImportError:
            print("notebook-check: matplotlib not installed; docs/NOTEBOOK.md's pandas code not run")
        else:
            with open(os.path.join(ROOT, "docs", "NOTEBOOK.md")) as f:
                doc = f.read()
            start = doc.index("```python\n") + len("```python\n")
            code = doc[start:doc.index("```", start)]
            here = os.getcwd()
            os.chdir(work)
            try:
                import contextlib, io
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(code, "docs/NOTEBOOK.md", "exec"), {})
                check(os.path.exists("customer-equity.png") and os.path.exists("sweep.png"), "docs/NOTEBOOK.md: the plots were not written")
            except Exception as e:  # a failure of the documented code is a check failure, named
                check(False, f"docs/NOTEBOOK.md's pandas code fails: {type(e).__name__}: {e}")
            finally:
                os.chdir(here)

        try:
            import jsonschema
        except ImportError:
            print("notebook-check: jsonschema not installed; schemas not checked (the Swift tests check them)")
        else:
            for name in ["summary", "manifest"]:
                with open(os.path.join(ROOT, "docs", "schemas", f"{name}.schema.json")) as f:
                    schema = json.load(f)
                with open(os.path.join(run, f"{name}.json")) as f:
                    document = json.load(f)
                errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
                check(not errors, f"{name}.json: {errors[0].message if errors else ''}")

        # R, where installed: docs/NOTEBOOK.md's types and its Win4 aggregate (R's read.csv reads
        # only TRUE/FALSE as logical, which is why the flags are written so).
        if shutil.which("Rscript"):
            script = """
trials <- read.csv(file.path(commandArgs(TRUE)[1], "trials.csv"))
report <- read.csv(file.path(commandArgs(TRUE)[1], "report.csv"))
stopifnot(identical(names(trials)[1:2], c("scenario", "market")))
cls <- sapply(trials[, c("scenario", "trial", "customers_end", "win4_customers_win", "profit_npv")], class)
cat(cls, "\\n")
stopifnot(identical(unname(cls), c("integer", "integer", "integer", "logical", "numeric")))
stopifnot(class(report$significant) == "logical")
a <- aggregate(cbind(win4_customers_win, win4_employees_win, win4_company_win, win4_owners_win) ~ strategy, data = trials, FUN = mean)
stopifnot(nrow(a) == 2, all(a$win4_customers_win >= 0 & a$win4_customers_win <= 1))
"""
            done = subprocess.run(["Rscript", "-e", script, run], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            check(done.returncode == 0, "R: " + (done.stderr.strip().splitlines() or ["failed"])[-1])
            r_checked = done.returncode == 0
        else:
            print("notebook-check: Rscript not installed; docs/NOTEBOOK.md's R lines not run (apt-get install r-base-core)")
            r_checked = False

    if failures:
        for f in failures:
            print("notebook-check: " + f, file=sys.stderr)
        return 1
    print(f"notebook-check: trials.csv, summary.csv and report.csv load in pandas {pd.__version__}{' and R' if r_checked else ''} with their names and types")
    return 0


if __name__ == "__main__":
    sys.exit(main())
