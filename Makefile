# jd_admin — two commands: `make run` and `make test`. Everything else is a helper of those.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
TS := resources/translations/jd_admin_en.ts
QM := resources/translations/jd_admin_en.qm

.PHONY: run test venv translations lupdate lint typecheck pytest system-deps screenshot-deps screenshots bundle bundle-check clean

run: $(STAMP) $(QM)
	$(BIN)/jd-admin db upgrade
	$(BIN)/jd-admin demo-data
	$(BIN)/python main.py

test: $(STAMP) $(QM) system-deps lint typecheck pytest

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# English translation of the interface (source strings are Chinese).
translations: $(QM)

$(QM): $(TS) $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

# Developers: refresh the .ts after changing interface strings, then translate the new entries.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find jd_admin/ui -name '*.py' | sort) -source-language zh_CN -target-language en -no-obsolete -ts $(TS)

lint: $(STAMP)
	$(BIN)/ruff check jd_admin tests benchmarks tools main.py
	$(BIN)/lint-imports --no-logo

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(QM)
	# two workers, each with its own PostgreSQL (the suite in about half the time on 2 cores);
	# one against an existing server (login roles are the server's, shared by both)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(if $(JD_ADMIN_TEST_DATABASE_URL),,-n auto --maxprocesses 2)

# The PostgreSQL server binaries the tests start (initdb, pg_ctl). Installed only when missing.
system-deps:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing the PostgreSQL server for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "WARNING: no PostgreSQL server binaries; the PostgreSQL tests will be skipped (fail under CI=true)"; fi

# A real window under Xvfb, for screenshots (see README).
screenshot-deps:
	@if command -v xvfb-run >/dev/null 2>&1 && dpkg -s libxcb-icccm4 libxcb-keysyms1 imagemagick >/dev/null 2>&1; then :; \
	else DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth libxcb-icccm4 libxcb-keysyms1 \
	  libxcb-cursor0 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
	  libxkbcommon-x11-0 libegl1 libgl1 imagemagick poppler-utils >/dev/null; fi

screenshots: $(STAMP) $(QM) screenshot-deps
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python tools/screenshots.py screenshots

# The desktop bundle (README, "Desktop bundle"): a PyInstaller one-folder application in
# dist/jd_admin/ (jd_admin: the desktop program, jd-admin: the command line). Not part of
# `make test`: the build takes minutes. PyInstaller is the `bundle` extra, installed here only.
BUNDLE_STAMP := $(VENV)/.installed-bundle

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP) $(QM)
	$(BIN)/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/jd_admin.spec
	@du -sh dist/jd_admin

# Starts the built bundle offscreen: self-check (fresh SQLite, login, main window), the CLI.
bundle-check:
	test -x dist/jd_admin/jd_admin || $(MAKE) bundle
	$(BIN)/python tools/bundle_check.py dist/jd_admin

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache $(QM) build dist
