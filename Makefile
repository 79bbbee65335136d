# Dangvu: `make run` serves the demo, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
PORT ?= 8000
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
DEV_ENV := DEBUG=1

.PHONY: run test install uv lint typecheck migrations-check pytest bench eval-extract eval-extract-halves messages demo-reset

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		python3 -m pip install --user --quiet uv 2>/dev/null || \
		python3 -m pip install --user --quiet --break-system-packages uv

install: uv
	@$(UV) sync --locked --quiet

run: install
	@$(DEV_ENV) $(UV) run dangvu migrate --noinput -v0
	@$(DEV_ENV) $(UV) run dangvu load_demo --if-empty
	@# the PDFs of the documents the demo published under "Văn bản" (LibreOffice, once)
	@$(DEV_ENV) $(UV) run dangvu portal_pdfs -v0
	@echo "Dangvu: http://127.0.0.1:$(PORT)/"
	@# large imports and PDF conversions run in the background (core.background): `dangvu jobs`
	@# runs them next to the server (`make worker` also sends the reminders)
	@$(DEV_ENV) $(UV) run dangvu jobs & jobs=$$!; trap 'kill $$jobs 2>/dev/null' EXIT; \
		$(DEV_ENV) $(UV) run dangvu runserver 127.0.0.1:$(PORT)

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

SHARED ?= ../shared
CORPUS ?= $(SHARED)/corpus/dev
SCORER ?= $(SHARED)/tools/score_extraction.py

# Scores the extractor on the annotated corpus with the scorer CI's judges use (no DEBUG needed:
# `dangvu extract` does not configure Django).
eval-extract: install
	python3 $(SCORER) $(CORPUS) -- $(UV) run dangvu extract

# Generalisation: the same scorer on the whole dev set and on its two halves split by file
# (dangvu/extraction/halves.py says how; docs/benchmarks.md has the figures).
eval-extract-halves: install
	$(UV) run python -m dangvu.extraction.halves $(CORPUS) --write var/eval-halves
	@for half in full a b; do \
		echo "== $$half"; \
		python3 $(SCORER) var/eval-halves/$$half -- $(UV) run dangvu extract | tail -3 || exit 1; \
	done

# Figures recorded in docs/benchmarks.md. Each issue that names a figure adds its lines here.
bench: install
	@echo "== extraction throughput (one core, after start-up)"
	$(UV) run python -m dangvu.extraction.bench $(CORPUS) --repeat 20
	@echo "== unit matching at city scale (3,000 units, index of folded names; target <= 10 ms a name)"
	$(UV) run python -m dangvu.extraction.units_bench --units 3000
	@echo "== Party-format DOCX rendering and PDF conversion (documents.bench)"
	$(DEV_ENV) $(UV) run python -m dangvu.documents.bench
	@echo "== uploads (issue 19): decompression bombs refused before expansion (core.bench_uploads)"
	$(DEV_ENV) $(UV) run python -m dangvu.core.bench_uploads
	@echo "== two concurrent 15 KB bombs while /tasks/ is asked for (issue 19; demo.bench_bombs, demo database)"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-bombs $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-bombs $(UV) run dangvu load_demo --if-empty >/dev/null
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-bombs $(UV) run python -m dangvu.demo.bench_bombs 2>/dev/null
	@echo "== period reports: consolidate 60 units + DOCX, query counts (bench_reports, rolled back)"
	$(DEV_ENV) $(UV) run dangvu migrate --noinput -v0 && $(DEV_ENV) $(UV) run dangvu bench_reports
	@echo "== tasks (issue 5): list, statistics, reminders on synthetic data; SQLite, small then city scale"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-small $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-small $(UV) run dangvu synth --scale small --if-missing
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-small $(UV) run dangvu bench_tasks
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-city $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-city $(UV) run dangvu synth --scale city --if-missing
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-city $(UV) run dangvu bench_tasks
	@echo "== reorganisation (issue 11): 600 wards into 130, 900 links; tree of ~3,600 organisations (rolled back)"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-reorg $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-reorg $(UV) run dangvu bench_reorganisation
	@echo "== org imports and hand-over (issue 11): query counts at 100, 500, 2,000 units (rolled back)"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-reorg $(UV) run dangvu bench_org_queries
	@echo "== portal (issue 13): 100,000 articles, article/category/search pages (SQLite)"
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-portal $(UV) run dangvu migrate --noinput -v0
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-portal $(UV) run dangvu load_demo --if-empty >/dev/null
	$(DEV_ENV) DANGVU_VAR_DIR=var/bench-portal $(UV) run dangvu bench_portal
	@# The portal on PostgreSQL (issue 13): its own database, as it gets 100,000 articles.
	@if [ -n "$(PORTAL_BENCH_DATABASE_URL)" ]; then \
		echo "== portal (issue 13) on PostgreSQL: 100,000 articles; then 200 concurrent views of one article"; \
		$(DEV_ENV) DATABASE_URL=$(PORTAL_BENCH_DATABASE_URL) $(UV) run dangvu migrate --noinput -v0 && \
		$(DEV_ENV) DATABASE_URL=$(PORTAL_BENCH_DATABASE_URL) $(UV) run dangvu load_demo --if-empty >/dev/null && \
		$(DEV_ENV) DATABASE_URL=$(PORTAL_BENCH_DATABASE_URL) $(UV) run dangvu bench_portal && \
		$(DEV_ENV) DATABASE_URL=$(PORTAL_BENCH_DATABASE_URL) $(UV) run dangvu bench_portal --concurrent 200 || exit 1; \
	else echo "== portal on PostgreSQL: skipped (set PORTAL_BENCH_DATABASE_URL=postgres://…)"; fi
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
	@# Evaluation (issue 14): the nation's 5.6 million members, PostgreSQL only; its own database
	@# (EVAL_BENCH_DATABASE_URL), as the synthesis takes about half an hour and 8 GB of disk.
	@if [ -n "$(EVAL_BENCH_DATABASE_URL)" ]; then \
		echo "== evaluation roll-up (issue 14) on PostgreSQL: nation"; \
		$(DEV_ENV) DATABASE_URL=$(EVAL_BENCH_DATABASE_URL) $(UV) run dangvu migrate --noinput -v0 && \
		$(DEV_ENV) DATABASE_URL=$(EVAL_BENCH_DATABASE_URL) $(UV) run dangvu synth --scale nation --if-missing && \
		$(DEV_ENV) DATABASE_URL=$(EVAL_BENCH_DATABASE_URL) $(UV) run dangvu bench_evaluation || exit 1; \
	else echo "== evaluation on PostgreSQL: skipped (set EVAL_BENCH_DATABASE_URL=postgres://…)"; fi

# The background worker (reminders): claims due jobs, runs them, sleeps; Ctrl-C stops it.
.PHONY: bench-tests
# The suite's own time (issue 18, docs/benchmarks.md): every non-browser test on SQLite, with the
# 30 slowest set-ups and calls; long, so not part of `bench`.
bench-tests: install
	@echo "== the test suite's time (non-browser, SQLite, not shuffled)"
	$(UV) run pytest -q -p no:randomly -m "not browser" --durations=30

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

# Visual check of the Party documents: renders each kind of document of the demo (TB, report,
# giấy mời, delegate list, biên bản) through LibreOffice and pdftoppm to docs/documents/*.png.
# Look at them when the layout changes; commit the new images with the change.
DOCS_VAR := var/docs-png
DOCS_ENV := $(DEV_ENV) DANGVU_VAR_DIR=$(DOCS_VAR) DATABASE_URL=sqlite:///$(abspath $(DOCS_VAR))/dangvu.sqlite3
.PHONY: docs-png
docs-png: install
	@rm -f $(DOCS_VAR)/dangvu.sqlite3*
	@$(DOCS_ENV) $(UV) run dangvu migrate --noinput -v0
	@$(DOCS_ENV) $(UV) run dangvu load_demo >/dev/null
	$(DOCS_ENV) $(UV) run dangvu document_samples --out docs/documents
