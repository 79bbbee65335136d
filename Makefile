# Dangvu: `make run` serves the demo, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
PORT ?= 8000
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
DEV_ENV := DEBUG=1

.PHONY: run test install uv lint typecheck migrations-check pytest bench eval-extract messages demo-reset

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		python3 -m pip install --user --quiet uv 2>/dev/null || \
		python3 -m pip install --user --quiet --break-system-packages uv

install: uv
	@$(UV) sync --locked --quiet

run: install
	@$(DEV_ENV) $(UV) run dangvu migrate --noinput -v0
	@$(DEV_ENV) $(UV) run dangvu load_demo --if-empty
	@echo "Dangvu: http://127.0.0.1:$(PORT)/"
	@$(DEV_ENV) $(UV) run dangvu runserver 127.0.0.1:$(PORT)

test: install lint typecheck migrations-check pytest

lint:
	$(UV) run ruff format --check src tests
	$(UV) run ruff check src tests

typecheck:
	$(DEV_ENV) $(UV) run mypy

migrations-check:
	$(DEV_ENV) $(UV) run dangvu makemigrations --check --dry-run

pytest:
	$(UV) run pytest

CORPUS ?= ../shared/corpus/dev

# Scores the extractor on the annotated corpus with the scorer CI's judges use.
eval-extract: install
	$(DEV_ENV) python3 ../shared/tools/score_extraction.py $(CORPUS) -- $(UV) run dangvu extract

# Figures recorded in docs/benchmarks.md. Each issue that names a figure adds its lines here.
bench: install
	@echo "== extraction throughput (one core, after start-up)"
	$(UV) run python -m dangvu.extraction.bench $(CORPUS) --repeat 20
	@echo "== Party-format DOCX rendering and PDF conversion (documents.bench)"
	$(DEV_ENV) $(UV) run python -m dangvu.documents.bench
	@echo "== period reports: consolidate 60 units + DOCX, query counts (bench_reports, rolled back)"
	$(DEV_ENV) $(UV) run dangvu migrate --noinput -v0 && $(DEV_ENV) $(UV) run dangvu bench_reports
	@echo "== tasks (issue 5): list, statistics, reminders on synthetic data; SQLite, small then city scale"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-small $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-small $(UV) run dangvu synth --scale small --if-missing
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-small $(UV) run dangvu bench_tasks
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-city $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-city $(UV) run dangvu synth --scale city --if-missing
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-city $(UV) run dangvu bench_tasks
	@echo "== portal (issue 13): 100,000 articles, article/category/search pages (SQLite)"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-portal $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-portal $(UV) run dangvu load_demo --if-empty >/dev/null
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-portal $(UV) run dangvu bench_portal
	@# PostgreSQL only when BENCH_DATABASE_URL names a database for it: synth refuses real data,
	@# but half a million rows go only where they are asked for.
	@if [ -n "$(BENCH_DATABASE_URL)" ]; then \
		echo "== tasks (issue 5) on PostgreSQL: small then city scale"; \
		for scale in small city; do \
			$(DEV_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(UV) run dangvu migrate --noinput -v0 && \
			$(DEV_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(UV) run dangvu synth --scale $$scale --if-missing && \
			$(DEV_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(UV) run dangvu bench_tasks || exit 1; \
		done; \
	else echo "== tasks on PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://…)"; fi

# The background worker (reminders): claims due jobs, runs them, sleeps; Ctrl-C stops it.
.PHONY: worker
worker: install
	@$(DEV_ENV) $(UV) run dangvu migrate --noinput -v0
	@$(DEV_ENV) $(UV) run dangvu worker

# Recompile the translations after editing src/dangvu/locale/*/LC_MESSAGES/django.po (needs gettext).
messages: install
	cd src/dangvu && $(DEV_ENV) $(UV) run dangvu makemessages -l vi -l en --no-obsolete --ignore 'extraction/*'
	cd src/dangvu && $(DEV_ENV) $(UV) run dangvu compilemessages

# Start again from the demo scenario (deletes the SQLite database under var/).
demo-reset: install
	rm -f var/dangvu.sqlite3 var/dangvu.sqlite3-wal var/dangvu.sqlite3-shm
	@$(DEV_ENV) $(UV) run dangvu migrate --noinput -v0
	@$(DEV_ENV) $(UV) run dangvu load_demo
