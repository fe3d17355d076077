"""PyTorch's padding modes (``nn.Conv2d(padding_mode=...)``): what the padding cells hold.

``zeros`` pads with 0; ``reflect`` mirrors the input without repeating its edge;
``replicate`` repeats the edge; ``circular`` wraps around. The last three are numpy's
``reflect``, ``edge`` and ``wrap``. PyTorch refuses a reflection as wide as the input and a
wrap wider than it; the sentences say what to change.
"""

from __future__ import annotations

import numpy as np

from app.core.parameters import PADDING_MODES, ConfigError, PaddingMode

__all__ = ["PADDING_MODES", "PaddingMode", "check_padding_mode", "pad"]
_NUMPY = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}

Sides = tuple[tuple[int, int], ...]  # (before, after) per axis: ((top, bottom), (left, right))


# The axes' names by how many there are: a 1-D layer's length, a 3-D layer's depth first.
_NAMES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


def check_padding_mode(mode: PaddingMode, sides: Sides, i: tuple[int, ...]) -> None:
    """PyTorch's rules for F.pad's modes, per axis and side (one (before, after) and one
    size per axis, depth first)."""
    for axis, name in enumerate(_NAMES[len(sides)]):
        widest = max(sides[axis])
        if mode == "reflect" and widest >= i[axis]:
            raise ConfigError(
                "padding_mode",
                f"refusal.reflect_{name}",
                size=i[axis],
                padding=widest,
                most=i[axis] - 1,
            )
        if mode == "circular" and widest > i[axis]:
            raise ConfigError(
                "padding_mode", f"refusal.circular_{name}", size=i[axis], padding=widest
            )


def pad(x: np.ndarray, sides: Sides, mode: PaddingMode) -> np.ndarray:
    """``x`` padded as PyTorch pads it (the sides already checked)."""
    if mode == "zeros":
        return np.pad(x, sides, mode="constant", constant_values=0.0)
    padded: np.ndarray = np.pad(x, sides, mode=_NUMPY[mode])  # type: ignore[call-overload]
    return padded
