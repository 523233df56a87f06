"""Binder (repo2docker) installs what a learner runs, at exactly the versions CI tests."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            found[name.lower().replace("_", "-")] = version
    return found


def normal(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def test_binder_pins_are_the_ci_versions():
    binder, lock = pins(REPO / "binder" / "requirements.txt"), pins(REPO / "requirements" / "constraints.txt")
    assert binder, "binder/requirements.txt pins nothing"
    different = {name: (version, lock.get(name)) for name, version in binder.items() if lock.get(name) != version}
    assert not different, f"Binder pins that differ from the CI lock (run `make lock`): {different}"


def test_binder_holds_the_runtime_and_jupyterlab_not_the_toolchain():
    """A learner on Binder runs notebooks: the course's runtime dependencies and JupyterLab,
    not the book's and tests' toolchain (about 1 GB with it)."""
    import re
    import tomllib

    binder = {normal(name) for name in pins(REPO / "binder" / "requirements.txt")}
    runtime = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    needed = {normal(re.split(r"[ ;<>=!~\[(]", requirement, maxsplit=1)[0]) for requirement in runtime}
    assert needed | {"jupyterlab", "ipykernel"} <= binder, sorted(needed | {"jupyterlab"} - binder)
    toolchain = {"jupyter-book", "sphinx", "playwright", "pytest", "hypothesis", "jupyter-repo2docker",
                 "nbval", "myst-nb", "axe-playwright-python", "pydata-sphinx-theme", "latex2mathml"}
    assert not toolchain & binder, sorted(toolchain & binder)


def test_binder_lock_is_closed():
    """Every requirement of every pinned package is pinned too (read from the installed
    metadata, at the same versions): pip on Binder resolves nothing unpinned."""
    import importlib.metadata as metadata

    from packaging.requirements import Requirement

    binder = {normal(name) for name in pins(REPO / "binder" / "requirements.txt")}
    missing = {}
    for name in binder:
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            if normal(requirement.name) not in binder:
                missing.setdefault(name, []).append(requirement.name)
    assert not missing, f"unpinned requirements (run `make lock`): {missing}"


def test_binder_python_matches_the_project():
    import tomllib

    runtime = (REPO / "binder" / "runtime.txt").read_text().strip()
    assert runtime.startswith("python-3.")
    minimum = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert minimum == ">=3.11" and tuple(int(x) for x in runtime.removeprefix("python-").split(".")) >= (3, 11)


def test_binder_installs_the_course_package():
    post_build = (REPO / "binder" / "postBuild").read_text()
    assert "pip install --no-deps ." in post_build
    assert (REPO / "binder" / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_repo2docker_build_spec_uses_the_binder_folder(tmp_path):
    """repo2docker's own tooling generates the image spec without Docker (--no-build)."""
    import shutil
    import subprocess
    import sys

    # A copy, so that repo2docker never sees .venv or _build.
    for name in ("binder", "pyproject.toml", "README.md", "LICENSE"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    executable = Path(sys.executable).with_name("jupyter-repo2docker")
    result = subprocess.run([str(executable), "--no-build", "--no-run", "--debug", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    spec = result.stdout + result.stderr
    assert result.returncode == 0, spec[-2000:]
    assert "python=3.11" in spec
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in spec
    assert "./binder/postBuild" in spec
