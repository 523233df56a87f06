# The two commands of the README:
#   make book   build the learner edition of the course and serve it on http://127.0.0.1:8000
#   make test   build what the tests look at, then run the whole test suite
# Both create the virtual environment (.venv) themselves.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BUILD_FLAGS := -W -n --keep-going
# Kernels started by the build and the tests must be the venv's Python.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: book build serve test test-fast bench lock clean venv vendor book-instructor build-instructor

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[book,test]"
	@touch $@

build: venv
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)

# The instructor edition: the same book with the trainers' blocks (timings, activities,
# debriefs). Its own output folder, so its own execution cache.
INSTRUCTOR_DIR := _build/instructor

build-instructor: venv
	RAICOURSE_EDITION=instructor $(BIN)/jupyter-book build . $(BUILD_FLAGS) --path-output $(INSTRUCTOR_DIR)

book-instructor: build-instructor
	@echo "Serving the instructor edition on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(INSTRUCTOR_DIR)/_build/html

# The assessment edition, for supervised classes: no trainers' blocks, no solutions, and
# quizzes that record the learner's answers (for `raicourse grade-quizzes`) instead of
# checking them. Its own output folder, so its own execution cache.
.PHONY: book-assessment build-assessment
ASSESSMENT_DIR := _build/assessment

build-assessment: venv
	RAICOURSE_EDITION=assessment $(BIN)/jupyter-book build . $(BUILD_FLAGS) --path-output $(ASSESSMENT_DIR)

book-assessment: build-assessment
	@echo "Serving the assessment edition on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(ASSESSMENT_DIR)/_build/html

# --- The French edition (issue #15) -------------------------------------------------------
# make translations  refresh every French catalogue after an English edit (changed strings become
#                    fuzzy, new ones empty) and regenerate the French notebooks; see CONTRIBUTING.md.
# make build-fr      the French learner edition of the pages listed in locales/fr/published.yaml,
#                    in its own folder with its own execution cache (the quizzes' text comes from the
#                    kernel, whose language is French here).
# make book-fr       both editions as they are published (English at /, French at /fr/), served.
FR_DIR := _build/fr
SITE_DIR := _build/site
.PHONY: translations build-fr book-fr site

translations: venv
	$(BIN)/python -m raicourse.translations update

build-fr: venv
	$(BIN)/python -m raicourse.translations config
	RAICOURSE_LANG=fr RAICOURSE_STRICT_TRANSLATIONS=1 $(BIN)/jupyter-book build . $(BUILD_FLAGS) \
	  --config $(FR_DIR)/_config.yml --toc $(FR_DIR)/_toc.yml --path-output $(FR_DIR)

site: build build-fr
	rm -rf $(SITE_DIR) && mkdir -p $(SITE_DIR)
	cp -r _build/html/. $(SITE_DIR)/
	cp -r $(FR_DIR)/_build/html $(SITE_DIR)/fr

# The French assessment edition: the French pages' quizzes in record mode, for supervised classes
# in French (the trainers' export and `raicourse grade-quizzes --lang fr` read them as the English).
ASSESSMENT_FR_DIR := _build/assessment-fr
.PHONY: build-assessment-fr book-assessment-fr

build-assessment-fr: venv
	$(BIN)/python -m raicourse.translations config
	RAICOURSE_EDITION=assessment RAICOURSE_LANG=fr RAICOURSE_STRICT_TRANSLATIONS=1 $(BIN)/jupyter-book build . $(BUILD_FLAGS) \
	  --config $(FR_DIR)/_config.yml --toc $(FR_DIR)/_toc.yml --path-output $(ASSESSMENT_FR_DIR)

book-assessment-fr: build-assessment-fr
	@echo "Serving the French assessment edition on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(ASSESSMENT_FR_DIR)/_build/html

# The French instructor edition: the French pages whose trainers' material is in French too
# (`trainers:` in locales/fr/published.yaml) with their trainers' blocks, and the "For trainers"
# pages published in French. `make book-instructor-fr` serves it beside the English instructor
# edition (English at /, French at /fr/), so that the language switcher works in both.
INSTRUCTOR_FR_DIR := _build/instructor-fr
INSTRUCTOR_SITE_DIR := _build/instructor-site
.PHONY: build-instructor-fr book-instructor-fr

build-instructor-fr: venv
	$(BIN)/python -m raicourse.translations config
	RAICOURSE_EDITION=instructor RAICOURSE_LANG=fr RAICOURSE_STRICT_TRANSLATIONS=1 $(BIN)/jupyter-book build . $(BUILD_FLAGS) \
	  --config $(FR_DIR)/_config.yml --toc $(FR_DIR)/_toc_instructor.yml --path-output $(INSTRUCTOR_FR_DIR)

book-instructor-fr: build-instructor build-instructor-fr
	rm -rf $(INSTRUCTOR_SITE_DIR) && mkdir -p $(INSTRUCTOR_SITE_DIR)
	cp -r $(INSTRUCTOR_DIR)/_build/html/. $(INSTRUCTOR_SITE_DIR)/
	cp -r $(INSTRUCTOR_FR_DIR)/_build/html $(INSTRUCTOR_SITE_DIR)/fr
	@echo "Serving the instructor edition on http://127.0.0.1:$(PORT)/fr/ (French) and http://127.0.0.1:$(PORT)/ (English) (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(INSTRUCTOR_SITE_DIR)

book-fr: site
	@echo "Serving the course on http://127.0.0.1:$(PORT)/fr/ (French) and http://127.0.0.1:$(PORT)/ (English) (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE_DIR)

book: build
	@echo "Serving the course on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

serve:
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

test: build build-instructor build-assessment site build-assessment-fr build-instructor-fr
	@$(BIN)/python -c 'import sys; sys.path.insert(0, "tests"); from conftest import chromium_path; sys.exit(0 if chromium_path() else 1)' \
	  || echo "NOTE: Chromium was not found, so the browser tests will be SKIPPED (in CI they fail). Install it: sudo apt-get install chromium"
	$(BIN)/python -m pytest --nbval-lax tests exercises

# Unit tests only: no book build, no browser.
test-fast: venv
	$(BIN)/python -m pytest -m "not browser and not live" tests

bench: venv
	$(BIN)/python benchmarks/run.py

# Freezes a fresh environment with only what `make test` installs (book + test extras),
# so that packages installed by hand in .venv (e.g. the lite extra) never enter the lock;
# then derives Binder's runtime-only lock from it (scripts/binder_lock.py).
LOCK_ENV := _build/lock-env
lock: venv
	rm -rf $(LOCK_ENV) && $(PYTHON) -m venv $(LOCK_ENV)
	$(LOCK_ENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_ENV)/bin/python -m pip install --quiet -c requirements/constraints.txt ".[book,test]"
	$(LOCK_ENV)/bin/python -m pip freeze --exclude-editable | grep -v '^raicourse' > requirements/constraints.txt.new
	rm -rf $(LOCK_ENV)
	( sed -n '1,2p' requirements/constraints.txt; cat requirements/constraints.txt.new ) > requirements/constraints.txt.tmp
	mv requirements/constraints.txt.tmp requirements/constraints.txt && rm requirements/constraints.txt.new
	# Binder gets only what a learner runs: the course's runtime dependencies and JupyterLab,
	# at the versions of the CI lock (not the book and test toolchain).
	$(BIN)/python scripts/binder_lock.py

vendor: venv
	scripts/vendor_assets.sh

clean:
	rm -rf _build

# --- JupyterLite (issue #7) -------------------------------------------------------------
# make lite: an optional in-browser version of the exercises in _build/lite (JupyterLite +
# Pyodide, the notebooks, the course's wheel and its pure-Python dependencies). Not part of
# `make book`: the browser downloads Pyodide from a CDN the first time it is used.
# Pyodide's list of packages (pyodide-lock.json) is fetched with npm to decide what to ship and
# to check that every requirement resolves; PYODIDE_LOCK=path/to/pyodide-lock.json uses a local copy.
PYODIDE_LOCK ?=
.PHONY: lite
lite: venv
	$(BIN)/python -m pip install --quiet -e ".[lite]"
	$(BIN)/python scripts/build_lite.py $(if $(PYODIDE_LOCK),--pyodide-lock $(PYODIDE_LOCK))

# --- Plain-language report (issue #14) --------------------------------------------------
# Per page of learner-visible prose: mean sentence length, every sentence over 30 words,
# glossary terms unlinked at their first use, idioms and jargon. LANGUAGE=fr for French pages.
# The gate is tests/test_readability.py, with its shrinking baseline.
LANGUAGE ?= en
.PHONY: readability
readability: venv
	$(BIN)/python -m raicourse.readability . --language $(LANGUAGE)
