# Sweetspot: two commands take a fresh Debian/Ubuntu machine with Swift 6 to work.
#   make run    build (release) and run the main job
#   make test   build and run every test
# Both first make sure the GNU Scientific Library is installed (libgsl-dev via apt-get).

SWIFT      ?= swift
CONFIG     ?= release
BIN         = .build/$(CONFIG)/sweetspot
SUDO       := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test build deps deps-browser clean help golden docs

help:
	@echo "make run    build Sweetspot (release) and run the main job"
	@echo "make test   run the test suite (swift test)"
	@echo "make deps   install the GNU Scientific Library (and pdflatex) if missing"
	@echo "make deps-browser  install headless Chromium for the HTML report's browser test"
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

clean:
	rm -rf .build

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
