"""Helpers shared by the dataset generators."""

from __future__ import annotations

import numpy as np

__all__ = ["DEFAULT_SEED", "make_rng", "sigmoid"]

#: The seed every lesson uses unless it asks for another sample.
DEFAULT_SEED = 2026


def make_rng(seed: int | None) -> np.random.Generator:
    """A numpy random generator; ``None`` means the course's default seed, never "random"."""
    return np.random.default_rng(DEFAULT_SEED if seed is None else seed)


def sigmoid(values: np.ndarray) -> np.ndarray:
    """The logistic function, turning a score into a probability."""
    return 1.0 / (1.0 + np.exp(-values))
