#!/usr/bin/env bash
# The main job behind `make run`: the default suite (experiments/showdown.toml: every preset
# strategy in the competitive market), into results/showdown/<run-id>/.
set -euo pipefail
bin="${1:-.build/release/sweetspot}"
dir=$("$bin" run experiments/showdown.toml)
echo
echo "Results: $dir"
echo "  trials.csv    one row per strategy × trial"
echo "  summary.csv   per strategy and metric: n, mean, sd, 95% CI, quantiles"
echo "  manifest.json configuration, versions, timing, common-random-numbers variance reduction"
