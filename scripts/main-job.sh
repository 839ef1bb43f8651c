#!/usr/bin/env bash
# The main job behind `make run`: the default suite (experiments/showdown.toml: every preset
# strategy in the competitive market), into results/showdown/<run-id>/, then its report.
set -euo pipefail
bin="${1:-.build/release/sweetspot}"
dir=$("$bin" run experiments/showdown.toml)
echo
sed -n '/^\*\*Answer\.\*\*/p' "$dir/report.md"
echo
echo "Report:  $dir/report.md  (also report.html, report.csv, report.json, report.tex with tex/, figures/*.svg)"
echo "Data:    $dir/trials.csv, summary.csv, summary.json; manifest.json"
