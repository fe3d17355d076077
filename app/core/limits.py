"""Documented size limits; every request is checked against them before any work starts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DrawingBounds:
    """How much one form of the frames may hold: the drawn grid (the padded or stretched
    input, or the scatter view's canvas) per side, the frames (output cells; input units in
    the scatter view), and frames times kernel cells (the cell references a per-frame listing
    names, and the multiply-adds the numbers take)."""

    grid: int
    frames: int
    cells: int

    @property
    def volume(self) -> int:
        """A 3-D grid's cells in all: a plane's largest grid. Every matrix of a 3-D answer
        (the input, the grid, the output) is one number per cell of at most this many."""
        return self.grid * self.grid


# The compact form (the page's): the answer is a kernel pattern, row and column origins and
# flat numbers, so its size grows with the grid and the output, not with the frames' cells.
# The largest (a 512 grid, 262,144 steps, or 16.7 million multiply-adds) answers its first
# request in 15-40 ms of CPU (2-core development machine; benchmarks/first_answer.py).
# A 3-D grid is held to a plane's largest grid in all (DrawingBounds.volume): 64³ cells,
# whose largest answers take 11-40 ms.
COMPACT = DrawingBounds(grid=512, frames=512 * 512, cells=512 * 512 * 64)
# The verbose form lists every frame's cells: its bytes and its first answer grow with the
# references (3.3 MB and ~36 ms of CPU at 262,144), so they keep today's bounds; past them
# the sentence says to ask for the compact form.
VERBOSE = DrawingBounds(grid=160, frames=16_384, cells=262_144)
# Pictures (/render/*) draw every cell of every frame with Pillow; today's bounds, with the
# pictures' own budget on pixels and GIF frames (app/render/budget.py) on top.
PICTURES = DrawingBounds(grid=160, frames=16_384, cells=262_144)


@dataclass(frozen=True)
class Limits:
    # The arithmetic's bounds: real layers (AlexNet's 227×227 input and 11×11 kernel at
    # stride 4) and well past them. Its work does not grow with the sizes (shapes are a few
    # integer operations, slider bounds a bisection), so these bound only the numbers.
    max_input: int = 4096
    max_kernel: int = 4096
    max_stride: int = 4096
    max_dilation: int = 4096
    max_padding: int = 4096
    # The drawing's bounds (/api/frames, /api/scatter, /render/*; the arithmetic answers past
    # them), one set per way of sending or drawing the frames: see DrawingBounds.
    compact: DrawingBounds = COMPACT
    verbose: DrawingBounds = VERBOSE
    pictures: DrawingBounds = PICTURES
    # The matrix view's listings (/api/matrix): weights placed, and im2col's taps. The page
    # draws at most 64 × 64 cells; 65,536 entries (a 256×256 input under a 1×1 kernel) take
    # about half the time of the largest frames answer, and past them the sizes and counts
    # are still answered.
    max_matrix_entries: int = 65_536

    def describe(self) -> str:
        c, v, g = self.compact, self.verbose, self.pictures
        return (
            f"Limits: input up to {self.max_input} per side; kernel up to {self.max_kernel}; "
            f"stride and output padding up to {self.max_stride}; dilation up to "
            f"{self.max_dilation}; padding up to {self.max_padding}. Drawing (frames and the "
            f"scatter view): the drawn grid (or canvas) up to {c.grid} per side, output cells "
            f"(input units in the scatter view) up to {c.frames:,} and those × kernel cells up "
            f"to {c.cells:,} with form=compact; the verbose form (the default, every frame's "
            f"cells listed) up to {v.grid} per side, {v.frames:,} and {v.cells:,}. Pictures "
            f"(/render/*): up to {g.grid} per side, {g.frames:,} and {g.cells:,}. A 3-D "
            f"layer's bounds hold on every axis (steps od·oh·ow, cells steps·kd·kh·kw), and "
            f"its grid's cells in all up to a plane's largest grid: {c.volume:,} with "
            f"form=compact, {v.volume:,} verbose. "
            "A layer past a drawing limit gets a 422 with reason 'drawing'; "
            "/api/arithmetic still answers it."
        )


LIMITS = Limits()


@dataclass(frozen=True)
class ImageLimits:
    """Image mode's bounds (/api/filter): an upload is hostile until decoded, and a
    convolution's work grows with the picture's area times the kernel's taps."""

    # The request body, read into memory and never spooled to disk: a phone's JPEG is 2 to
    # 4 MB, and a 512-pixel PNG (the working size) well under 1 MB.
    max_body: int = 4 * 1024 * 1024
    # Read from the header before decoding: a 25-megapixel picture decodes to 25 MB grey
    # (75 MB in colour); larger is a camera's raw size or a decompression bomb.
    max_pixels: int = 25_000_000
    # Uploads are shrunk to fit this many pixels per side before filtering: the page shows
    # the picture at true size, and the work grows with the area.
    working_size: int = 512
    # Output pixels times kernel taps (multiply-adds): 512×512 with a 31×31 kernel, ~0.1 s
    # (2-core development machine).
    max_work: int = 512 * 512 * 31 * 31
    # The padded picture's pixels, held as float64 (8 MB): padding up to half the working
    # size on every side.
    max_padded: int = 1024 * 1024
    # Uploads decoded at once: a 25-megapixel PNG decodes whole (up to 75 MB) before it is
    # shrunk, so a burst of them must queue rather than all hold memory together; one
    # waiting longer than the queue's seconds is told to retry.
    concurrent_decodes: int = 2
    queue_seconds: float = 10.0

    def describe(self) -> str:
        return (
            f"Uploads: a multipart/form-data body of at most {self.max_body:,} bytes, its "
            f"field `image` a PNG or JPEG of at most {self.max_pixels:,} pixels, shrunk to "
            f"fit {self.working_size}×{self.working_size} and made greyscale. Work: output "
            f"pixels × kernel taps up to {self.max_work:,}; the padded picture up to "
            f"{self.max_padded:,} pixels. At most {self.concurrent_decodes} uploads are "
            f"decoded at once; one that waits over {self.queue_seconds:g} s gets a 503."
        )


IMAGE_LIMITS = ImageLimits()
