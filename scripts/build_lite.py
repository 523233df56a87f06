#!/usr/bin/env python3
"""Build the optional in-browser (JupyterLite) version of the exercises: ``make lite``.

Output: ``_build/lite`` (a static site; not part of the book's HTML). It holds

* JupyterLite with the Pyodide kernel (``jupyterlite-core``, ``jupyterlite-pyodide-kernel``,
  the ``lite`` extra of the course package);
* every ``exercises/*.ipynb``, at the top of the file browser;
* in ``pypi/``, the course's wheel and the pure-Python wheels of the dependencies that
  Pyodide lacks, at the versions of ``requirements/constraints.txt``, so that the notebooks'
  setup cell (``await piplite.install("raicourse")``) finds them in the site itself. The other
  dependencies (numpy, pandas, scikit-learn, ...) come from Pyodide's own distribution, which
  the browser downloads from a CDN the first time. ``raicourse-lite.json`` lists which is which,
  and the result of checking every requirement against Pyodide's lock file.

What the build cannot check here: Pyodide itself is not available offline, so nobody has
run the notebooks in the browser from this machine.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "_build" / "lite"
WORK = REPO / "_build" / "lite-src"

#: What the in-browser kernel already has: its own shims of ipykernel and widgetsnbextension
#: (jupyterlite-pyodide-kernel), and IPython and traitlets, which Pyodide loads to run it.
#: Not shipped, and their own dependencies are not followed.
KERNEL_PROVIDES = {"ipython", "ipykernel", "traitlets", "widgetsnbextension"}
#: The Python version of the Pyodide that jupyterlite-pyodide-kernel 0.8.6 loads (314.0.6).
PYODIDE_PYTHON = "3.14"


def canonical(name: str) -> str:
    """Return the normalised project name (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    """Return the locked versions of ``requirements/constraints.txt``."""
    found = {}
    for line in (REPO / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            found[canonical(name)] = version.strip()
    return found


def download_pure_wheel(python: list[str], requirement: str, destination: Path) -> bool:
    """Download the pure-Python (``py3-none-any``) wheel of ``requirement``; False when there is none."""
    result = subprocess.run(
        [*python, "download", "--quiet", "--no-deps", "--only-binary=:all:", "--platform", "any",
         "--implementation", "py", "--abi", "none", "--python-version", PYODIDE_PYTHON, "--dest", str(destination),
         requirement],
        capture_output=True, text=True,
    )
    return result.returncode == 0


def runtime_closure(root: str = "raicourse") -> list[str]:
    """Return the runtime dependencies of ``root``, recursively (no extras), by normalised name."""
    seen: set[str] = set()
    pending = [root]
    while pending:
        name = pending.pop()
        for requirement in metadata.requires(name) or []:
            parsed = Requirement(requirement)
            if parsed.marker and not parsed.marker.evaluate({"extra": ""}):
                continue
            dependency = canonical(parsed.name)
            if dependency in seen or dependency in KERNEL_PROVIDES:
                continue
            seen.add(dependency)
            pending.append(dependency)
    return sorted(seen)


def lock_conflicts(lock_path: Path, shipped: list[str]) -> list[str]:
    """Check the course's requirements against Pyodide's lock file and the shipped wheels.

    In the browser, micropip takes a package from Pyodide's distribution when Pyodide has it,
    else from the wheels shipped in ``pypi/``. This returns every requirement of the course
    package and of the shipped wheels that the chosen versions do not satisfy, or that
    nothing provides.
    """
    lock = json.loads(lock_path.read_text(encoding="utf-8"))["packages"]
    chosen = {canonical(name): entry["version"] for name, entry in lock.items()}
    for requirement in shipped:
        name, version = requirement.split("==")
        chosen.setdefault(canonical(name), version)
    problems = []
    for requirement in ["raicourse", *shipped]:
        name = requirement.split("==")[0]
        if canonical(name) in chosen and canonical(name) != "raicourse" and canonical(name) in {
                canonical(n) for n in lock}:
            continue  # Pyodide's own build: its dependencies are Pyodide's business
        for text in metadata.requires(name) or []:
            parsed = Requirement(text)
            if parsed.marker and not parsed.marker.evaluate({"extra": "", "python_version": PYODIDE_PYTHON,
                                                             "sys_platform": "emscripten",
                                                             "platform_system": "Emscripten"}):
                continue
            dependency = canonical(parsed.name)
            if dependency in KERNEL_PROVIDES and dependency not in chosen:
                continue
            version = chosen.get(dependency)
            if version is None:
                problems.append(f"{name} needs {parsed}: neither Pyodide nor the site provides it")
            elif not parsed.specifier.contains(version, prereleases=True):
                problems.append(f"{name} needs {parsed}, but the browser would get {dependency} {version}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the site's folder (default: _build/lite)")
    parser.add_argument("--pyodide-lock", type=Path,
                        help="Pyodide's pyodide-lock.json (default: fetched with `npm pack pyodide@<version>`)")
    arguments = parser.parse_args(argv)
    output = arguments.output.resolve()
    work = output.with_name(output.name + "-src")
    build_site(output, work, arguments.pyodide_lock)
    return 0


def fetch_pyodide_lock(work: Path) -> Path | None:
    """Fetch the ``pyodide-lock.json`` of the Pyodide that the kernel loads, from npm; None if npm fails.

    It lists Pyodide's own packages and their versions (the packages themselves stay on
    Pyodide's CDN). The npm package ``pyodide`` holds it at the same version.
    """
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    npm = shutil.which("npm")
    if npm is None:
        return None
    result = subprocess.run([npm, "pack", "--silent", f"pyodide@{PYODIDE_VERSION}"], cwd=work,
                            capture_output=True, text=True)
    if result.returncode != 0:
        print(f"note: npm could not fetch pyodide@{PYODIDE_VERSION}: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    with tarfile.open(work / result.stdout.strip().splitlines()[-1]) as archive:
        member = archive.extractfile("package/pyodide-lock.json")
        lock = work / "pyodide-lock.json"
        lock.write_bytes(member.read())
    return lock


def build_site(output: Path, work: Path, pyodide_lock: Path | None = None) -> None:
    """Build the JupyterLite site into ``output``, preparing its sources in ``work``.

    Pyodide's lock file (given, or fetched from npm) says which packages Pyodide has: those
    are not shipped, so the browser has one candidate for each, and every requirement is
    checked against the versions it will get (see :func:`lock_conflicts`); a conflict stops
    the build. Without a lock file, every pure-Python dependency is shipped, unchecked.
    """
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    wheels = work / "pypi"
    contents = work / "files"
    wheels.mkdir(parents=True)
    contents.mkdir()
    pyodide_lock = pyodide_lock or fetch_pyodide_lock(work)
    in_pyodide = (
        {canonical(name) for name in json.loads(pyodide_lock.read_text(encoding="utf-8"))["packages"]}
        if pyodide_lock else set()
    )

    python = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*python, "wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels), str(REPO)], check=True)
    locked = pins()
    shipped, from_pyodide = [], []
    for name in runtime_closure():
        requirement = f"{name}=={locked.get(name) or metadata.version(name)}"
        # Pyodide's own build wins; else a pure-Python wheel runs in the browser as is and is
        # shipped; a compiled package that Pyodide lacks cannot run there at all.
        if name in in_pyodide:
            from_pyodide.append(name)
        elif download_pure_wheel(python, requirement, wheels):
            shipped.append(requirement)
        else:
            from_pyodide.append(name)
    for notebook in sorted((REPO / "exercises").glob("*.ipynb")):
        shutil.copy(notebook, contents / notebook.name)

    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run([str(jupyter), "lite", "build", "--contents", str(contents), "--output-dir", str(output)],
                   cwd=work, check=True)
    report = {"shipped_wheels": sorted(p.name for p in wheels.glob("*.whl")), "expected_from_pyodide": from_pyodide}
    if pyodide_lock is not None:
        info = json.loads(pyodide_lock.read_text(encoding="utf-8"))["info"]
        report["checked_against_pyodide"] = {"python": info.get("python"), "conflicts": lock_conflicts(pyodide_lock, shipped)}
    (output / "raicourse-lite.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if report.get("checked_against_pyodide", {}).get("conflicts"):
        raise SystemExit("Requirements that would not resolve in the browser:\n" +
                         "\n".join(report["checked_against_pyodide"]["conflicts"]))
    print(f"JupyterLite site in {output}: {len(list(contents.iterdir()))} notebooks, "
          f"{len(list(wheels.glob('*.whl')))} wheels; expected from Pyodide: {', '.join(from_pyodide)}")


if __name__ == "__main__":
    sys.exit(main())
