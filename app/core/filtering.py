"""A kernel applied to a picture, exactly as PyTorch's ``F.conv2d`` applies it: a
cross-correlation (the kernel is not flipped) over the padded picture, with the
configuration's stride, dilation, padding sides and padding mode; then the result made
displayable (a convolution's output is any real number, a picture's pixel 0 to 255).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from app.core.arithmetic import conv_output
from app.core.extents import effective_kernel
from app.core.limits import IMAGE_LIMITS
from app.core.padmodes import check_padding_mode, pad
from app.core.parameters import ConfigError
from app.core.params import Config, Pair

DisplayScale = Literal["clip", "abs", "normalize"]
ScaleChoice = Literal["auto", "clip", "abs", "normalize"]
# A constant output stretched by 'normalize' has no range to stretch: mid grey says "flat".
FLAT_GREY = 128


def output_shape(config: Config) -> Pair:
    """Relationship 15 per axis, with the padding's sides."""
    shape = [
        conv_output(
            config.i[axis],
            *config.padding.axis(axis),
            effective_kernel(config.k[axis], config.d[axis]),
            config.s[axis],
        )
        for axis in (0, 1)
    ]
    return (shape[0], shape[1])


def check_filter_work(config: Config) -> None:
    """The padded picture and the multiply-adds within the documented limits."""
    ph = config.i[0] + config.padding.top + config.padding.bottom
    pw = config.i[1] + config.padding.left + config.padding.right
    if ph * pw > IMAGE_LIMITS.max_padded:
        raise ConfigError(
            "p", "refusal.padded_picture", h=ph, w=pw, limit=f"{IMAGE_LIMITS.max_padded:,}"
        )
    oh, ow = output_shape(config)
    work = oh * ow * config.k[0] * config.k[1]
    if work > IMAGE_LIMITS.max_work:
        raise ConfigError(
            "k",
            "refusal.filter_work",
            work=f"{work:,}",
            oh=oh,
            ow=ow,
            kh=config.k[0],
            kw=config.k[1],
            limit=f"{IMAGE_LIMITS.max_work:,}",
        )


def filter_image(image: np.ndarray, weight: np.ndarray, config: Config) -> np.ndarray:
    """``F.conv2d`` of a greyscale picture (H, W), or of each channel of (H, W, 3), with one
    (kh, kw) kernel and no bias, in float64, padded in ``config.padding_mode``.
    ``config.i`` is the picture's size and ``config.k`` the kernel's."""
    if image.ndim == 3:
        channels = [filter_image(image[..., c], weight, config) for c in range(image.shape[2])]
        return np.stack(channels, axis=-1)
    assert image.shape == config.i and weight.shape == config.k
    sides = (config.padding.axis(0), config.padding.axis(1))
    check_padding_mode(config.padding_mode, sides, config.i)
    padded = pad(image.astype(np.float64), sides, config.padding_mode)
    (oh, ow), (sh, sw), (dh, dw) = output_shape(config), config.s, config.d
    out = np.zeros((oh, ow))
    term = np.empty_like(out)
    # One strided view of the padded picture per tap: numpy does the per-pixel loop.
    for (a, b), w in np.ndenumerate(weight):
        if w == 0.0:
            continue  # a zero tap adds nothing (the identity is one tap)
        r, c = a * dh, b * dw
        window = padded[r : r + (oh - 1) * sh + 1 : sh, c : c + (ow - 1) * sw + 1 : sw]
        np.multiply(window, w, out=term)
        out += term
    return out


def sums_to_zero(weight: np.ndarray) -> bool:
    """Weights that cancel on a flat region (edge detectors), up to rounding."""
    return bool(abs(weight.sum()) <= 1e-9 * max(1.0, float(np.abs(weight).sum())))


def resolve_scale(choice: ScaleChoice, weight: np.ndarray) -> DisplayScale:
    """``auto``: ``abs`` for a kernel whose weights sum to 0 (its output is signed, centred
    on 0), else ``clip``."""
    if choice == "auto":
        return "abs" if sums_to_zero(weight) else "clip"
    return choice


def to_display(out: np.ndarray, scale: DisplayScale) -> np.ndarray:
    """The output as uint8 pixels, rounded to the nearest: ``clip`` keeps 0 to 255, ``abs``
    takes magnitudes first, ``normalize`` stretches min..max to 0..255 (a constant output
    shows as mid grey, ``FLAT_GREY``)."""
    if scale == "abs":
        shown = np.abs(out)
    elif scale == "normalize":
        low, high = float(out.min()), float(out.max())
        # Rounding in the sums must not be stretched into stripes.
        if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):
            return np.full(out.shape, FLAT_GREY, dtype=np.uint8)
        shown = (out - low) * (255.0 / (high - low))
    else:
        shown = out
    pixels: np.ndarray = np.clip(np.rint(shown), 0, 255).astype(np.uint8)
    return pixels
