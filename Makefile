# The two commands: `make demo` and `make test`. Both build .venv from pyproject.toml when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench reliability docs screenshots lint gen-sync check-sync clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pyWATS needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

# Generated twins, lint and types first (cheap), then the suite. pytest exits 5 when it collected
# nothing: make treats that as the failure it is.
test: $(STAMP)
	$(BIN)/python tools/gen_sync.py --check
	$(BIN)/ruff check src tests bench tools examples reliability
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# The full reliability and security campaign (about 30 minutes): prints the table and rewrites
# docs/reliability.md. PostgreSQL's server binaries (Debian: postgresql) are used when installed.
reliability: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,postgres]"
	$(BIN)/python -m reliability

# The documentation site (mkdocs-material + mkdocstrings) in build/site; warnings fail the build.
docs: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,docs]"
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict

# The GUI's views rendered offscreen into docs/images/ (no display needed).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/gui_screenshots.py --out docs/images

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools examples reliability
	$(BIN)/mypy
	$(BIN)/mypy reliability

gen-sync: $(STAMP)
	$(BIN)/python tools/gen_sync.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
