"""The engine's query parameters, declared once so the API, renders and pages share them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from app.core.limits import LIMITS
from app.core.params import RawQuery

_SIZE = "A whole number N, or H,W for height and width."


def raw_query(
    op: Annotated[
        str | None,
        Query(
            description="conv (nn.Conv2d), transpose (nn.ConvTranspose2d), maxpool "
            "(nn.MaxPool2d) or avgpool (nn.AvgPool2d). Default conv.",
            max_length=64,
        ),
    ] = None,
    i: Annotated[
        str | None,
        Query(
            description=f"Input size. {_SIZE} 1 to {LIMITS.max_input}. Default 5.", max_length=64
        ),
    ] = None,
    k: Annotated[
        str | None,
        Query(
            description=f"Kernel size. {_SIZE} 1 to {LIMITS.max_kernel}. Default 3.", max_length=64
        ),
    ] = None,
    s: Annotated[
        str | None,
        Query(
            description=f"Stride. {_SIZE} 1 to {LIMITS.max_stride}. Default 1 (pooling: "
            "the kernel size, as PyTorch).",
            max_length=64,
        ),
    ] = None,
    p: Annotated[
        str | None,
        Query(
            description=f"Padding. {_SIZE} 0 to {LIMITS.max_padding}; or valid (0), same "
            "(PyTorch's, convolution with stride 1 only; an odd total puts the extra cell "
            "bottom/right), full (d(k−1) each side) or half (⌊k/2⌋). Pooling: at most "
            "⌊k/2⌋. Default 0.",
            max_length=64,
        ),
    ] = None,
    d: Annotated[
        str | None,
        Query(
            description=f"Dilation. {_SIZE} 1 to {LIMITS.max_dilation}. Default 1 "
            "(average pooling has none).",
            max_length=64,
        ),
    ] = None,
    a: Annotated[
        str | None,
        Query(
            description=f"Output padding, transposed convolution only. {_SIZE} 0 to "
            f"{LIMITS.max_stride}, and smaller than the stride or the dilation. Default 0.",
            max_length=64,
        ),
    ] = None,
    ceil: Annotated[
        str | None,
        Query(description="Pooling only: 1 for ceil_mode. Default 0.", max_length=64),
    ] = None,
) -> RawQuery:
    return RawQuery(op=op, i=i, k=k, s=s, p=p, d=d, a=a, ceil=ceil)


RawQueryDep = Annotated[RawQuery, Depends(raw_query)]
