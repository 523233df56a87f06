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
