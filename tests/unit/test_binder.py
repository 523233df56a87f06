"""Binder (repo2docker) resolves exactly the versions CI tests."""

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


def test_binder_requirements_match_the_lock():
    assert pins(REPO / "binder" / "requirements.txt") == pins(REPO / "requirements" / "constraints.txt")


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
