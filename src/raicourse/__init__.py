"""raicourse — the Python package of the course "Responsible AI — innovation, skills, ethics".

Subpackages
-----------
quiz
    Quiz banks (YAML) and the quiz widget that checks answers in the browser.
explore
    Explorable widgets (a control, a chart, a text summary).
checks
    The ``q1.check()`` / ``hint()`` / ``solution()`` framework, one module per exercise.
data
    Seeded synthetic datasets, each documented by a datasheet.
"""

from raicourse.i18n import get_language, set_language

__all__ = ["__version__", "get_language", "set_language"]
__version__ = "0.1.0"
