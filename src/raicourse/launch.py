"""Links that open an exercise notebook on Binder, Colab, a JupyterHub or JupyterLite.

Every link is derived from one place, the book's ``_config.yml``:

* ``repository: {url, branch, path_to_book}`` — the course's public Git repository
  (Jupyter Book's own key);
* ``sphinx: config: raicourse_launch: {...}`` — the hub's URL, the BinderHub, which Git
  reference the links open (the release tag or the branch), and where a JupyterLite build
  is published, if any.

The functions here are pure: they take a :class:`LaunchSettings` and a notebook stem and
return a URL, so the Sphinx directive (:mod:`raicourse.launch_sphinx`), the script
``scripts/set_repository.py`` and the tests all compute the same links.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlparse

import yaml

from raicourse import __version__

__all__ = [
    "LaunchSettings",
    "binder_home_url",
    "binder_url",
    "colab_url",
    "exercise_path",
    "jupyterhub_url",
    "lite_url",
    "load_launch_settings",
    "package_source",
    "release_tag",
]

#: Folder of the exercise notebooks, relative to the book's root.
EXERCISES_FOLDER = "exercises"


def release_tag(version: str = __version__) -> str:
    """Return the Git tag of a release of the course: ``v`` followed by the package version.

    Parameters
    ----------
    version : str, optional
        The package version, by default :data:`raicourse.__version__`.
    """
    return f"v{version}"


@dataclass(frozen=True)
class LaunchSettings:
    """What the launch links need to know, as read from ``_config.yml``.

    Parameters
    ----------
    repository_url : str
        The course's public repository on GitHub, e.g. ``https://github.com/owner/repo``.
    branch : str
        Its main branch.
    path_to_book : str
        Folder of the book (of ``_config.yml``) inside the repository; ``""`` for its root.
    ref : str
        ``"release"``: links open the notebooks as released (tag ``v<version>``), so that a
        cohort's book, notebooks and installed package match; ``"branch"``: the branch.
    version : str
        The package version the release tag is made from.
    binderhub_url : str
        The BinderHub that builds the environment; ``""`` hides the Binder link.
    colab : bool
        Whether to show the Colab link.
    jupyterhub_url : str
        The class's JupyterHub (with nbgitpuller installed); ``""`` hides the hub link.
    lite_path : str
        Where the JupyterLite build is published, relative to the book's root
        (e.g. ``"lite/"``); ``""`` hides the in-browser link.
    """

    repository_url: str
    branch: str = "main"
    path_to_book: str = ""
    ref: str = "release"
    version: str = __version__
    binderhub_url: str = "https://mybinder.org"
    colab: bool = True
    jupyterhub_url: str = ""
    lite_path: str = ""

    def __post_init__(self) -> None:
        parsed = urlparse(self.repository_url)
        parts = [part for part in parsed.path.split("/") if part]
        if parsed.scheme != "https" or parsed.hostname != "github.com" or len(parts) != 2:
            raise ValueError(
                f"repository.url in _config.yml must look like https://github.com/OWNER/REPO, "
                f"not {self.repository_url!r} (Binder's and Colab's links need a GitHub repository)"
            )
        if self.ref not in ("release", "branch"):
            raise ValueError(f"raicourse_launch.ref in _config.yml must be 'release' or 'branch', not {self.ref!r}")

    @property
    def owner(self) -> str:
        """The GitHub account or organisation that holds the repository."""
        return self._parts()[0]

    @property
    def repo(self) -> str:
        """The repository's name (also the folder nbgitpuller clones it into)."""
        return self._parts()[1].removesuffix(".git")

    @property
    def clone_url(self) -> str:
        """The repository's URL without a trailing slash or ``.git``."""
        return f"https://github.com/{self.owner}/{self.repo}"

    @property
    def git_ref(self) -> str:
        """The Git reference the Binder and Colab links open: the release tag or the branch."""
        return release_tag(self.version) if self.ref == "release" else self.branch

    def _parts(self) -> list[str]:
        return [part for part in urlparse(self.repository_url).path.split("/") if part]


def load_launch_settings(book_root: Path, version: str = __version__) -> LaunchSettings:
    """Read the launch settings from the book's ``_config.yml``.

    Parameters
    ----------
    book_root : Path
        The folder that holds ``_config.yml``.
    version : str, optional
        The package version, by default :data:`raicourse.__version__`.

    Raises
    ------
    ValueError
        When ``repository.url`` is missing or is not a GitHub repository.
    """
    config = yaml.safe_load((Path(book_root) / "_config.yml").read_text(encoding="utf-8")) or {}
    return settings_from_config(config, version)


def settings_from_config(config: dict[str, Any], version: str = __version__) -> LaunchSettings:
    """Build :class:`LaunchSettings` from a parsed ``_config.yml`` (see :func:`load_launch_settings`)."""
    repository = config.get("repository") or {}
    launch = ((config.get("sphinx") or {}).get("config") or {}).get("raicourse_launch") or {}
    if not repository.get("url"):
        raise ValueError("_config.yml has no repository.url: the launch links need the course's repository")
    return LaunchSettings(
        repository_url=str(repository["url"]).rstrip("/"),
        branch=str(repository.get("branch") or "main"),
        path_to_book=str(repository.get("path_to_book") or "").strip("/"),
        ref=str(launch.get("ref", "release")),
        version=version,
        binderhub_url=str(launch.get("binderhub_url", "https://mybinder.org") or "").rstrip("/"),
        colab=bool(launch.get("colab", True)),
        jupyterhub_url=str(launch.get("jupyterhub_url", "") or "").rstrip("/"),
        lite_path=str(launch.get("lite_path", "") or ""),
    )


def exercise_path(settings: LaunchSettings, stem: str) -> str:
    """Return the exercise notebook's path inside the repository, e.g. ``exercises/privacy.ipynb``."""
    prefix = f"{settings.path_to_book}/" if settings.path_to_book else ""
    return f"{prefix}{EXERCISES_FOLDER}/{stem}.ipynb"


def binder_url(settings: LaunchSettings, stem: str) -> str:
    """Return the mybinder.org (``/v2/gh/``) link that opens the notebook in JupyterLab.

    The link names the release tag (or the branch): Binder builds one image per Git
    reference, so a tag is built once and then starts faster for the whole cohort.
    """
    query = urlencode({"urlpath": f"lab/tree/{exercise_path(settings, stem)}"})
    return f"{binder_home_url(settings)}?{query}"


def binder_home_url(settings: LaunchSettings) -> str:
    """Return the Binder link that opens the whole repository (at the release tag or the branch)."""
    return f"{settings.binderhub_url}/v2/gh/{settings.owner}/{settings.repo}/{quote(settings.git_ref)}"


def colab_url(settings: LaunchSettings, stem: str) -> str:
    """Return the Google Colab link that opens the notebook straight from GitHub."""
    return (
        f"https://colab.research.google.com/github/{settings.owner}/{settings.repo}/blob/"
        f"{quote(settings.git_ref)}/{exercise_path(settings, stem)}"
    )


def jupyterhub_url(settings: LaunchSettings, stem: str) -> str | None:
    """Return the nbgitpuller link for the class's JupyterHub, or None when no hub is set.

    nbgitpuller clones the repository into a folder named after it in the learner's
    home, or merges the new commits of the branch into it on later clicks (learners'
    edits are kept). It follows a *branch*, never a tag: on a later click it merges
    ``origin/<branch>``, which a tag does not have. ``urlpath`` is relative to the
    learner's server and must include that folder (nbgitpuller's documented format:
    ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/<repo>/<file>``).
    """
    if not settings.jupyterhub_url:
        return None
    query = urlencode(
        {
            "repo": settings.clone_url,
            "branch": settings.branch,
            "urlpath": f"lab/tree/{settings.repo}/{exercise_path(settings, stem)}",
        }
    )
    return f"{settings.jupyterhub_url}/hub/user-redirect/git-pull?{query}"


def lite_url(settings: LaunchSettings, stem: str, to_root: str = "") -> str | None:
    """Return the link into a JupyterLite build published with the book, or None.

    Parameters
    ----------
    settings : LaunchSettings
        With ``lite_path`` set to the lite build's folder, relative to the book's root.
    stem : str
        The exercise's stem; the lite build holds the notebooks at its top level.
    to_root : str, optional
        The relative path from the page to the book's root (``"../../"``), so the link
        works wherever the book is served.
    """
    if not settings.lite_path:
        return None
    folder = settings.lite_path.rstrip("/")
    return f"{to_root}{folder}/lab/index.html?{urlencode({'path': f'{stem}.ipynb'})}"


def package_source(settings: LaunchSettings) -> str:
    """Return what the notebooks' Colab cell installs: the repository at the release tag.

    The tag is that of the package version, so a cohort's notebooks install the package
    their book was built with, even after the repository has moved on.
    """
    return f"git+{settings.clone_url}.git@{release_tag(settings.version)}"
