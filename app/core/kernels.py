"""Named kernels (``w=sobel_x``): the image filters course notes show (seed 004) — blur,
sharpen, emboss, outline — and the edge detectors. PyTorch's convolution does not flip the
kernel (cross-correlation), so each is written as it lies over the input: ``sobel_x`` answers
positive where the image brightens to the right.
"""

from __future__ import annotations

from math import comb

import numpy as np

from app.core.parameters import MAX_VALUES, PRESETS, ConfigError

# The fixed 3×3 ones. Blurs and the identity take any size (the identity an odd one).
_FIXED: dict[str, tuple[tuple[int, ...], ...]] = {
    "sharpen": ((0, -1, 0), (-1, 5, -1), (0, -1, 0)),
    "emboss": ((-2, -1, 0), (-1, 1, 1), (0, 1, 2)),
    "outline": ((-1, -1, -1), (-1, 8, -1), (-1, -1, -1)),
    "sobel_x": ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1)),
    "sobel_y": ((-1, -2, -1), (0, 0, 0), (1, 2, 1)),
    "laplacian": ((0, 1, 0), (1, -4, 1), (0, 1, 0)),
}
PRESET_SIZE = (3, 3)  # a preset's size when the link gives no k


def _binomial(n: int) -> np.ndarray:
    """Row n−1 of Pascal's triangle: the discrete Gaussian of width n."""
    return np.array([comb(n - 1, j) for j in range(n)], dtype=np.float64)


# The presets that come in one size only (3×3): a 1-D kernel cannot hold them.
FIXED_PRESETS = frozenset(_FIXED)


def check_preset(name: str, k: tuple[int, int], dims: int = 2) -> None:
    """A ConfigError naming ``w`` unless the preset comes in size ``k`` (the plane's: a 1-D
    kernel is one row high, and its sentences name k as a 1-D link writes it, one number)."""
    if name not in PRESETS:
        raise ConfigError("w", "refusal.weights", presets=", ".join(PRESETS), got=repr(name[:40]))
    if name in _FIXED and k != PRESET_SIZE:
        raise ConfigError("w", "refusal.preset_size", name=name)
    written = str(k[1]) if dims == 1 else f"{k[0]},{k[1]}"
    if name == "identity" and (k[0] % 2 == 0 or k[1] % 2 == 0):
        raise ConfigError("w", "refusal.identity_odd", k=written)
    if k[0] * k[1] > MAX_VALUES:
        raise ConfigError(
            "w",
            "refusal.preset_weights",
            name=name,
            k=written,
            count=f"{k[0] * k[1]:,}",
            limit=f"{MAX_VALUES:,}",
        )


def preset(name: str, k: tuple[int, int]) -> np.ndarray:
    """The preset's weights at kernel size ``k`` (checked first)."""
    check_preset(name, k)
    if name in _FIXED:
        return np.array(_FIXED[name], dtype=np.float64)
    if name == "box_blur":
        return np.full(k, 1.0 / (k[0] * k[1]))
    if name == "gaussian_blur":
        g = np.outer(_binomial(k[0]), _binomial(k[1]))
        weights: np.ndarray = g / g.sum()
        return weights
    out = np.zeros(k)  # the identity
    out[k[0] // 2, k[1] // 2] = 1.0
    return out
