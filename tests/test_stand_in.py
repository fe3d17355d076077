"""A refused link opens on the nearest valid figure, with the engine's sentence and what was
changed, in English and Korean; far from any figure, on the default one."""

from __future__ import annotations

import html
import json

import pytest
from fastapi.testclient import TestClient


def _initial(page: str) -> dict[str, object]:
    block = page.split('<script type="application/json" id="initial-state">')[1]
    state: dict[str, object] = json.loads(html.unescape(block.split("</script>")[0]))
    return state


@pytest.mark.parametrize(
    ("lang", "changes"),
    [
        ("en", "Showing the nearest valid figure: k = 4 instead of 9."),
        ("ko", "가장 가까운 유효한 그림을 대신 보여 줍니다(k: 9 대신 4)."),
    ],
)
def test_a_refused_link_opens_on_the_nearest_figure(
    client: TestClient, lang: str, changes: str
) -> None:
    state = _initial(client.get(f"/?op=conv&i=4&k=9&lang={lang}").text)
    assert state["query"] == "op=conv&i=4&k=4&s=1&p=0"
    data = state["data"]
    assert isinstance(data, dict) and data["output_shape"] == [1, 1]
    error = state["error"]
    assert isinstance(error, str)
    assert error.endswith(changes)
    assert "(k=9, d=1)" in error and state["stand_in"] == "share.stand_in_nearest"
    assert state["step"] is None


def test_several_changes_are_named_in_order(client: TestClient) -> None:
    error = _initial(client.get("/?op=pool&i=4&k=9").text)["error"]
    assert isinstance(error, str)
    assert error.endswith("op = conv instead of pool; k = 4 instead of 9.")


def test_a_nearest_figure_too_large_to_draw_keeps_its_arithmetic(client: TestClient) -> None:
    state = _initial(client.get("/?op=conv&i=5000&k=3").text)
    assert state["query"] == "op=conv&i=4096&k=3&s=1&p=0"
    assert state["undrawable"] is not None
    assert "i = 4096 instead of 5000" in str(state["error"])


def test_a_quoted_value_is_cut_short(client: TestClient) -> None:
    # Not a number the parser reads (over six digits): the default kernel size.
    long = "9" * 30
    error = str(_initial(client.get(f"/?op=conv&i=4&k={long}").text)["error"])
    assert error.endswith(f"k = 3 instead of {'9' * 24}….")


def test_a_valid_link_has_no_stand_in(client: TestClient) -> None:
    state = _initial(client.get("/?op=conv&i=4&k=3").text)
    assert state["error"] is None and state["stand_in"] is None
