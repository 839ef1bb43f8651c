#!/usr/bin/env bash
# The main job behind `make run`: the most complete real job Sweetspot has so far.
set -euo pipefail
bin="${1:-.build/release/sweetspot}"
"$bin" info
