# Two commands: `make demo` runs the demo, `make test` runs every check and test.
# Each creates .venv and installs what it needs (pinned by constraints.txt).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint install bench fuzz clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "luoshi needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/luoshi demo

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(BIN)/.installed
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[bench]'
	$(BIN)/luoshi bench

# Reading and extraction on 100,000 generated inputs (the test run uses a few hundred).
fuzz: $(BIN)/.installed
	$(BIN)/luoshi fuzz --examples 100000

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
