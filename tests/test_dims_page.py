"""The main page of a 1-D or 3-D layer as the server writes it: the title and link previews
name the layer's own sizes, the dims control is checked, and the size rows are the layer's
(worked by hand; PyTorch's Conv1d/Conv3d give the same output sizes)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


def _title(page: str) -> str:
    found = re.search(r"<title>([^<]*)</title>", page)
    assert found
    return found.group(1)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        # 3-D: o = 4 − 3 + 1 = 2 in depth, 6 − 3 + 1 = 4 on the plane.
        (
            "op=conv&dims=3&i=4,6,6&k=3",
            "Convolution: input 4×6×6, kernel 3×3×3, stride 1, padding 0 → output 2×4×4",
        ),
        # 1-D causal: d(k − 1) = 4 zeros on the left keep the length 16.
        (
            "op=conv&dims=1&i=16&k=3&p=causal&d=2",
            "Convolution: input 16, kernel 3, stride 1, padding causal, dilation 2 → output 16",
        ),
        # 2-D as before: (5 − 5 + 1) × (7 − 5 + 1).
        (
            "op=conv&i=5,7&k=3&d=2",
            "Convolution: input 5×7, kernel 3×3, stride 1, padding 0, dilation 2 → output 1×3",
        ),
    ],
)
def test_the_title_names_the_layers_own_sizes(client: TestClient, query: str, title: str) -> None:
    assert _title(client.get(f"/?{query}").text) == f"{title} · convarith"


def test_the_dims_control_is_the_layers_and_no_count_box(client: TestClient) -> None:
    page = client.get("/?op=conv&dims=3&i=4,6,6&k=3").text
    assert re.search(r'name="dims" value="3" checked', page)
    assert 'id="dims-count"' not in page
    # The depth row is shown with its value; linked off (the axes differ).
    depth = re.search(
        r'<div class="axis" data-axis="2">.*?id="i-2-number"[^>]*value="(\d+)"', page, re.S
    )
    assert depth and depth.group(1) == "4"
    strip = client.get("/?op=conv&dims=1&i=9&k=3").text
    assert re.search(r'name="dims" value="1" checked', strip)
    # One axis: the width's row alone, with the length.
    assert re.search(r'<div class="axis" data-axis="0" hidden>', strip)
    assert re.search(r'<div class="axis" data-axis="2" hidden>', strip)
    width = re.search(
        r'<div class="axis" data-axis="1">.*?id="i-1-number"[^>]*value="(\d+)"', strip, re.S
    )
    assert width and width.group(1) == "9"
