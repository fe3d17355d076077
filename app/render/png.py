"""Pixels as PNG bytes: image mode's pictures."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image


def grey_png(pixels: np.ndarray) -> bytes:
    """An (H, W) uint8 array (Pillow reads it as mode L) as a greyscale PNG, pixel for pixel."""
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG")
    return buffer.getvalue()
