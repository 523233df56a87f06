"""Editions of the book, and what the assessment edition removes.

One source, three builds, chosen with the ``RAICOURSE_EDITION`` environment variable:

``learner`` (the default: also when the variable is unset or empty)
    The public book: quizzes check themselves in the browser, so their answers are in the page.
``instructor``
    The learner edition plus the trainers' blocks (``:class: instructor``).
``assessment``
    For supervised classes. No trainers' blocks, no solutions or hints, and quizzes that
    *record* the learner's answers for the trainer instead of checking them: the quiz
    data in the pages holds no correct answer, feedback or explanation.

The kernels that execute the lesson pages at build time inherit ``RAICOURSE_EDITION``, so
:func:`raicourse.quiz.quiz_state` reads the edition itself (:func:`current_edition`). This
module imports no Sphinx at import time: quizzes use it in notebooks too.

The assessment edition is not a secret exam: the course is public, and the learner edition,
answers included, is one URL away. It suits a supervised classroom session.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

__all__ = [
    "ASSESSMENT",
    "EDITION_ENV",
    "EDITIONS",
    "HIDDEN_IN_ASSESSMENT",
    "HIDDEN_TITLES",
    "current_edition",
    "is_answer_block",
    "is_assessment",
    "is_instructor",
    "leaked_answer_texts",
    "publishes_sources",
    "setup",
]

#: Environment variable that chooses the edition (read by the build and by its kernels).
EDITION_ENV = "RAICOURSE_EDITION"
#: The editions, the default first.
EDITIONS = ("learner", "instructor", "assessment")
ASSESSMENT = "assessment"
#: Blocks with one of these classes (``:class: solution``, a ``{hint}`` admonition...) are
#: removed from the assessment edition, like the trainers' blocks from the learner edition.
HIDDEN_IN_ASSESSMENT = ("instructor", "solution", "hint")
#: Admonitions and dropdowns whose title starts with one of these words are removed too:
#: "Solution" in a dropdown is how a lesson usually hides an answer from a first glance.
HIDDEN_TITLES = ("solution", "hint", "answer", "indice", "réponse", "corrigé")
#: Bank texts shorter than this are not searched for in the built pages: short ones
#: ("Yes.", a number) also occur in ordinary prose, and proving a leak needs a distinctive text.
_DISTINCTIVE_LENGTH = 30


def current_edition() -> str:
    """Return the edition being built or run. The one place that reads ``RAICOURSE_EDITION``.

    Unset or empty means ``learner``; ``learner``, ``instructor`` and ``assessment`` mean
    themselves, written exactly so (lowercase, no spaces). Any other value is an error.

    Raises
    ------
    ValueError
        When ``RAICOURSE_EDITION`` names no edition (a typo must not publish the wrong book).
        The message names the allowed values.
    """
    chosen = os.environ.get(EDITION_ENV, "")
    if chosen == "":
        return EDITIONS[0]
    if chosen not in EDITIONS:
        allowed = ", ".join(EDITIONS)
        raise ValueError(f"{EDITION_ENV} must be one of {allowed} (unset or empty means {EDITIONS[0]}), not {chosen!r}")
    return chosen


def is_instructor() -> bool:
    """True when the instructor edition is being built (the trainers' blocks and pages are in)."""
    return current_edition() == "instructor"


def is_assessment() -> bool:
    """True when the assessment edition is being built (quizzes record, they do not check)."""
    return current_edition() == ASSESSMENT


def _secret_texts() -> dict[str, str]:
    """Every distinctive bank text that reveals an answer, in every language of the course
    (a French page would show the French texts), mapped to where it comes from."""
    from raicourse.i18n import LANGUAGES
    from raicourse.quiz.loader import bank_stems, load_bank, validate_all_banks

    secrets: dict[str, str] = {}
    banks = [(stem, "en", bank) for stem, bank in validate_all_banks().items()]
    banks += [(stem, language, load_bank(stem, language, strict=False)[1]) for language in LANGUAGES if language != "en"
              for stem in bank_stems()]
    for stem, language, bank in banks:
        for question in bank.questions:
            where = f"{stem}.yaml ({language}), question {question.id!r}"
            texts = [question.explanation, getattr(question, "model_answer", None),
                     getattr(question, "feedback_true", None), getattr(question, "feedback_false", None)]
            texts += [choice.feedback for choice in getattr(question, "choices", [])]
            for text in texts:
                if text and len(text.strip()) >= _DISTINCTIVE_LENGTH:
                    secrets.setdefault(text.strip(), where)
    return secrets


def leaked_answer_texts(html_root: Path) -> list[str]:
    """Find the bank explanations, feedback and model answers present in a built book.

    Parameters
    ----------
    html_root : Path
        The HTML output folder of a build.

    Returns
    -------
    list of str
        One line per leak: the page (or ``searchindex.js``) and the bank question.
    """
    secrets = _secret_texts()
    # A text shows HTML-escaped in a page, JSON-escaped in a notebook or in a widget's state.
    needles = {
        text: {text, html.escape(text, quote=False), html.escape(text),
               json.dumps(text, ensure_ascii=False)[1:-1], json.dumps(text)[1:-1]}
        for text in secrets
    }
    found = []
    # Pages, the search index, and any published source or notebook (_sources/, downloads).
    files = [html_root / "searchindex.js"] + sorted(
        path for path in html_root.rglob("*") if path.suffix in {".html", ".txt", ".md", ".ipynb", ".json"}
    )
    for path in files:
        if not path.is_file() or "_static" in path.relative_to(html_root).parts:
            continue
        content = path.read_text(encoding="utf-8", errors="replace")
        for text, forms in needles.items():
            if any(form in content for form in forms):
                found.append(f"{path.relative_to(html_root)}: {secrets[text]}")
    return found


def publishes_sources() -> bool:
    """True when the pages' sources (``_sources/``) may be published: the instructor edition only.

    A lesson's source holds every block that the learner and assessment editions remove
    from the HTML (trainers' notes; solutions and hints), so publishing it would undo that.
    """
    return current_edition() == "instructor"


def _configure_edition(app: Any, config: Any) -> None:
    if not publishes_sources():
        config.html_copy_source = False
        config.html_show_sourcelink = False
    if not is_assessment():
        return
    # sphinx-exercise drops {solution} blocks from the document when hide_solutions is set.
    if "hide_solutions" in config:
        config.hide_solutions = True


def is_answer_block(node: Any) -> bool:
    """True for a block the assessment edition must not contain.

    A ``{hint}`` admonition, a block with a class of :data:`HIDDEN_IN_ASSESSMENT`, or an
    admonition or sphinx-design dropdown whose title starts with a word of :data:`HIDDEN_TITLES`.
    """
    from docutils import nodes

    if isinstance(node, nodes.hint) or any(name in node.get("classes", []) for name in HIDDEN_IN_ASSESSMENT):
        return True
    titled = isinstance(node, nodes.admonition) or node.get("design_component") == "dropdown"
    if not titled:
        return False
    title = next((child for child in node.children if isinstance(child, (nodes.title, nodes.rubric))), None)
    return title is not None and title.astext().strip().lower().startswith(HIDDEN_TITLES)


def _remove_answer_blocks(app: Any, doctree: Any) -> None:
    # Removed from the document tree (so from the HTML and the search index), not hidden with CSS.
    if not is_assessment():
        return
    from docutils import nodes

    for node in list(doctree.findall(nodes.Element)):
        if node.parent is not None and is_answer_block(node):
            node.parent.remove(node)


def _drop_source_download(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    # Without published sources, the theme's "download the .md" entry would point to a folder.
    if publishes_sources():
        return
    for group in context.get("header_buttons", []):
        if isinstance(group, dict) and isinstance(group.get("buttons"), list):
            group["buttons"] = [b for b in group["buttons"] if b.get("label") != "download-source-button"]


def _check_no_answers_published(app: Any, exception: BaseException | None) -> None:
    if exception is not None or not is_assessment() or app.builder.format != "html":
        return
    from sphinx.util import logging

    for leak in leaked_answer_texts(Path(app.outdir)):
        # A warning fails the course's -W builds: an assessment edition that shows an answer
        # (an answer-key page in the toc, a quiz built by a learner-mode kernel) is not published.
        logging.getLogger(__name__).warning("assessment edition shows a quiz answer: %s", leak)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point, called by :func:`raicourse.sphinxext.setup` (``app.setup_extension``)."""
    from raicourse import __version__

    try:
        current_edition()
    except ValueError as error:
        from sphinx.errors import ExtensionError

        raise ExtensionError(str(error)) from None
    # Pages can adapt a passage with ```{only} edition_assessment``` (or edition_learner...).
    app.tags.add(f"edition_{current_edition()}")
    app.connect("config-inited", _configure_edition)
    app.connect("doctree-read", _remove_answer_blocks)
    # After the theme has added its header buttons (default priority 500).
    app.connect("html-page-context", _drop_source_download, priority=900)
    app.connect("build-finished", _check_no_answers_published)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
