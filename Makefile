# Two commands do everything on a fresh machine:
#   make report   build the environment, the data package and the report
#   make test     the same, then run the test suite
# Every target below is a real file that depends on its inputs, so a
# repeated `make report` with nothing changed does no work.
#
# Independent steps run side by side: make runs up to JOBS recipes at once (default: the
# number of cores; `make JOBS=1` or `make -j1` for one at a time). Each step writes only its
# own files and every output is deterministic, so the result is byte-identical either way.
# (Output is not grouped per recipe: the steps print a line or two each, and `make test`
# shows the test run as it goes.)
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(JOBS)
endif

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# With Quarto on PATH, the report renders through a Jupyter kernel running .venv's Python, so
# the kernel packages (requirements-quarto.lock) are installed into .venv as well.
QUARTO := $(shell command -v quarto 2>/dev/null)
KERNEL_STAMP := $(VENV)/.installed-quarto
ENV_STAMPS := $(STAMP) $(if $(QUARTO),$(KERNEL_STAMP))

# The pipeline (README, "Pipeline"): each step is a file target with its declared inputs.
#   tables    seeds + extraction code      -> .build/tables/*.csv   (never reads tests/)
#   dev       tests/dev + extraction code + seed registers -> .build/evaluation/dev.json
#             (the extraction re-run on the blind dev set in a temporary folder; only scores
#             are kept; runs beside `tables`, which it does not need)
#   evaluate  .build/tables + tests/gold + dev.json -> .build/evaluation/evaluation.csv
#   package   both + schemas, descriptor    -> data/*.csv, datapackage.json (validated, then published)
#   vega      scripts/reporting/charts.py   -> report/_vega.html (runs beside the data steps)
#   report    package + scripts/reporting   -> report/index.html
SEEDS   := $(shell find seeds -type f 2>/dev/null | sort)
GOLD    := $(shell find tests/gold tests/dev -type f 2>/dev/null | sort)
SCHEMAS := $(wildcard scripts/package/schemas/*.yaml)
SCORING := scripts/steps/evaluate.py scripts/steps/devset.py scripts/steps/devscore.py
EXTRACT := $(wildcard scripts/*.py scripts/registers/*.py scripts/annotate/*.py scripts/lexicon/*.py) \
           $(wildcard scripts/lexicon/*.yaml) \
           $(filter-out $(SCORING),$(wildcard scripts/steps/*.py)) \
           scripts/package/tables.py $(SCHEMAS)
DEV     := $(shell find tests/dev -type f 2>/dev/null | sort)
REPORTING := $(wildcard scripts/reporting/*.py)
TABLES_DONE := .build/tables/.done
DEV_SCORES  := .build/evaluation/dev.json
EVALUATION  := .build/evaluation/evaluation.csv
VEGA        := report/_vega.html
REPORT_SRC := $(shell find report -maxdepth 1 -type f \( -name '*.qmd' -o -name '*.yml' -o -name '*.py' -o -name '*.css' -o -name '*.csl' \) 2>/dev/null | sort) \
              $(shell find report/fonts report/csl -type f 2>/dev/null | sort)

.PHONY: all env data validate report test evaluate lint bench clean distclean

all: report

env: $(ENV_STAMPS)

$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Both locks in one pip run, so that pip checks them against each other.
$(KERNEL_STAMP): requirements-quarto.lock $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-quarto.lock
	@touch $@

data: datapackage.json

$(TABLES_DONE): $(STAMP) $(SEEDS) $(EXTRACT)
	$(PY) -m scripts.build tables
	@touch $@

# The dev set's extraction and scores: it reads the seed registers (actors, events) but not the
# tables step's output, so make runs it beside that step. Its splits' extractions are independent
# and run on every core (scripts/steps/devscore.py; the same rows as a serial run).
$(DEV_SCORES): $(STAMP) $(EXTRACT) $(SCORING) $(DEV) seeds/actors.yaml seeds/events.yaml
	$(PY) -m scripts.steps.devscore --write

$(EVALUATION): $(TABLES_DONE) $(DEV_SCORES) $(GOLD) $(SCORING)
	$(PY) -m scripts.steps.evaluate --write --dev $(DEV_SCORES)

datapackage.json: $(TABLES_DONE) $(EVALUATION) $(SCHEMAS) scripts/package/descriptor.py scripts/package/validate.py
	$(PY) -m scripts.build package

validate: datapackage.json
	$(PY) -m scripts.package.validate

report: report/index.html

report/references.json: datapackage.json scripts/reporting/bibliography.py
	$(PY) -m scripts.reporting.bibliography

# The Vega libraries inlined in the page's header: they depend on the charts module and the
# environment only, so make builds them beside the data steps. (The dev scores after `|` are not
# an input, only an order: with two cores this step then runs beside the evaluate and package
# steps, which use one core, instead of slowing the dev step, which uses both.)
$(VEGA): $(ENV_STAMPS) scripts/reporting/charts.py | $(DEV_SCORES)
	$(PY) -c "from scripts.reporting.charts import vega_header; vega_header('$(VEGA)')"

report/index.html: $(ENV_STAMPS) datapackage.json report/references.json $(VEGA) CITATION.cff $(REPORT_SRC) $(REPORTING)
ifneq ($(QUARTO),)
	QUARTO_PYTHON=$(abspath $(PY)) quarto render report
else
	@echo "quarto not on PATH: rendering with the pandoc fallback (report/README.md)"
	$(PY) -m scripts.reporting.render_report report
endif

test: report
	$(PY) -m ruff check scripts tests
	$(PY) -m pytest
	$(PY) -m scripts.steps.evaluate

evaluate: datapackage.json
	$(PY) -m scripts.steps.evaluate

# Synthetic corpora of 100, 1,000 and 10,000 articles (generated under .build/bench, never
# committed), timed per stage; writes BENCHMARKS.md. Not part of `make test`.
bench: $(STAMP)
	$(PY) -m scripts.bench.run --write BENCHMARKS.md

lint: $(STAMP)
	$(PY) -m ruff check scripts tests

clean:
	rm -rf .build .pytest_cache .ruff_cache .hypothesis report/_vega.html report/.quarto report/*.quarto_ipynb
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
