"""The live path for real: JupyterLab on 127.0.0.1 runs the quiz as an anywidget, a learner
answers in the page, and the answer reaches Python (``quiz.results``)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.live, pytest.mark.browser]

NOTEBOOK_CELLS = [
    "from raicourse.quiz import Quiz\nquiz = Quiz('intro', language='en')\nquiz",
    "import json\nprint('RESULTS=' + json.dumps(quiz.results.get('what-is-bias', {})))",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def notebook_json() -> str:
    cells = [
        {"cell_type": "code", "execution_count": None, "id": f"cell{index}", "metadata": {}, "outputs": [], "source": source}
        for index, source in enumerate(NOTEBOOK_CELLS)
    ]
    return json.dumps({
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    })


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on 127.0.0.1 with a notebook that shows the intro quiz."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "quiz.ipynb").write_text(notebook_json(), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    env.pop("RAICOURSE_STATIC", None)  # the live path, whatever the calling process is
    jupyter = Path(sys.executable).with_name("jupyter")
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         # No news, update check or extension registry: nothing may leave the machine.
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly",
         # CI containers often run as root, which Jupyter refuses unless told.
         *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (tmp_path / "server.log").read_text()[-3000:])
                time.sleep(0.5)
        yield f"{base}/lab/tree/quiz.ipynb?token={token}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def run_cell(page, index: int) -> None:
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


def test_answer_in_jupyterlab_reaches_python(jupyterlab, new_page):
    page, record = new_page("desktop")
    page.goto(jupyterlab)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    # JupyterLab may ask which kernel to start for a new notebook.
    select = page.locator(".jp-Dialog").get_by_role("button", name="Select")
    try:
        select.wait_for(timeout=15_000)
        select.click()
    except Exception:
        pass  # no dialog: the notebook's kernelspec was used directly
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    run_cell(page, 0)
    quiz = page.locator(".jp-OutputArea .raicourse-quiz")
    try:
        quiz.wait_for(timeout=90_000)
    except Exception:
        page.screenshot(path=str(Path(os.environ.get("RAICOURSE_LIVE_SHOT", "/tmp")) / "live-quiz-failure.png"))
        outputs = page.locator(".jp-OutputArea").all_inner_texts()
        pytest.fail(f"the quiz did not render; outputs: {outputs}; console: {record.console_errors[-5:]}; "
                    f"page errors: {record.page_errors[-5:]}")
    question = quiz.locator("fieldset[id$='-what-is-bias']")
    question.get_by_label("Algorithmic bias").check()
    question.locator(".rq-check").click()
    assert "✓ Correct." in question.locator(".rq-feedback").inner_text()

    run_cell(page, 1)
    output = page.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-OutputArea-output")
    output.wait_for(timeout=60_000)
    text = output.inner_text()
    results = json.loads(text.split("RESULTS=", 1)[1].strip())
    assert results == {"attempts": 1, "correct": True, "answered": True, "revealed": False}
    assert record.external_requests == []
