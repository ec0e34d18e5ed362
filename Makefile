# Common Ground: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8000
# Test processes side by side (pytest-xdist), one per core; TEST_WORKERS=0 runs them in one.
TEST_WORKERS ?= auto
# Read by the settings too, so that email links use the port the demo is served on.
export PORT

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run test lint format messages bench screenshots restore-drill clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8

install: $(UV)
	$(UV) sync --frozen --quiet

# Local demo: SQLite, tasks inline, console email, demo people ready to log in.
run: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite: PostgreSQL when DATABASE_URL is set, SQLite otherwise.
test: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=25 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The translation catalogues (README "Languages"): every language of LANGUAGES but
# English, brought up to date with the code and templates, then compiled. Needs GNU
# gettext (apt-get install gettext).
MESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench \
	--ignore=scripts --ignore=docs
messages: install
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --all --add-location=file --no-obsolete \
		$(MESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

# Phone-sized screenshots of the main pages, from the demo data, for the README.
screenshots: install
	$(PY) scripts/screenshots.py

# Performance on PostgreSQL (README "Performance"): seeds the cg_bench database once
# (BENCH_FRESH=1 rebuilds it), serves with gunicorn and production settings, loads each
# page with wrk and writes .bench/results.json.
bench: install
	$(PY) -m bench.run

# Back up the database at DATABASE_URL (PostgreSQL), restore the backup into a scratch
# database and read every encrypted value back (README "Backups").
restore-drill: install
	$(PY) manage.py restore_drill

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
