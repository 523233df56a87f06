"""The publishing workflow tests before it deploys (issue #21): a book whose tests fail is not published."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _workflow() -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))


def test_the_workflow_runs_the_readmes_test_command_before_it_deploys():
    workflow = _workflow()
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "").strip() for step in build["steps"]]
    uses = [step.get("uses", "") for step in build["steps"]]
    upload = next(i for i, use in enumerate(uses) if use.startswith("actions/upload-pages-artifact@"))
    tests = next(i for i, run in enumerate(runs) if run.endswith(".ci/run"))
    assert tests < runs.index("make site") < upload
    # What is deployed is the site as published: English at /, French at /fr/.
    assert build["steps"][upload]["with"]["path"] == "_build/site"
    # The deploy job waits for the job that tests.
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    # As root (.ci/run installs packages with apt-get), with the Python that setup-python put on PATH,
    # and CI=true so that a missing browser fails instead of skipping the browser tests.
    assert runs[tests] == 'sudo --preserve-env=CI env "PATH=$PATH" .ci/run'
    assert build["steps"][tests].get("env", {}).get("CI") == "true"
    # Files made as root are given back before the user's `make site` writes to _build.
    assert tests < next(i for i, run in enumerate(runs) if run.startswith("sudo chown -R")) < runs.index("make site")


def test_the_ci_script_runs_make_test_and_installs_chromium():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.rstrip().splitlines()[-1] == "make test"
    assert "need+=(chromium)" in script
    # The README says `make test` is the test command.
    assert "```sh\nmake test\n```" in (REPO / "README.md").read_text(encoding="utf-8")
