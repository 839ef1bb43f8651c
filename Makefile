# Sweetspot: two commands take a fresh Debian/Ubuntu machine with Swift 6 to work.
#   make run    build (release) and run the main job
#   make test   build and run every test
# Both first make sure the GNU Scientific Library is installed (libgsl-dev via apt-get).

SWIFT      ?= swift
CONFIG     ?= release
BIN         = .build/$(CONFIG)/sweetspot
SUDO       := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PYTHON     ?= python3
PREFIX     ?= /usr/local

.PHONY: run test test-slurm install build deps deps-browser clean help golden docs notebook-check bench-check bench-thresholds

help:
	@echo "make run    build Sweetspot (release) and run the main job"
	@echo "make test   run the test suite (swift test)"
	@echo "make test-slurm  run shards on a real single-node Slurm (root + apt-get; skipped otherwise)"
	@echo "make install     build with the Swift standard library linked in and install to PREFIX (/usr/local)"
	@echo "make deps   install the GNU Scientific Library (and pdflatex) if missing"
	@echo "make deps-browser  install headless Chromium for the HTML report's browser test"
	@echo "make bench-check  run the core benchmarks against benchmarks/Thresholds/ (exit 2 on a regression)"
	@echo "make clean  remove build products"

# GSL is required; GNU parallel is used by the shard test (and by users running shards); a small
# TeX set (pdflatex with booktabs and longtable: ~45 s to install) by the test that compiles the
# LaTeX report.
TEX_OK = command -v pdflatex >/dev/null 2>&1 && kpsewhich booktabs.sty longtable.sty geometry.sty >/dev/null 2>&1
deps:
	@if pkg-config --exists gsl 2>/dev/null && command -v parallel >/dev/null 2>&1 && $(TEX_OK); then \
	  echo "GSL $$(pkg-config --modversion gsl), GNU parallel and pdflatex found"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "installing libgsl-dev, pkg-config, parallel and a small TeX set with apt-get"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev pkg-config parallel && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends texlive-latex-base texlive-latex-recommended; \
	elif command -v brew >/dev/null 2>&1; then \
	  echo "GSL not found: run 'brew install gsl pkg-config' and try again" >&2; exit 1; \
	else \
	  echo "GSL not found and no apt-get: install the GNU Scientific Library (libgsl-dev, gsl-devel or 'brew install gsl') and pkg-config" >&2; exit 1; \
	fi

# Optional: headless Chromium for the test that opens the HTML report in a browser (skipped
# without it; ~50 s and 290 MB to install, so `make deps` does not).
deps-browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

build: deps
	$(SWIFT) build -c $(CONFIG) --product sweetspot

run: build
	./scripts/main-job.sh $(BIN)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory notebook-check

# docs/NOTEBOOK.md's promise, checked: a small run's CSV files load in pandas with their names and
# types (scripts/notebook-check.py). Skipped, saying so, where pandas is not installed
# (apt-get install python3-pandas).
notebook-check:
	@if $(PYTHON) -c 'import pandas' 2>/dev/null; then \
	  $(PYTHON) scripts/notebook-check.py .build/debug/sweetspot; \
	else \
	  echo "notebook-check: skipped: pandas not importable by $(PYTHON) (apt-get install python3-pandas, or PYTHON=...)"; \
	fi

clean:
	rm -rf .build

# The Slurm route of the README on a real Slurm installed from Debian's packages: a job array,
# its merge, a task stopped by SIGTERM and the whole array resubmitted (scripts/test-slurm.sh).
# Skipped, with a message and exit 0, where Slurm cannot be installed or started.
test-slurm: deps
	$(SWIFT) build --product sweetspot
	./scripts/test-slurm.sh .build/debug/sweetspot

# A binary for compute nodes: release, with the Swift standard library and Foundation linked in
# statically, so a node needs only libgsl (and the C library), not the Swift runtime at this
# machine's path. Its own build folder keeps `make run`'s .build/release as it is.
install: deps
	$(SWIFT) build -c release --product sweetspot --static-swift-stdlib --scratch-path .build/static
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 .build/static/release/sweetspot "$(DESTDIR)$(PREFIX)/bin/sweetspot"

# Regenerates the report golden file from a fresh run of its fixed experiment (never edit it).
golden: deps
	$(SWIFT) build --product sweetspot
	rm -rf .build/golden-run
	.build/debug/sweetspot run Tests/SweetspotReportTests/Golden/tiny.toml --out .build/golden-run --quiet --threads 2
	cp .build/golden-run/report.md Tests/SweetspotReportTests/Golden/tiny-report.md

# Regenerates the key tables at the end of docs/EXPERIMENTS.md (`sweetspot keys`) and the
# parameter tables of docs/MODEL.md between its markers (`sweetspot keys --model-tables`).
docs:
	$(SWIFT) build --product sweetspot
	./scripts/generate-docs.sh .build/debug/sweetspot

# The performance regression gate: the core benchmarks (the reference trial, its draw floor, the
# two queues, the runner) against the p90 thresholds committed in benchmarks/Thresholds/, with the
# tolerances written beside the benchmarks (SimulationCore.swift, `gate`). Fails (make's exit 2) on
# a regression. package-benchmark also fails when a benchmark beats its threshold by more than the
# tolerance; that is no regression (on this shared VM usually a faster machine than the one the
# thresholds came from), so it passes with a note to consider `make bench-thresholds`. Not part of
# `make test` (several minutes; the first build of the benchmark package takes 3-5). The filter is a
# regular expression that must match a whole benchmark name.
CORE_BENCHMARKS = (Trial-10k|Draw-floor|Queue-M-M|Runner-56).*
bench-check:
	@cd benchmarks && log=$$(mktemp) && status=$$(mktemp) && \
	  { $(SWIFT) package --disable-sandbox benchmark thresholds check --filter '$(CORE_BENCHMARKS)'; echo $$? > $$status; } 2>&1 | tee $$log; \
	  rc=$$(cat $$status); \
	  if [ "$$rc" != 0 ] && grep -q benchmarkThresholdImprovement $$log && ! grep -q benchmarkThresholdRegression $$log; then \
	    echo "bench-check: no regression; some benchmarks beat their thresholds by more than the tolerance (above): a faster machine, or a gain to record with 'make bench-thresholds'"; rc=0; \
	  fi; rm -f $$log $$status; exit $$rc

# Stores the core benchmarks' p90 values as the new thresholds (review the diff before committing).
bench-thresholds:
	cd benchmarks && $(SWIFT) package --disable-sandbox --allow-writing-to-package-directory benchmark thresholds update --filter '$(CORE_BENCHMARKS)'
