"""Text helpers shared by the checkers and the quizzes."""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower case without accents, for comparing what learners type: ``"Élevé"`` -> ``"eleve"``.

    Unicode decomposition (NFD) splits each accented letter into its letter and its accent,
    and the accents (combining marks) are dropped, so every accent of every language is
    handled, not a hand-made list.
    """
    decomposed = unicodedata.normalize("NFD", str(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
