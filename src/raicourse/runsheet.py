"""The class run sheet: what happens, when, in each half-day session, and what is homework.

Two sources of data, nothing typed twice:

* ``book/instructor/sessions.yaml`` says which lessons each session holds, which exercise
  notebooks are done in class, and the minutes of welcome, break and wrap-up;
* each lesson's instructor note gives its in-class timing (the ``**Timing ...**`` paragraph:
  one ``Label: N min.`` line per step) and its group activity (``**Group activity (N min): name.**``
  followed by its roles as ``- *The role* what they do``).

The notebook minutes and the self-study reading minutes come from :mod:`raicourse.lessons`
(computed from each lesson's text). :func:`run_sheet` puts it together with clock times;
the instructor guide shows it (``{run-sheet}``) and ``tests/test_runsheet.py`` checks that
every session fits its slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import yaml

__all__ = [
    "SESSIONS_FILE",
    "Activity",
    "Block",
    "Role",
    "SessionSheet",
    "Step",
    "group_activity",
    "in_class_steps",
    "instructor_note",
    "run_sheet",
]

#: The sessions of the class, relative to the book root.
SESSIONS_FILE = "book/instructor/sessions.yaml"

_NOTE = re.compile(r"^(?P<fence>:{3,})\{admonition\}[^\n]*\n:class: instructor\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S)
_TIMING = re.compile(r"^\*\*Timing[^\n]*\*\*\n(?P<body>(?:[^\n]+\n)+)", re.M)
_STEP = re.compile(r"^(?P<label>.+?): (?P<minutes>\d+)(?:–\d+)? min\b")
_ACTIVITY = re.compile(r"^\*\*Group activity \((?P<minutes>\d+) min\): (?P<name>.+?)\.?\*\*\n(?P<body>.*?)(?=^\*\*|\Z)", re.M | re.S)
_ROLE = re.compile(r"^- \*(?P<role>[^*]+)\*,? (?P<task>.+)$")


@dataclass(frozen=True)
class Step:
    """One line of a lesson's in-class timing."""

    label: str
    minutes: int
    kind: str  # "teach", "activity", "quiz" or "notebook"


@dataclass(frozen=True)
class Role:
    name: str
    task: str


@dataclass(frozen=True)
class Activity:
    """A lesson's group activity, as its instructor note describes it."""

    name: str
    minutes: int
    setup: str
    roles: tuple[Role, ...]
    steps: str


def instructor_note(path: Path) -> str:
    """The text of a lesson's instructor note (``:class: instructor`` admonition), or ``""``."""
    match = _NOTE.search(path.read_text(encoding="utf-8"))
    return match.group("body") if match else ""


def in_class_steps(note: str) -> list[Step]:
    """The steps of the ``**Timing**`` paragraph of an instructor note, with their minutes.

    A line whose first clause is not ``Label: N min`` (advice, "as homework") is not a step.
    For a range (``20–25 min``) the lower bound is kept; only the first clause of a line counts,
    so ``Quiz: 5 min; exercise notebook: 25 min`` is a 5-minute quiz (the notebook is planned
    separately, from the lesson's computed exercise minutes).
    """
    match = _TIMING.search(note)
    if not match:
        return []
    steps = []
    for line in match.group("body").splitlines():
        found = _STEP.match(line.strip())
        if not found:
            continue
        label = found.group("label").strip()
        lowered = label.lower()
        if lowered.startswith("group activity"):
            kind = "activity"
        elif lowered.startswith("quiz"):
            kind = "quiz"
        elif "notebook" in lowered:
            kind = "notebook"
        else:
            kind = "teach"
        steps.append(Step(label, int(found.group("minutes")), kind))
    return steps


def group_activity(note: str) -> Activity | None:
    """The group activity of an instructor note: name, minutes, setup, roles and steps."""
    match = _ACTIVITY.search(note)
    if not match:
        return None
    setup, roles, steps, in_steps = [], [], "", False
    for line in match.group("body").splitlines():
        line = line.strip()
        role = _ROLE.match(line)
        if role:
            roles.append(Role(role.group("role").strip(), role.group("task").strip()))
        elif line.startswith("Steps:"):
            steps = line.removeprefix("Steps:").strip()
            in_steps = True
        elif in_steps and re.match(r"^\d+\. ", line):
            steps = f"{steps} {line}".strip()
        elif line and not roles:
            setup.append(line)
    return Activity(match.group("name").strip(), int(match.group("minutes")), " ".join(setup), tuple(roles), steps)


@dataclass(frozen=True)
class Block:
    """One row of a session's run sheet."""

    start: str
    end: str
    minutes: int
    what: str
    # "welcome", "break", "wrap_up", "extra", "teach", "activity", "quiz", "notebook", "buffer", or
    # "exercise" (the exercise on the page of a lesson that has no notebook)
    kind: str
    lesson: object = None


@dataclass
class SessionSheet:
    """A session's run sheet: its rows, its homework and what to print."""

    number: int
    day: int
    half: str
    slot: int
    blocks: list[Block] = field(default_factory=list)
    lessons: list = field(default_factory=list)
    homework: list = field(default_factory=list)  # (lesson, minutes) of notebooks not done in class
    activities: list = field(default_factory=list)  # (lesson, Activity)
    untranslated: list = field(default_factory=list)  # lessons whose activity has no French yet

    @property
    def planned(self) -> int:
        """Minutes of everything planned, the buffer left out."""
        return sum(block.minutes for block in self.blocks if block.kind != "buffer")

    @property
    def start(self) -> str:
        return self.blocks[0].start

    @property
    def end(self) -> str:
        return self.blocks[-1].end


def _clock(moment: datetime, language: str = "en") -> str:
    """A time of day as a reader of ``language`` writes it: 9:00, or 9 h 00 in French."""
    if language == "fr":
        return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"
    return f"{moment.hour}:{moment.minute:02d}"


def translated_activity(root: Path, docname: str, activity: Activity) -> Activity | None:
    """A group activity in French, from its lesson's catalogue: the heading paragraph
    (``**Activité de groupe (15 min) : nom.**`` and the set-up), each role (``*Le rôle* tâche``)
    and the steps (``Étapes : …``). None when one of them has no current French: the lesson's
    trainers' material is not translated yet."""
    from raicourse.translations.book import page_translations

    strings = page_translations(root, docname)

    def french(starts: str) -> str | None:
        found = [french for english, french in strings.items() if english.startswith(starts)]
        return found[0] if len(found) == 1 else None

    heading = french(f"**Group activity ({activity.minutes} min): {activity.name}")
    match = re.match(r"^\*\*[^*]*?\(\d+ min\)\s*:\s*(?P<name>[^*]+?)\.?\*\*\s*(?P<setup>.*)$", heading or "", re.S)
    if not match:
        return None
    roles = []
    for role in activity.roles:
        found = re.match(r"^\*(?P<role>[^*]+)\*,? (?P<task>.+)$", french(f"*{role.name}*") or "", re.S)
        if not found:
            return None
        roles.append(Role(found.group("role").strip(), found.group("task").strip()))
    steps = ""
    if activity.steps:
        translated = french("Steps:")
        if not translated or ":" not in translated:
            return None
        steps = translated.split(":", 1)[1].strip()
        # Steps given as a numbered list after "Steps:": each item is its own string.
        parts = re.split(r"(?:^|\s)(\d+)\. ", activity.steps)
        for number, item in zip(parts[1::2], parts[2::2]):
            french_item = strings.get(item.strip())
            if french_item is None:
                return None
            steps = f"{steps} {number}. {french_item.strip()}".strip()
    return Activity(match.group("name").strip(), activity.minutes, match.group("setup").strip(), tuple(roles), steps)


def run_sheet(root: Path, language: str = "en") -> list[SessionSheet]:
    """Every session of ``book/instructor/sessions.yaml`` with clock times.

    The break is placed between two lessons, at the boundary closest to the middle of the slot.
    Time that is left goes to a buffer row before the wrap-up, so the wrap-up ends on the slot's end.
    In French (``language="fr"``), titles, labels and reading minutes are French; a group activity
    is named only when its lesson's trainers' material is published in French.

    Raises
    ------
    ValueError
        A session names an unknown lesson, a lesson is scheduled twice or not at all, a notebook in
        class is not one of the session's lessons, or a lesson's instructor note has no timing.
    """
    from raicourse.i18n import t
    from raicourse.lessons import lessons as find_lessons

    def label(key: str, **fields: object) -> str:
        return t(f"instructor.runsheet.row.{key}", language=language, **fields)

    trainers: set[str] = set()
    if language != "en":
        from raicourse.translations import published_trainer_pages

        trainers = set(published_trainer_pages(root))
    data = yaml.safe_load((root / SESSIONS_FILE).read_text(encoding="utf-8"))
    known = {lesson.stem: lesson for lesson in find_lessons(root, language)}
    slot = int(data["slot_minutes"])
    seen: list[str] = []
    sheets = []
    for number, session in enumerate(data["sessions"], start=1):
        sheet = SessionSheet(number, int(session["day"]), session["half"], slot)
        clock = datetime.strptime(data["starts"][session["half"]], "%H:%M")
        in_class = set(session.get("notebooks_in_class", []))
        unknown = [stem for stem in [*session["lessons"], *in_class] if stem not in known]
        if unknown or not in_class <= set(session["lessons"]):
            raise ValueError(f"session {number}: unknown lesson or notebook {sorted(set(unknown) | (in_class - set(session['lessons'])))}")

        def add(minutes: int, what: str, kind: str, lesson: object = None) -> None:
            nonlocal clock
            end = clock + timedelta(minutes=minutes)
            sheet.blocks.append(Block(_clock(clock, language), _clock(end, language), minutes, what, kind, lesson))
            clock = end

        # Lessons as lists of blocks first, to place the break between two of them.
        chunks: list[list[tuple[int, str, str, object]]] = []
        for extra in session.get("extras", []):
            text = extra["label"] if isinstance(extra["label"], str) else extra["label"].get(language, extra["label"]["en"])
            chunks.append([(int(extra["minutes"]), text, "extra", None)])
        for stem in session["lessons"]:
            lesson = known[stem]
            seen.append(stem)
            note = instructor_note(lesson.path)
            steps = [step for step in in_class_steps(note) if step.kind != "notebook"]
            if not steps:
                raise ValueError(f"{stem}: its instructor note has no **Timing** paragraph with minutes")
            activity = group_activity(note)
            if activity and language != "en":
                activity = translated_activity(root, lesson.docname, activity) if lesson.docname in trainers else None
                if activity is None:
                    sheet.untranslated.append(lesson)
            if activity:
                sheet.activities.append((lesson, activity))
            chunk = []
            teach = sum(step.minutes for step in steps if step.kind == "teach")
            chunk.append((teach, label("teach", title=lesson.title), "teach", lesson))
            for step in steps:
                if step.kind == "activity":
                    if activity:
                        chunk.append((step.minutes, label("activity", name=activity.name), "activity", lesson))
                    elif language == "en":
                        chunk.append((step.minutes, label("activity", name=step.label), "activity", lesson))
                    else:
                        chunk.append((step.minutes, label("activity_unnamed"), "activity", lesson))
                elif step.kind == "quiz":
                    chunk.append((step.minutes, label("quiz"), "quiz", lesson))
            # A lesson without a notebook (reskilling, ai_ecosystems) has its exercise on the page.
            notebook = (root / "exercises" / f"{stem}.ipynb").is_file()
            if stem in in_class and notebook:
                chunk.append((lesson.exercises, label("notebook", stem=stem), "notebook", lesson))
            elif stem in in_class:
                chunk.append((lesson.exercises, label("exercise_on_page"), "exercise", lesson))
            else:
                sheet.homework.append((lesson, lesson.exercises))
            sheet.lessons.append(lesson)
            chunks.append(chunk)
        totals = [sum(item[0] for item in chunk) for chunk in chunks]
        middle = (slot - data["welcome"] - data["wrap_up"] - data["break"]) / 2
        cut = min(range(1, len(chunks) + 1) if len(chunks) > 1 else [1],
                  key=lambda index: abs(sum(totals[:index]) - middle))
        add(int(data["welcome"]), label("welcome"), "welcome")
        for index, chunk in enumerate(chunks):
            if index == cut:
                add(int(data["break"]), label("break"), "break")
            for minutes, what, kind, lesson in chunk:
                add(minutes, what, kind, lesson)
        if cut >= len(chunks):
            add(int(data["break"]), label("break"), "break")
        spare = slot - sheet.planned - int(data["wrap_up"])
        if spare > 0:
            add(spare, label("buffer"), "buffer")
        add(int(data["wrap_up"]), label("wrap_up"), "wrap_up")
        sheets.append(sheet)
    missing = [stem for stem in known if stem not in seen]
    twice = sorted({stem for stem in seen if seen.count(stem) > 1})
    if missing or twice:
        raise ValueError(f"lessons not scheduled: {missing}; scheduled twice: {twice}")
    return sheets
