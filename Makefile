# The course's commands. Everything runs inside a virtual environment (.venv)
# that the first command creates; later commands reuse it.
#
#   make lab       set up (first time) and open JupyterLab on modules/
#   make test      set up (first time) and run the whole test suite (what CI runs)
#   make release   regenerate modules/ (student notebooks) from solutions/
#   make benchmark time every notebook in fast and full mode

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.course-installed
PYTEST_WORKERS ?= auto

.PHONY: setup lab test test-notebooks release check-sync benchmark clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10 or newer is needed (3.11 recommended)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)"
	@# Learners get nbgrader's Validate button; the instructor tools stay off.
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader:create-assignment @jupyter/nbgrader:formgrader @jupyter/nbgrader:course-list @jupyter/nbgrader:assignment-list
	$(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.formgrader nbgrader.server_extensions.course_list nbgrader.server_extensions.assignment_list
	$(BIN)/jupyter labextension lock --level=sys_prefix @jupyter/nbgrader:create-assignment @jupyter/nbgrader:formgrader @jupyter/nbgrader:course-list @jupyter/nbgrader:assignment-list
	touch $(STAMP)

setup: $(STAMP)

# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port 8899".
# Containers often run as root, which Jupyter refuses unless told.
LAB_ARGS ?=
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=modules $(ROOT_FLAG) $(LAB_ARGS)

# Unit tests, notebook execution (nbval, fast mode), grading round trip, sync and hygiene;
# ends with a table of the time each test file took (conftest.py).
test: setup
	COURSE_FAST=1 $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder \
		--nbval-lax --nbval-current-env --nbval-cell-timeout=600 \
		tests solutions

# Execute every solution notebook (nbval). Full mode: make test-notebooks COURSE_FAST=0
COURSE_FAST ?= 1
test-notebooks: setup
	COURSE_FAST=$(COURSE_FAST) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile \
		--nbval-lax --nbval-current-env --nbval-cell-timeout=3600 solutions

release: setup
	$(BIN)/course release $(MODULES)

check-sync: setup
	$(BIN)/course check-sync

benchmark: setup
	$(BIN)/python tests/benchmark_notebooks.py

clean:
	rm -rf $(VENV) .pytest_cache
