# The two commands: `make video` renders the default lecture, `make test` runs the tests.
# Each first installs what is missing (Debian packages, then the virtual environment).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: video test system venv lint format clean bench

video: $(STAMP)
	$(PY) render.py

# The browser test drives Debian's chromium (no browser download); the publishing test slows
# renames down with strace to kill a build inside them.
test: $(STAMP)
	@sh tools/ensure-system.sh chromium strace
	$(PY) -m pytest

system:
	@sh tools/ensure-system.sh

venv: $(STAMP)

# Reinstalled only when the pinned dependencies change.
$(STAMP): pyproject.toml constraints.txt | system
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf media output .pytest_cache .ruff_cache

# Render speed: plain manim against render.py, side by side (not part of the tests; takes long).
bench: $(STAMP)
	$(PY) bench/render_speed.py
