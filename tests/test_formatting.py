"""app/core/formatting.py against the table of cases static/js/format.js is held to as well
(tests/js/format.test.mjs), so the page and the pictures write numbers alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.core.formatting import format_value, pair_query, pair_scalar, pair_size

CASES: dict[str, list[list[Any]]] = json.loads(
    (Path(__file__).parent / "cases" / "format.json").read_text("utf-8")
)


@pytest.mark.parametrize(("pair", "expected"), CASES["pair_query"])
def test_pair_query(pair: list[int], expected: str) -> None:
    assert pair_query((pair[0], pair[1])) == expected


@pytest.mark.parametrize(("pair", "expected"), CASES["pair_size"])
def test_pair_size(pair: list[int], expected: str) -> None:
    assert pair_size((pair[0], pair[1])) == expected


@pytest.mark.parametrize(("pair", "expected"), CASES["pair_scalar"])
def test_pair_scalar(pair: list[int], expected: str) -> None:
    assert pair_scalar((pair[0], pair[1])) == expected


@pytest.mark.parametrize(("value", "decimals", "expected"), CASES["format_value"])
def test_format_value(value: float | None, decimals: bool, expected: str) -> None:
    assert format_value(value, decimals) == expected
