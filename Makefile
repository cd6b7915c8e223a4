# Two commands matter: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SYS_STAMP  := $(VENV)/.system-deps-test
SYS_RUN_STAMP := $(VENV)/.system-deps-run

.PHONY: run test bench screenshots lint system-deps venv translations package clean

# The venv is rebuilt only when the dependency files change.
$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Cần Python 3.11 ($(PYTHON) không tìm thấy)" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $@

# System libraries Qt, the PDF checks and the PostgreSQL tests need (Debian; apt only as root).
$(SYS_STAMP): scripts/system-deps.sh
	bash scripts/system-deps.sh test
	@mkdir -p $(VENV) && touch $@

$(SYS_RUN_STAMP): scripts/system-deps.sh
	bash scripts/system-deps.sh run
	@mkdir -p $(VENV) && touch $@

system-deps: $(SYS_STAMP)

venv: $(STAMP)

translations: $(STAMP)
	$(PY) -m ui.i18n_build

run: $(SYS_RUN_STAMP) $(STAMP) translations
	$(PY) -m app gui --demo

# ruff first: a lint finding fails the run before the suite spends its minutes.
test: $(SYS_STAMP) $(TEST_STAMP) translations
	$(VENV)/bin/ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 -q

bench: $(SYS_STAMP) $(TEST_STAMP)
	$(PY) -m bench.run

screenshots: $(SYS_RUN_STAMP) $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots.desk docs/screenshots

# The desktop app as one folder, dist/motcua/, with the executable `motcua` (PyInstaller;
# Windows: docs/windows.md). The spec compiles the translations itself.
package: $(SYS_RUN_STAMP) $(TEST_STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/motcua.spec

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) bench/.cache .pytest_cache
