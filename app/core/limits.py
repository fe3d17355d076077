"""Documented size limits; every request is checked against them before any work starts."""

from __future__ import annotations

from dataclasses import dataclass


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
    # The drawing's bounds (/api/frames, /api/scatter, /render/*); the arithmetic answers past
    # them. The drawn grid (padded or stretched input), per side. The page draws one SVG rect per
    # cell: in headless Chromium a step took ~140 ms at 160×160 and ~500 ms at 256×256, and a
    # 509×509 grid never finished loading (2-core development machine).
    max_grid: int = 160
    # Output cells times kernel cells: the number of cell references /api/frames returns.
    max_frame_cells: int = 262_144
    # Output cells, one frame (animation step) each: a 128×128 output. A strided transposed
    # 1×1 kernel otherwise asks for 259,081 frames (20 MB of JSON, ~4 s per request).
    max_frames: int = 16_384
    # The matrix view's listings (/api/matrix): weights placed, and im2col's taps. The page
    # draws at most 64 × 64 cells; 65,536 entries (a 256×256 input under a 1×1 kernel) take
    # about half the time of the largest frames answer, and past them the sizes and counts
    # are still answered.
    max_matrix_entries: int = 65_536

    def describe(self) -> str:
        return (
            f"Limits: input up to {self.max_input} per side; kernel up to {self.max_kernel}; "
            f"stride and output padding up to {self.max_stride}; dilation up to "
            f"{self.max_dilation}; padding up to {self.max_padding}. Drawing (frames, the "
            f"scatter view, pictures): the drawn grid up to {self.max_grid} per side; for "
            f"frames, output cells up to {self.max_frames:,} and output cells × kernel cells "
            f"up to {self.max_frame_cells:,}. A 64×64 input "
            "fits with any kernel up to 7×7 and padding up to k − 1 (a transposed convolution "
            "only at stride 1). A layer past a drawing limit gets a 422 with reason 'drawing'; "
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
