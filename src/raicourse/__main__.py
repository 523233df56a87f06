"""Command line: ``python -m raicourse <command>`` (also installed as ``raicourse``).

Commands
--------
grade SUBMISSIONS_DIR
    Run and grade submitted exercise notebooks (see :mod:`raicourse.grading`).
grade-quizzes EXPORTS_DIR
    Score the answer files of the assessment edition's quizzes (see :mod:`raicourse.grading.quizzes`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from raicourse import __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``raicourse`` command."""
    from raicourse.grading import DEFAULT_DISK_MB, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

    parser = argparse.ArgumentParser(prog="raicourse", description="Tools for the Responsible AI course.")
    parser.add_argument("--version", action="version", version=f"raicourse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    grade = commands.add_parser(
        "grade",
        help="grade submitted exercise notebooks (SUBMISSIONS_DIR/<learner>/<exercise>.ipynb)",
        description="Run each submitted notebook in a throw-away copy with a timeout and a memory cap, "
        "evaluate the answers with the course checkers, and write gradebook.csv and one feedback file "
        "per learner. On Linux each notebook runs in a bubblewrap sandbox (no network, none of your files); "
        "where bubblewrap is missing the grader stops unless you add --no-sandbox.",
    )
    grade.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR")
    grade.add_argument("--out", type=Path, default=None, help="output folder (default: SUBMISSIONS_DIR-graded)")
    grade.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds per cell (default: %(default)s)")
    grade.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB,
                       help="memory cap of each notebook's kernel in MB (default: %(default)s)")
    grade.add_argument("--exercise", action="append", dest="exercises", metavar="STEM",
                       help="an exercise every learner must hand in (repeatable; default: every exercise that at least one learner handed in)")
    grade.add_argument("--lang", choices=("en", "fr"), default=None, help="language of the feedback")
    grade.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="notebooks graded at once (default: the number of CPU cores)")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run the notebooks without the sandbox, with your rights (only for work you trust)")
    grade.add_argument("--disk-mb", type=int, default=DEFAULT_DISK_MB,
                       help="writable space of each sandbox in MB (default: %(default)s)")
    quizzes = commands.add_parser(
        "grade-quizzes",
        help="score the quiz answer files of the assessment edition (EXPORTS_DIR/*.json)",
        description="Score each answers file that learners downloaded from the assessment edition's "
        "'My progress' page against the course's quiz banks, and write gradebook.csv, problems.csv and one "
        "feedback file per learner. A file that is not an answers file is reported and skipped.",
    )
    quizzes.add_argument("exports", type=Path, metavar="EXPORTS_DIR")
    quizzes.add_argument("--out", type=Path, default=None, help="output folder (default: EXPORTS_DIR-graded)")
    quizzes.add_argument("--lang", choices=("en", "fr"), default=None, help="language of the messages and feedback")
    return parser


def _grade(args: argparse.Namespace) -> int:
    from raicourse.grading import default_jobs, grade_submissions, sandbox_problem
    from raicourse.i18n import set_language, t

    if args.lang:
        set_language(args.lang)
    submissions = args.submissions.resolve()
    if not submissions.is_dir() or not any(p.is_dir() for p in submissions.iterdir()):
        print(t("checks.grading.no_submissions", folder=str(args.submissions)), file=sys.stderr)
        return 2
    out = (args.out or submissions.with_name(submissions.name + "-graded")).resolve()
    jobs = args.jobs or default_jobs()
    problem = None if args.no_sandbox else sandbox_problem()
    if problem is not None:
        print(t("checks.grading.no_sandbox", reason=problem), file=sys.stderr)
        return 2
    mode = "checks.grading.mode_no_sandbox" if args.no_sandbox else "checks.grading.mode_sandbox"
    print(t(mode, jobs=jobs), flush=True)
    rows = grade_submissions(submissions, out, exercises=args.exercises, timeout=args.timeout,
                             memory_mb=args.memory_mb, language=args.lang, jobs=jobs,
                             sandbox=not args.no_sandbox, disk_mb=args.disk_mb)
    notebooks = {(row.learner, row.exercise) for row in rows}
    learners = {row.learner for row in rows}
    print(t("checks.grading.summary", notebooks=len(notebooks), learners=len(learners),
            gradebook=str(out / "gradebook.csv"), feedback=str(out / "feedback")))
    return 0


def _grade_quizzes(args: argparse.Namespace) -> int:
    from raicourse.grading.quizzes import grade_quiz_exports
    from raicourse.i18n import set_language, t

    if args.lang:
        set_language(args.lang)
    exports = args.exports.resolve()
    if not exports.is_dir():
        print(t("assessment.no_exports", folder=str(args.exports)), file=sys.stderr)
        return 2
    out = (args.out or exports.with_name(exports.name + "-graded")).resolve()
    grades = grade_quiz_exports(exports, out, language=args.lang)
    for problem in grades.problems:
        where = f"{problem.file} [{problem.quiz}]" if problem.quiz else problem.file
        print(t("assessment.problem_line", file=where, problem=problem.problem), file=sys.stderr)
    print(t("assessment.summary", files=len(grades.learners), problems=len(grades.problems),
            totals=str(out / "totals.csv"), gradebook=str(out / "gradebook.csv"), feedback=str(out / "feedback")))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``raicourse`` command; return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "grade":
        return _grade(args)
    if args.command == "grade-quizzes":
        return _grade_quizzes(args)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
