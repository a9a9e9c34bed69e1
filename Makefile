# Two commands on a fresh machine:  make demo  and  make test.
# Each creates .venv, installs the package, and installs Debian packages when run as root.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
STATEMENTS := $(VENV)/bin/statements
ARGOS ?= auto

.PHONY: setup system demo test lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

system:
	@bash scripts/install-system.sh

setup: system $(STAMP)

# The main job, on a copy of the sample workspace in outputs/demo/ (the repository is left as
# it was): install the Argos es<->en models where the index can be reached (ARGOS=no skips
# that), translate from scratch, build the books and the imposed booklets there.
demo: setup
	@STATEMENTS=$(STATEMENTS) ARGOS=$(ARGOS) bash scripts/demo.sh

test: setup
	$(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench
	$(VENV)/bin/mypy pipeline

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
