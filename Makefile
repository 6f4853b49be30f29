# Two commands do everything on a fresh machine:
#   make report   build the environment, the data package and the report
#   make test     the same, then run the test suite
# Every target below is a real file that depends on its inputs, so a
# repeated `make report` with nothing changed does no work.

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
#   evaluate  .build/tables + tests/gold    -> .build/evaluation/evaluation.csv
#             (+ tests/dev: the extraction re-run on the blind dev set in a temporary folder)
#   package   both + schemas, descriptor    -> data/*.csv, datapackage.json (validated, then published)
#   report    package + scripts/reporting   -> report/index.html
SEEDS   := $(shell find seeds -type f 2>/dev/null | sort)
GOLD    := $(shell find tests/gold tests/dev -type f 2>/dev/null | sort)
SCHEMAS := $(wildcard scripts/package/schemas/*.yaml)
EXTRACT := $(wildcard scripts/*.py scripts/registers/*.py scripts/annotate/*.py scripts/lexicon/*.py) \
           $(wildcard scripts/lexicon/*.yaml) \
           $(filter-out scripts/steps/evaluate.py,$(wildcard scripts/steps/*.py)) \
           scripts/package/tables.py $(SCHEMAS)
REPORTING := $(wildcard scripts/reporting/*.py)
TABLES_DONE := .build/tables/.done
EVALUATION  := .build/evaluation/evaluation.csv
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

$(EVALUATION): $(TABLES_DONE) $(GOLD) scripts/steps/evaluate.py
	$(PY) -m scripts.steps.evaluate --write

datapackage.json: $(TABLES_DONE) $(EVALUATION) $(SCHEMAS) scripts/package/descriptor.py scripts/package/validate.py
	$(PY) -m scripts.build package

validate: datapackage.json
	$(PY) -m scripts.package.validate

report: report/index.html

report/references.json: datapackage.json scripts/reporting/bibliography.py
	$(PY) -m scripts.reporting.bibliography

report/index.html: $(ENV_STAMPS) datapackage.json report/references.json CITATION.cff $(REPORT_SRC) $(REPORTING)
	$(PY) -c "from scripts.reporting.charts import vega_header; vega_header('report/_vega.html')"
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
