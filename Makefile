# Two commands on a fresh machine:  make demo  and  make test.
# Each creates .venv, installs the package, and installs Debian packages when run as root.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
STATEMENTS := $(VENV)/bin/statements
ARGOS ?= auto

.PHONY: setup system demo test lint bench clean libretranslate

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

# A real LibreTranslate server for the tests of --engine libretranslate, in a virtual
# environment of its own (it pins Flask 2.2 and numpy < 2). Where it cannot be installed,
# those tests skip and say why; the rest still run.
LT_VENV ?= .venv-libretranslate
LT_PINS := libretranslate==1.9.6 spacy==3.8.18
LT_STAMP := $(LT_VENV)/.installed-libretranslate-1.9.6-spacy-3.8.18

$(LT_STAMP):
	rm -rf $(LT_VENV)
	python3 -m venv $(LT_VENV)
	$(LT_VENV)/bin/python -m pip install -q --upgrade pip
	$(LT_VENV)/bin/python -m pip install -q $(LT_PINS)
	touch $(LT_STAMP)

libretranslate:
	@$(MAKE) --no-print-directory $(LT_STAMP) || { rm -rf $(LT_VENV); \
	  echo "WARNING: could not install LibreTranslate into $(LT_VENV): its tests will be skipped" >&2; }

test: setup libretranslate
	$(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench
	$(VENV)/bin/mypy pipeline

clean:
	rm -rf $(VENV) $(LT_VENV) .pytest_cache .mypy_cache .ruff_cache
