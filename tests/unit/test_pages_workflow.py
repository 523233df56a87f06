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
    assert ".ci/run" in runs, runs
    assert runs.index(".ci/run") < runs.index("make build") < upload
    # The deploy job waits for the job that tests.
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    # A missing browser fails in CI instead of skipping the browser tests.
    step = build["steps"][runs.index(".ci/run")]
    assert step.get("env", {}).get("CI") == "true"


def test_the_ci_script_runs_make_test_and_installs_chromium():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.rstrip().splitlines()[-1] == "make test"
    assert "need+=(chromium)" in script
    # The README says `make test` is the test command.
    assert "```sh\nmake test\n```" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_workflow_runs_where_the_ci_script_can_install_packages():
    # .ci/run calls apt-get without sudo: the job runs in a Debian container as root.
    container = _workflow()["jobs"]["build"]["container"]
    image = container if isinstance(container, str) else container["image"]
    assert image.startswith("python:3.11-") and "bookworm" in image
