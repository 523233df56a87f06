"""Grade the answer files of the assessment edition: ``raicourse grade-quizzes EXPORTS_DIR``.

In the assessment edition the quizzes record answers without checking them, and the
learner downloads them from "My progress" as a file (format ``raicourse-answers``). The
trainer puts the files they collected in one folder; this module scores each file against
the banks shipped in the package and writes, in the output folder:

``gradebook.csv``
    ``learner, quiz, lesson, question, answer, correct, score, note``: one row per question.
    ``correct`` is ``yes``, ``no``, ``unanswered``, ``invalid`` (not an answer that question
    can take) or ``to_mark`` (a reflection, for the trainer to mark); rows whose question is
    ``(quiz)`` describe a whole quiz (``version_mismatch``, ``not_submitted``, ``unknown_quiz``).
``totals.csv``
    ``learner, quizzes, correct, out_of, percent, to_mark, not_submitted``: one row per
    learner, their totals over the quizzes of their file (reflections are counted apart).
``feedback/<learner>.md``
    For the trainer to hand back after the assessment: each answer, the right answer, the
    bank's feedback and explanation, and the model answer of each reflection. Each quiz is
    named by its lesson; math is written as plain text (``150 / 200 = 0.75``). The file
    name keeps the learner's accents (``Éloïse-N-Diaye.md``).
``problems.csv``
    ``file, quiz, problem``: files that are not answer files (skipped) and the quizzes that
    could not be scored, also printed on the console.

The CSV files open in a spreadsheet program as they are: UTF-8 with a byte-order mark (so
that Excel reads accents right), separated by ``;`` when the language is French (French Excel
splits columns on ``;``, and writes decimals with a comma) and by ``,`` otherwise.

A file never stops the run: whatever it holds, it is reported by name and skipped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from raicourse.i18n import LANGUAGES, get_language, t
from raicourse.lessons import find_book_root, lessons
from raicourse.grading._spreadsheet import csv_format, write_csv
from raicourse.quiz.loader import load_bank, bank_stems
from raicourse.quiz.schema import Bank
from raicourse.quiz.scoring import Verdict, score_answer
from raicourse.quiz.widget import COURSE, bank_fingerprint, choice_key

__all__ = [
    "ANSWERS_FORMAT",
    "ANSWERS_FORMAT_VERSIONS",
    "QUIZ_ROW",
    "Problem",
    "QuizGrades",
    "QuizRow",
    "csv_format",
    "file_name_for",
    "grade_quiz_exports",
    "plain_text",
    "read_answers_file",
]

#: ``format`` of the files exported by the assessment edition's "My progress" page.
ANSWERS_FORMAT = "raicourse-answers"
#: The versions of that format this grader reads.
ANSWERS_FORMAT_VERSIONS = (1,)
#: The "question" column of rows about a whole quiz.
QUIZ_ROW = "(quiz)"
#: An answer file is a few kilobytes; anything much larger is not one.
_MAX_BYTES = 5_000_000
_OUTCOME_TO_CORRECT = {"correct": "yes", "incorrect": "no"}


@dataclass(frozen=True)
class QuizRow:
    """One line of the quiz gradebook."""

    learner: str
    quiz: str
    question: str
    answer: str
    correct: str
    score: str
    note: str = ""


@dataclass(frozen=True)
class Problem:
    """A file skipped, or a quiz of a file not scored, and why."""

    file: str
    quiz: str
    problem: str


@dataclass
class QuizGrades:
    """What :func:`grade_quiz_exports` found: the gradebook's rows and the problems."""

    rows: list[QuizRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    learners: dict[str, str] = field(default_factory=dict)  # learner -> file name
    lessons: dict[str, str] = field(default_factory=dict)  # quiz stem -> the name of its lesson

    def totals(self) -> dict[str, dict[str, int]]:
        """Per learner: ``quizzes`` scored, ``correct``, ``out_of``, ``to_mark``, ``not_submitted``."""
        totals: dict[str, dict[str, int]] = {}
        for learner in self.learners:
            totals[learner] = {"quizzes": 0, "correct": 0, "out_of": 0, "to_mark": 0, "not_submitted": 0}
        quizzes: dict[str, set[str]] = {}
        for row in self.rows:
            entry = totals.setdefault(row.learner, {"quizzes": 0, "correct": 0, "out_of": 0, "to_mark": 0,
                                                     "not_submitted": 0})
            if row.question == QUIZ_ROW:
                entry["not_submitted"] += row.correct == "not_submitted"
                continue
            quizzes.setdefault(row.learner, set()).add(row.quiz)
            if row.correct == "to_mark":
                entry["to_mark"] += 1
            elif row.score:
                entry["out_of"] += 1
                entry["correct"] += int(row.score)
        for learner, seen in quizzes.items():
            totals[learner]["quizzes"] = len(seen)
        return totals


class _NotAnswersFile(ValueError):
    """The file is not an answer file of this course (the message says why)."""


def read_answers_file(path: Path, language: str | None = None) -> dict[str, Any]:
    """Read and check the outer structure of an answer file.

    Returns
    -------
    dict
        The parsed file, with ``learner`` a non-empty string and ``quizzes`` a mapping.

    Raises
    ------
    ValueError
        When the file is not an answer file of this course; the message says why.
    """
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise _NotAnswersFile(t("assessment.too_large", language))
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _NotAnswersFile(t("assessment.not_json", language)) from None
    except OSError as error:
        raise _NotAnswersFile(t("assessment.unreadable", language, error=error.strerror or str(error))) from None
    if not isinstance(data, dict):
        raise _NotAnswersFile(t("assessment.foreign", language))
    if data.get("format") == "raicourse-progress":
        raise _NotAnswersFile(t("assessment.progress_file", language))
    if data.get("format") != ANSWERS_FORMAT or data.get("course") != COURSE:
        raise _NotAnswersFile(t("assessment.foreign", language))
    if data.get("format_version") not in ANSWERS_FORMAT_VERSIONS:
        raise _NotAnswersFile(t("assessment.format_version", language, found=str(data.get("format_version"))[:20],
                                supported=", ".join(map(str, ANSWERS_FORMAT_VERSIONS))))
    if not isinstance(data.get("quizzes"), dict):
        raise _NotAnswersFile(t("assessment.no_quizzes", language))
    learner = data.get("learner")
    if not isinstance(learner, str) or not learner.strip():
        raise _NotAnswersFile(t("assessment.no_learner", language))
    data["learner"] = " ".join(learner.split())[:100]
    return data


def file_name_for(learner: str, taken: set[str]) -> str:
    """Return a file name (without extension) for a learner, unique among ``taken`` (updated).

    Letters and digits of any script are kept, accents included (in their composed form, NFC);
    every run of other characters becomes one ``-``: "Éloïse N'Diaye" gives ``Éloïse-N-Diaye``.
    The answers export of "My progress" (``raicourse-progress.js``) names its file the same way.
    Names that differ only by case get a number, for file systems that ignore case.
    """
    name = unicodedata.normalize("NFC", learner)
    kept = "".join(c if unicodedata.category(c)[0] in "LN" or c in "_-" else " " for c in name)
    base = re.sub(r"[\s]+", "-", kept.strip())
    base = re.sub(r"-{2,}", "-", base).strip("-")[:80].strip("-") or "learner"
    name, counter = base, 2
    while name.casefold() in taken:
        name, counter = f"{base}-{counter}", counter + 1
    taken.add(name.casefold())
    return name


_TEX_WORDS = {"times": "×", "cdot": "·", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
              "neq": "≠", "pm": "±", "%": "%", ",": "", ";": " ", "!": "", " ": " ", "quad": " ", "{": "{", "}": "}"}


def _plain_math(tex: str) -> str:
    text = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", tex)
    text = re.sub(r"\\(?:text|mathrm|mathit|operatorname)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\^\{([^{}]*)\}", r"^(\1)", text)
    text = re.sub(r"\\([A-Za-z]+|[%,;! {}])", lambda m: _TEX_WORDS.get(m.group(1), m.group(1)), text)
    text = re.sub(r"\^\(([^()\s]+)\)", r"^\1", text.replace("{", "").replace("}", ""))
    return " ".join(text.split())


def plain_text(text: str) -> str:
    """Return a bank text with its ``$math$`` written as plain text.

    ``$150 / 200 = 0.75$`` gives ``150 / 200 = 0.75``; ``$0.2 \\times 0.3$`` gives ``0.2 × 0.3``.
    Other Markdown is kept (the feedback file is Markdown); an escaped ``\\$`` stays a dollar.
    """
    return _MATH.sub(lambda match: _plain_math(match.group(1)), str(text))


#: The same ``$...$`` as the quiz's inline Markdown (:func:`raicourse.quiz.widget.inline_tokens`).
_MATH = re.compile(r"(?<!\\)\$([^$\n]+?)\$")


def _lesson_titles(language: str) -> dict[str, str]:
    # Where the grader runs in a checkout of the course, quizzes are named by their lesson
    # (French titles in French feedback, from the book's catalogue).
    root = find_book_root(Path.cwd())
    if root is None:
        return {}
    try:
        return {lesson.stem: lesson.title for lesson in lessons(root, language)}
    except (OSError, ValueError):
        return {}


class _Banks:
    """The banks in each language, loaded when first asked for. A French page's quiz shows the
    bank's French texts, so its answer file carries the French bank's fingerprint and, for a
    text question, an answer in French: it is checked and scored against the French bank. The
    feedback file is written from the bank in the grading's language (``--lang``)."""

    def __init__(self) -> None:
        self._stems = set(bank_stems())
        self._loaded: dict[tuple[str, str], Bank] = {}

    def get(self, stem: str, language: str) -> Bank | None:
        if stem not in self._stems:
            return None
        if (stem, language) not in self._loaded:
            self._loaded[stem, language] = load_bank(stem, language)[1]
        return self._loaded[stem, language]

    def answered_on(self, stem: str, entry: dict, page_language: str) -> Bank | None:
        """The bank whose version and fingerprint the answer file carries: the page's language
        first, then the other languages; None when none matches."""
        for language in [page_language] + [other for other in LANGUAGES if other != page_language]:
            bank = self.get(stem, language)
            if bank is not None and entry.get("version") == bank.version \
                    and entry.get("fingerprint") == bank_fingerprint(stem, bank):
                return bank
        return None


def _exports(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def grade_quiz_exports(exports: Path, out: Path, language: str | None = None) -> QuizGrades:
    """Score every answer file under ``exports`` against the package's banks.

    Parameters
    ----------
    exports : Path
        The trainer's folder of answer files (``*.json``, sub-folders included); only read.
    out : Path
        Where to write ``gradebook.csv``, ``problems.csv`` and ``feedback/<learner>.md``.
    language : str, optional
        ``"en"`` or ``"fr"`` for the messages and feedback (default: the current language).

    Returns
    -------
    QuizGrades
    """
    exports, out = Path(exports).resolve(), Path(out).resolve()
    if out == exports or exports in out.parents:
        raise ValueError("the output folder must not be inside the exports folder")
    banks = _Banks()
    grades = QuizGrades()
    grades.lessons = _lesson_titles(language or get_language())
    feedback: dict[str, list[str]] = {}
    for path in _exports(exports):
        shown = str(path.relative_to(exports))
        if path.suffix.lower() != ".json":
            grades.problems.append(Problem(shown, "", t("assessment.not_json_name", language)))
            continue
        try:
            data = read_answers_file(path, language)
        except _NotAnswersFile as error:
            grades.problems.append(Problem(shown, "", t("assessment.skipped", language, reason=str(error))))
            continue
        learner = data["learner"]
        if learner in grades.learners:
            grades.problems.append(Problem(shown, "", t("assessment.duplicate_learner", language, learner=learner,
                                                        other=grades.learners[learner])))
            learner = f"{learner} ({path.name})"
        grades.learners[learner] = shown
        feedback[learner] = _grade_file(learner, shown, data["quizzes"], banks, grades, language,
                                        _page_language(data, language))
    _write_outputs(out, grades, feedback, language)
    return grades


def _page_language(data: dict, language: str | None) -> str:
    """The language of the pages the learner answered on, which decides how a typed number is
    read (``1,190`` is 1190 in English, 1.19 in French): the file's ``language``, else (files
    exported before it was written) the language of the grading."""
    written = data.get("language")
    return written if written in LANGUAGES else (language or get_language())


def _grade_file(learner: str, shown: str, quizzes: dict, banks: _Banks, grades: QuizGrades,
                language: str | None, page_language: str) -> list[str]:
    lines = [f"# {t('assessment.feedback_title', language, learner=learner)}", ""]
    labels = {"true": t("quiz.label_true", language), "false": t("quiz.label_false", language)}
    # Quizzes in course order (the order of the banks' stems would do too, but this is stable).
    for stem, entry in quizzes.items():
        stem = str(stem)[:100]
        if banks.get(stem, "en") is None:
            message = t("assessment.unknown_quiz", language, quiz=stem)
            grades.problems.append(Problem(shown, stem, message))
            grades.rows.append(QuizRow(learner, stem, QUIZ_ROW, "", "unknown_quiz", "", message))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("answers", {}), dict):
            message = t("assessment.malformed_quiz", language, quiz=stem)
            grades.problems.append(Problem(shown, stem, message))
            grades.rows.append(QuizRow(learner, stem, QUIZ_ROW, "", "invalid", "", message))
            continue
        bank = banks.answered_on(stem, entry, page_language)
        if bank is None:
            message = t("assessment.version_mismatch", language, quiz=stem)
            grades.problems.append(Problem(shown, stem, message))
            grades.rows.append(QuizRow(learner, stem, QUIZ_ROW, "", "version_mismatch", "", message))
            continue
        told = banks.get(stem, language or get_language())
        lines += _grade_quiz(learner, stem, bank, told, entry, labels, grades, shown, language, page_language)
    return lines


def _grade_quiz(learner: str, stem: str, bank: Bank, told: Bank, entry: dict, labels: dict[str, str],
                grades: QuizGrades, shown: str, language: str | None, page_language: str) -> list[str]:
    """Score ``entry`` against ``bank`` (the one the learner answered); write the feedback from
    ``told`` (the same bank in the grading's language: same ids, answers and choice keys)."""
    answers = entry.get("answers") or {}
    unknown = sorted(str(key)[:60] for key in answers if key not in {q.id for q in bank.questions})
    if unknown:
        grades.problems.append(Problem(shown, stem, t("assessment.unknown_questions", language, quiz=stem,
                                                      questions=", ".join(unknown))))
    if entry.get("submitted") is not True:
        grades.rows.append(QuizRow(learner, stem, QUIZ_ROW, "", "not_submitted", "",
                                   t("assessment.not_submitted", language)))
    said = {question.id: question for question in told.questions}
    verdicts = []
    for question in bank.questions:
        verdict = score_answer(stem, bank, question, answers.get(question.id), labels, page_language)
        if told is not bank:
            # The outcome is the answered bank's; the texts shown (choices, notes) the grading language's.
            response = _same_choices(stem, question, said[question.id], answers.get(question.id))
            worded = score_answer(stem, told, said[question.id], response, labels, page_language)
            verdict = replace(verdict, shown=worded.shown if question.type in _CHOICES else verdict.shown,
                              feedback=worded.feedback)
        verdicts.append((said[question.id], verdict))
    scored = [v for q, v in verdicts if q.type != "reflection"]
    correct = sum(v.outcome == "correct" for v in scored)
    title = _quiz_name(stem, told, entry, grades)
    lines = [f"## {t('assessment.feedback_quiz', language, quiz=title, correct=correct, total=len(scored))}", ""]
    for number, (question, verdict) in enumerate(verdicts, start=1):
        reflection = question.type == "reflection"
        grades.rows.append(QuizRow(
            learner, stem, question.id, verdict.shown,
            _OUTCOME_TO_CORRECT.get(verdict.outcome, verdict.outcome),
            "" if reflection else ("1" if verdict.outcome == "correct" else "0"),
            t("assessment.invalid_answer", language) if verdict.outcome == "invalid" else "",
        ))
        lines += _feedback_for(number, stem, told, question, verdict, labels, language)
    return lines


#: Question types whose answer is shown as the text of the choices picked.
_CHOICES = ("single", "multiple")


def _same_choices(stem: str, question: Any, other: Any, response: Any) -> Any:
    """``response`` to ``question`` with its choice keys as ``other`` (the same question in
    another language) names them. A choice's key is a hash of its text; the choices keep their
    order in every language."""
    if question.type not in _CHOICES or len(question.choices) != len(other.choices):
        return response
    keys = {choice_key(stem, question, mine): choice_key(stem, other, theirs)
            for mine, theirs in zip(question.choices, other.choices)}
    if isinstance(response, list):
        return [keys.get(key, key) if isinstance(key, str) else key for key in response]
    return keys.get(response, response) if isinstance(response, str) else response


def _quiz_name(stem: str, bank: Bank, entry: dict, grades: QuizGrades) -> str:
    """A quiz's name in feedback: its lesson's title (from the book, else from the answer file,
    which "My progress" writes), then the bank's own title when it adds something."""
    lesson = grades.lessons.get(stem)
    if not lesson and isinstance(entry.get("title"), str):
        lesson = " ".join(entry["title"].split())[:120]
    if not lesson:
        return bank.title or stem
    if bank.title and bank.title.casefold() != lesson.casefold():
        return f"{lesson} — {bank.title}"
    return lesson


def _quote(text: str) -> list[str]:
    # Learners' texts and bank texts are quoted, so that a line of theirs cannot become a heading.
    return [f"> {line}" if line.strip() else ">" for line in plain_text(str(text)).splitlines() or [""]]


def _right_answer(stem: str, bank: Bank, question: Any, labels: dict[str, str]) -> str:
    if question.type in ("single", "multiple"):
        return " | ".join(choice.text for choice in question.choices if choice.correct)  # the bank's order
    if question.type == "truefalse":
        return labels["true" if question.answer else "false"]
    if question.type == "numeric":
        answer = f"{question.answer:g}" + (f" {question.unit}" if question.unit else "")
        return f"{answer} (± {question.tolerance:g})" if question.tolerance else answer
    if question.type == "text":
        return " | ".join(question.answers)
    return ""


def _feedback_for(number: int, stem: str, bank: Bank, question: Any, verdict: Verdict, labels: dict[str, str],
                  language: str | None) -> list[str]:
    lines = [f"### {t('assessment.feedback_question', language, n=number)}", "", *_quote(question.prompt), ""]
    yours = verdict.shown or t("assessment.no_answer", language)
    lines += [f"**{t('assessment.your_answer', language)}**", "", *_quote(yours), ""]
    lines += [f"**{t('assessment.result', language)}** {t(f'assessment.outcome.{verdict.outcome}', language)}", ""]
    if question.type == "reflection":
        lines += [f"**{t('quiz.model_answer', language)}**", "", *_quote(question.model_answer), ""]
    elif verdict.outcome != "correct":
        lines += [f"**{t('assessment.right_answer', language)}** {plain_text(_right_answer(stem, bank, question, labels))}", ""]
    for note in verdict.feedback:
        lines += [*_quote(note), ""]
    if question.explanation:
        lines += [f"**{t('quiz.explanation', language)}**", "", *_quote(question.explanation), ""]
    return lines


def _write_outputs(out: Path, grades: QuizGrades, feedback: dict[str, list[str]], language: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "gradebook.csv", ["learner", "quiz", "lesson", "question", "answer", "correct", "score", "note"],
               ((row.learner, row.quiz, grades.lessons.get(row.quiz, ""), row.question, row.answer, row.correct,
                 row.score, row.note) for row in grades.rows), language)
    decimal = csv_format(language)["decimal"]
    totals = []
    for learner, total in grades.totals().items():
        percent = f"{100 * total['correct'] / total['out_of']:.1f}".replace(".", decimal) if total["out_of"] else ""
        totals.append((learner, total["quizzes"], total["correct"], total["out_of"], percent, total["to_mark"],
                       total["not_submitted"]))
    write_csv(out / "totals.csv", ["learner", "quizzes", "correct", "out_of", "percent", "to_mark", "not_submitted"],
               totals, language)
    write_csv(out / "problems.csv", ["file", "quiz", "problem"],
               ((problem.file, problem.quiz, problem.problem) for problem in grades.problems), language)
    folder = out / "feedback"
    folder.mkdir(exist_ok=True)
    taken: set[str] = set()
    for learner, lines in feedback.items():
        (folder / f"{file_name_for(learner, taken)}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
