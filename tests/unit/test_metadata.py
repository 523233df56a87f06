"""One version number everywhere: package, pyproject and citation file."""

from pathlib import Path

import yaml

import raicourse

REPO = Path(__file__).resolve().parents[2]


def test_versions_agree():
    import tomllib

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == raicourse.__version__ == str(citation["version"])


def test_lock_pins_every_requirement():
    lines = [l for l in (REPO / "requirements" / "constraints.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert lines and all("==" in line for line in lines), "requirements/constraints.txt must pin exact versions"
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in lines}
    for name in ("jupyter-book", "sphinx-exercise", "sphinxcontrib-bibtex", "anywidget", "ipywidgets", "fairlearn",
                 "scikit-learn", "pandas", "matplotlib", "nbval", "pytest", "playwright", "axe-playwright-python"):
        assert name in pinned, f"{name} is not pinned in requirements/constraints.txt"
