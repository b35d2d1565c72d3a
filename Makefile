# Connector app: `make run` and `make test` work on a fresh machine with Python 3.11+.
#
#   make run           create .venv, install, compile translations, start the desktop app
#   make test          import contracts (import-linter), then the whole pytest suite headless
#   make test-long     the long loops that hunt rare races (pytest -m long), minutes not seconds
#   make bench         the benchmark table as JSON
#   make build         PyInstaller one-folder bundle in dist/connector-app/
#   make i18n          extract strings to locales/connector_app.pot, update .po files, compile
#   make i18n-compile  compile .po -> .mo only (run and test do this)
#   make clean         remove build outputs and compiled catalogues (keeps .venv)
#   make distclean     clean, and remove .venv too
#
# Installs are remembered by stamp files inside .venv (they go when .venv goes) and
# redone only when pyproject.toml changes. PYTHON=/path/to/python3.x picks the
# interpreter used to create .venv.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV       := .venv
VENV_PY    := $(VENV)/bin/python
PIP        := $(VENV_PY) -m pip --disable-pip-version-check --no-input
PYBABEL    := $(VENV)/bin/pybabel
LINT_IMPORTS := $(VENV)/bin/lint-imports
STAMP_RUN  := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
STAMP_BUILD := $(VENV)/.stamp-build
PYINSTALLER_PINS := pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9

# The interpreter that creates .venv: python3.11 if it runs, else python3 (checked >= 3.11 below).
PYTHON ?= $(shell for p in python3.11 python3; do \
	if $$p -c 'import sys' >/dev/null 2>&1; then echo $$p; break; fi; done)
# syslibs.py is standard library only: any python3 runs it, before .venv exists.
SYSLIBS_PY = $(firstword $(wildcard $(VENV_PY)) $(shell command -v python3) $(PYTHON))

# Translations. Keep I18N_KEYWORDS in step with tests/test_i18n_catalog.py.
DOMAIN        := connector_app
POT           := locales/$(DOMAIN).pot
I18N_KEYWORDS := -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2
VERSION        = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' connector_app/__init__.py)

.PHONY: help run test test-long bench build i18n i18n-compile syslibs clean distclean

help:
	@sed -n 's/^#   make /make /p' $(MAKEFILE_LIST)

# --- environment -----------------------------------------------------------

$(VENV_PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.11 or newer is needed, but neither python3.11 nor python3 was found; install Python 3.11+ (Debian/Ubuntu: sudo apt-get install -y python3 python3-venv)" >&2; \
		exit 1; \
	fi
	@if ! "$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
		echo "Python 3.11 or newer is needed, but $(PYTHON) is $$("$(PYTHON)" -V 2>&1 | cut -d' ' -f2); install Python 3.11+ or run: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; \
	fi
	@echo "Creating $(VENV) with $$("$(PYTHON)" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
	@"$(PYTHON)" -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create $(VENV); on Debian/Ubuntu install the venv module: sudo apt-get install -y python3-venv" >&2; exit 1; }

# sqlcipher3 must come as a binary wheel (older releases are source-only and need a compiler).
$(STAMP_RUN): pyproject.toml | $(VENV_PY)
	@echo "Installing connector-app into $(VENV) (first time: a few minutes, PySide6 is large)"
	@$(PIP) install -q --only-binary sqlcipher3 -e .
	@touch $@

$(STAMP_TEST): $(STAMP_RUN)
	@echo "Installing test tools into $(VENV)"
	@$(PIP) install -q --only-binary sqlcipher3 -e '.[test]'
	@touch $@

# One clear line and a stop when Qt's system libraries (or glibc) are missing.
syslibs:
	@$(SYSLIBS_PY) connector_app/syslibs.py

# --- everyday targets --------------------------------------------------------

run: syslibs $(STAMP_RUN) i18n-compile
	@$(SYSLIBS_PY) connector_app/syslibs.py --desktop
	$(VENV)/bin/connector-app

test: syslibs $(STAMP_TEST) i18n-compile
	$(LINT_IMPORTS)
	QT_QPA_PLATFORM=offscreen $(VENV_PY) -m pytest $(PYTEST_ARGS)

test-long: syslibs $(STAMP_TEST) i18n-compile
	QT_QPA_PLATFORM=offscreen $(VENV_PY) -m pytest -m long $(PYTEST_ARGS)

bench: $(STAMP_RUN) i18n-compile
	$(VENV)/bin/connector-app bench $(BENCH_ARGS)

$(STAMP_BUILD): $(STAMP_RUN)
	@echo "Installing PyInstaller into $(VENV)"
	@$(PIP) install -q $(PYINSTALLER_PINS)
	@touch $@

build: syslibs $(STAMP_BUILD) i18n-compile
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# --- translations --------------------------------------------------------------

# A .mo is written only for a complete catalogue (every message, every CLDR plural form,
# placeholders intact): that is what makes a language shipped. Unfinished ones are
# listed with what is left to do; their .po stays for translators.
i18n-compile: | $(STAMP_RUN)
	@$(VENV_PY) -m connector_app.i18n_catalogs compile locales

i18n: $(STAMP_RUN)
	$(PYBABEL) -q extract -F babel.cfg $(I18N_KEYWORDS) \
		--add-comments=TRANSLATORS: --add-location=file --sort-output \
		--project=connector-app --version=$(VERSION) \
		--copyright-holder="Connector app contributors" --msgid-bugs-address="" \
		-o $(POT) .
	@$(VENV_PY) -m connector_app.i18n_catalogs init locales
	@$(PYBABEL) -q update --ignore-obsolete --no-fuzzy-matching -i $(POT) -d locales -D $(DOMAIN)
	@# pybabel writes its own Plural-Forms; ours come from CLDR (connector_app/text/languages.py).
	@$(VENV_PY) -m connector_app.i18n_catalogs fix-headers locales
	@$(MAKE) --no-print-directory i18n-compile

# --- cleaning ------------------------------------------------------------------

clean:
	rm -rf build dist .pytest_cache .hypothesis .import_linter_cache *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -f locales/*/LC_MESSAGES/*.mo

distclean: clean
	rm -rf $(VENV)
