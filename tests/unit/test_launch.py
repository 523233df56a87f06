"""Launch links, the notebooks' setup cell, the one place for the repository, publishing and releases."""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import importlib.util
import inspect
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
import yaml

import raicourse
from raicourse.launch import (
    LaunchSettings,
    binder_url,
    colab_url,
    jupyterhub_url,
    lite_url,
    load_launch_settings,
    package_source,
    release_tag,
    settings_from_config,
)
from raicourse.launch_sphinx import MissingExerciseError, exercise_notebook, version_footer
from raicourse.lessons import _toc_documents

REPO = Path(__file__).resolve().parents[2]
EXERCISES = sorted((REPO / "exercises").glob("*.ipynb"))

SAMPLE = LaunchSettings(
    repository_url="https://github.com/example-org/rai-course",
    branch="main",
    version="1.2.3",
    jupyterhub_url="https://hub.example.org",
    lite_path="lite/",
)


def _load_script():
    spec = importlib.util.spec_from_file_location("set_repository", REPO / "scripts" / "set_repository.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- URL builders: exact URLs for a sample configuration -------------------------------------


def test_binder_url_opens_the_notebook_at_the_release_tag():
    assert binder_url(SAMPLE, "privacy") == (
        "https://mybinder.org/v2/gh/example-org/rai-course/v1.2.3?urlpath=lab%2Ftree%2Fexercises%2Fprivacy.ipynb"
    )


def test_colab_url_opens_the_notebook_from_github():
    assert colab_url(SAMPLE, "privacy") == (
        "https://colab.research.google.com/github/example-org/rai-course/blob/v1.2.3/exercises/privacy.ipynb"
    )


def test_jupyterhub_url_follows_nbgitpullers_documented_format():
    # <hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/<repo folder>/<file>
    assert jupyterhub_url(SAMPLE, "privacy") == (
        "https://hub.example.org/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fexample-org%2Frai-course&branch=main"
        "&urlpath=lab%2Ftree%2Frai-course%2Fexercises%2Fprivacy.ipynb"
    )


def test_no_hub_means_no_hub_link():
    assert jupyterhub_url(LaunchSettings("https://github.com/a/b"), "privacy") is None


def test_lite_url_is_relative_and_only_when_published():
    assert lite_url(SAMPLE, "privacy", "../../") == "../../lite/lab/index.html?path=privacy.ipynb"
    assert lite_url(LaunchSettings("https://github.com/a/b"), "privacy") is None


def test_branch_reference_and_book_in_a_subfolder():
    settings = LaunchSettings("https://github.com/a/b/", branch="dev", ref="branch", path_to_book="course")
    assert colab_url(settings, "x") == "https://colab.research.google.com/github/a/b/blob/dev/course/exercises/x.ipynb"
    assert binder_url(settings, "x").startswith("https://mybinder.org/v2/gh/a/b/dev?urlpath=lab%2Ftree%2Fcourse%2F")


def test_the_colab_cell_installs_the_release_tag():
    assert package_source(SAMPLE) == "git+https://github.com/example-org/rai-course.git@v1.2.3"
    assert release_tag("0.1.0") == "v0.1.0"


@pytest.mark.parametrize(
    "url", ["https://gitlab.com/a/b", "https://github.com/only-owner", "http://github.com/a/b", "https://github.com/OWNER"]
)
def test_a_repository_that_is_not_on_github_is_refused(url):
    with pytest.raises(ValueError, match="repository.url"):
        LaunchSettings(url)


def test_settings_are_read_from_the_book_config():
    config = {
        "repository": {"url": "https://github.com/a/b", "branch": "trunk"},
        "sphinx": {"config": {"raicourse_launch": {"jupyterhub_url": "https://hub.x/", "ref": "branch"}}},
    }
    settings = settings_from_config(config, "2.0.0")
    assert (settings.branch, settings.jupyterhub_url, settings.git_ref) == ("trunk", "https://hub.x", "trunk")
    with pytest.raises(ValueError, match="no repository.url"):
        settings_from_config({})


# --- The one place: _config.yml -----------------------------------------------------------


def test_the_book_config_sets_the_repository_once():
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    settings = load_launch_settings(REPO)
    assert config["repository"]["url"] == settings.repository_url
    assert "OWNER" not in settings.repository_url and "REPO" not in settings.repository_url
    assert settings.version == raicourse.__version__


def test_every_derived_file_agrees_with_the_book_config():
    """scripts/set_repository.py --check: the notebooks' setup cell, CITATION.cff, README, pyproject."""
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "set_repository.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_script_notices_a_stale_notebook(tmp_path, monkeypatch):
    script = _load_script()
    for name in ("_config.yml", "CITATION.cff", "README.md"):
        (tmp_path / name).write_text((REPO / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    notebook = nbformat.read(EXERCISES[0], as_version=4)
    index = script.setup_cell_index(notebook)
    notebook.cells[index].source = notebook.cells[index].source.replace("@v", "@old-v")
    nbformat.write(notebook, tmp_path / "exercises" / EXERCISES[0].name)
    changes = script.planned_changes(tmp_path)
    assert list(changes) == [tmp_path / "exercises" / EXERCISES[0].name]
    rewritten = nbformat.reads(changes[tmp_path / "exercises" / EXERCISES[0].name], as_version=4)
    assert [cell.get("id") for cell in rewritten.cells] == [cell.get("id") for cell in notebook.cells]
    assert script.setup_cell_source(load_launch_settings(tmp_path)) == rewritten.cells[index].source


# --- The setup cell: a no-op where raicourse is importable, an install on Colab and in Lite ---


def _setup_cell(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert "setup" in cells[0].metadata.get("tags", []), f"{path.name}: the first code cell must be tagged 'setup'"
    assert not cells[0].get("outputs"), f"{path.name}: outputs must be stripped"
    return cells[0].source


def _run_cell(source: str, monkeypatch, *, modules: dict[str, object], raicourse_installed: bool) -> list:
    """Run a setup cell as IPython would (top-level await allowed); return the pip commands it ran."""
    commands = []
    monkeypatch.setattr(subprocess, "run", lambda command, **_: commands.append(command))
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (real_find_spec(name, *a) if raicourse_installed or name != "raicourse" else None))
    code = compile(source, "setup-cell", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(code, {"__name__": "__main__"})  # noqa: S307 - the course's own cell
    if inspect.iscoroutine(result):
        # In its own thread: earlier tests of the session (Playwright, JupyterLab) may have
        # left an event loop running in this one.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, result).result()
    return commands


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_setup_cell_does_nothing_where_raicourse_is_importable(path, monkeypatch):
    assert "google.colab" not in sys.modules
    assert _run_cell(_setup_cell(path), monkeypatch, modules={}, raicourse_installed=True) == []
    # Even on Colab, an installed package is left alone.
    fake_colab = types.ModuleType("google.colab")
    assert _run_cell(_setup_cell(path), monkeypatch, modules={"google.colab": fake_colab}, raicourse_installed=True) == []


def test_setup_cell_installs_the_release_on_colab(monkeypatch):
    commands = _run_cell(_setup_cell(EXERCISES[0]), monkeypatch,
                         modules={"google.colab": types.ModuleType("google.colab")}, raicourse_installed=False)
    assert commands == [[sys.executable, "-m", "pip", "install", "--quiet", package_source(load_launch_settings(REPO))]]


def test_setup_cell_installs_the_shipped_wheel_in_jupyterlite(monkeypatch):
    installed = []
    piplite = types.ModuleType("piplite")

    async def install(name):
        installed.append(name)

    piplite.install = install
    commands = _run_cell(_setup_cell(EXERCISES[0]), monkeypatch,
                         modules={"pyodide": types.ModuleType("pyodide"), "piplite": piplite}, raicourse_installed=False)
    assert (installed, commands) == (["raicourse"], [])


# --- Every exercise has a lesson, and every lesson with an exercise shows the links ---------


def _lesson_pages() -> dict[str, Path]:
    pages = {}
    for _, docname in _toc_documents(REPO):
        path = REPO / f"{docname.removesuffix('.md')}.md"
        if path.exists():
            pages[path.stem] = path
    return pages


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_every_exercise_notebook_has_a_lesson(path):
    assert path.stem in _lesson_pages(), f"exercises/{path.name} has no lesson book/<pillar>/{path.stem}.md in _toc.yml"


def test_every_lesson_with_an_exercise_has_launch_links():
    missing = [f"{page.relative_to(REPO)}" for stem, page in _lesson_pages().items()
               if (REPO / "exercises" / f"{stem}.ipynb").exists()
               and "{launch-links}" not in page.read_text(encoding="utf-8")]
    assert missing == [], f"add a ```{{launch-links}}``` block to the Hands-on section of {missing}"


def test_every_page_with_launch_links_has_its_notebook():
    orphans = [f"{page.relative_to(REPO)}" for stem, page in _lesson_pages().items()
               if "{launch-links}" in page.read_text(encoding="utf-8")
               and not (REPO / "exercises" / f"{stem}.ipynb").exists()]
    assert orphans == [], f"these pages show launch links but have no exercises/<stem>.ipynb: {orphans}"


def test_a_lesson_without_exercise_gets_an_error_naming_the_page(tmp_path):
    (tmp_path / "exercises").mkdir()
    with pytest.raises(MissingExerciseError, match=r"book/ethics/no_such_lesson: .*exercises/no_such_lesson\.ipynb"):
        exercise_notebook(tmp_path, "book/ethics/no_such_lesson")
    (tmp_path / "exercises" / "no_such_lesson.ipynb").write_text("{}", encoding="utf-8")
    assert exercise_notebook(tmp_path, "book/ethics/no_such_lesson").name == "no_such_lesson.ipynb"


# --- Publishing and releases ----------------------------------------------------------------


def test_pages_workflow_builds_with_the_make_target_and_deploys_the_site():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on:` as true
    assert triggers["push"]["branches"] == ["main"] and triggers["push"]["tags"] == ["v*"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in steps]
    assert any(run.strip() == "make site" for run in runs), runs  # English at /, French at /fr/
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/site"
    assert any(use.startswith("actions/deploy-pages@") for use in uses)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_make_build_is_the_learner_edition():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    build_recipe = makefile.split("\nbuild: ", 1)[1].split("\n\n", 1)[0]
    assert "jupyter-book build ." in build_recipe and "RAICOURSE_EDITION" not in build_recipe


def test_version_footer_shows_the_package_version():
    assert version_footer() == f'<p class="raicourse-version">Course version {raicourse.__version__}.</p>'


def test_release_process_is_documented():
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Release", 1)[1]
    for step in ("__version__", "scripts/set_repository.py", "git tag", "git push"):
        assert step in section, step


# --- The optional JupyterLite build (make lite) ----------------------------------------------


def test_lite_build_holds_the_notebooks_and_the_wheel():
    """Checks the output of `make lite` (not run by `make test`: it needs the `lite` extra and PyPI)."""
    import json
    import os

    pytest.importorskip("jupyterlite_core", reason="JupyterLite is not installed: pip install -e '.[lite]'")
    site = Path(os.environ.get("RAICOURSE_LITE_SITE", REPO / "_build" / "lite"))
    if not (site / "index.html").exists():
        pytest.skip(f"no JupyterLite build in {site}: run `make lite` first")
    files = {path.name for path in (site / "files").glob("*.ipynb")}
    assert files == {path.name for path in EXERCISES}
    for path in EXERCISES:
        assert (site / "files" / path.name).read_bytes() == path.read_bytes(), f"{path.name} is out of date in the lite build"
    index = json.loads((site / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert raicourse.__version__ in index["raicourse"]["releases"], "the course's wheel is not in the lite site's index"
    wheel = [name for name in os.listdir(site / "pypi") if name.startswith(f"raicourse-{raicourse.__version__}-")]
    assert wheel and wheel[0].endswith("-py3-none-any.whl")
    report = json.loads((site / "raicourse-lite.json").read_text(encoding="utf-8"))
    # fairlearn and anywidget are pure Python and not part of Pyodide: they must travel with the site.
    shipped = " ".join(report["shipped_wheels"])
    assert "fairlearn-" in shipped and "anywidget-" in shipped
    # Built with PYODIDE_LOCK=...: every requirement resolves against Pyodide's packages.
    assert report.get("checked_against_pyodide", {}).get("conflicts", []) == []
