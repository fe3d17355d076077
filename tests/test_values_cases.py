"""The page's reading and writing of numbers (static/js/values.js) and the engine's
(app/core/matrices.py, kernels.py) are held to one table: tests/cases/values.json, which
tests/js/values.test.mjs reads too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.kernels import check_preset
from app.core.matrices import number_text, parse_matrix
from app.core.parameters import ConfigError

CASES = json.loads((Path(__file__).parent / "cases" / "values.json").read_text("utf-8"))


@pytest.mark.parametrize(("value", "text"), CASES["number_text"])
def test_number_text(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(("text", "value"), CASES["entry"])
def test_a_typed_value(text: str, value: float | None) -> None:
    if value is None:
        with pytest.raises(ConfigError):
            parse_matrix("x", text, 4)
    else:
        assert parse_matrix("x", text, 4) == ((value,),)


@pytest.mark.parametrize(("name", "k", "takes"), CASES["preset_takes"])
def test_preset_sizes(name: str, k: list[int], takes: bool) -> None:
    try:
        check_preset(name, (k[0], k[1]))
    except ConfigError:
        assert not takes
    else:
        assert takes
