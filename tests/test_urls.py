"""app/web/urls.py against the table of URLs static/js/urls.js is held to as well
(tests/js/urls.test.mjs): the server and the page write the same links."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.params import Config
from app.web import urls
from app.web.image_page import ImageLink

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "urls.json").read_text("utf-8")
)["links"]


def _link(case: dict[str, Any]) -> urls.Link:
    settings = case["settings"]
    return urls.Link(
        Config.from_query(case["query"]),
        numbers=settings.get("numbers", False),
        view=settings.get("view", "direct"),
        step=settings.get("step"),
        lang=settings.get("lang"),
        image=ImageLink(**settings.get("image", {})),
        present=settings.get("present", False),
        matrix=settings.get("matrix", False),
        overlap=settings.get("overlap", False),
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["page"])
def test_links(case: dict[str, Any]) -> None:
    link = _link(case)
    scale = case["settings"].get("scale", urls.DEFAULT_SCALE)
    assert urls.page(link) == case["page"]
    assert urls.embed(link) == case["embed"]
    assert urls.picture("animation.gif", link, scale=scale) == case["gif"]
    assert urls.picture("frame.png", link, step=link.step or 0, scale=scale) == case["png"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["page"])
def test_every_url_opens(client: TestClient, case: dict[str, Any]) -> None:
    for key in ("page", "embed", "gif", "png"):
        assert client.get(case[key]).status_code == 200, case[key]


@pytest.mark.parametrize(
    "case", [c for c in CASES if "image" in c["settings"]], ids=lambda c: c["page"]
)
def test_the_page_reads_image_mode_back_from_its_link(
    client: TestClient, case: dict[str, Any]
) -> None:
    """The page opened from a link names that link again as its preview's address (without
    the step: a preview is the figure): image mode's settings make the round trip too."""
    html = client.get(case["page"]).text
    canonical = html.split('<link rel="canonical" href="')[1].split('"')[0]
    expected = urls.page(replace(_link(case), step=None))
    assert canonical.replace("&amp;", "&") == "http://testserver" + expected


def test_the_page_writes_its_links_with_the_helper(client: TestClient) -> None:
    html = client.get("/?op=conv&i=5&k=3&s=2&p=1&numbers=1&step=4&lang=en").text
    assert (
        'href="/render/frame.png?op=conv&amp;i=5&amp;k=3&amp;s=2&amp;p=1&amp;numbers=1'
        '&amp;step=4&amp;lang=en"' in html
    )
    assert 'href="/?op=conv&amp;i=5&amp;k=3&amp;s=2&amp;p=1&amp;numbers=1"' in html  # preset 1.2


def test_a_non_square_page_links_to_its_own_sizes(client: TestClient) -> None:
    html = client.get("/?i=5,7&k=3,2").text
    assert 'href="/render/frame.png?op=conv&amp;i=5,7&amp;k=3,2&amp;s=1&amp;p=0&amp;step=0"' in html


SEPARABLE: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "urls.json").read_text("utf-8")
)["separable"]


@pytest.mark.parametrize("case", SEPARABLE, ids=lambda c: c["query"])
def test_separable_links(client: TestClient, case: dict[str, Any]) -> None:
    """The planner's link for a separable replacement; the page builds it from the answer's
    params, which the case holds as the engine resolves them."""
    assert urls.separable(Config.from_query(case["query"])) == case["network"]
    params = client.get("/api/arithmetic?" + case["query"]).json()["params"]
    assert {name: params[name] for name in case["params"]} == case["params"]


@pytest.mark.parametrize("case", SEPARABLE, ids=lambda c: c["query"])
def test_separable_links_are_the_planners_canonical_queries(
    client: TestClient, case: dict[str, Any]
) -> None:
    """The planner answers the link with two layers, and names it by the very same query."""
    query = case["network"].removeprefix("/network?")
    body = client.get("/api/network?" + query).json()
    assert body["query"] == query
    assert [layer["op"] for layer in body["layers"]] == ["conv", "conv"]


SWITCHES: list[dict[str, str]] = json.loads(
    (Path(__file__).parent / "cases" / "urls.json").read_text("utf-8")
)["language_switch"]


@pytest.mark.parametrize("case", SWITCHES, ids=lambda c: c["url"])
def test_the_language_switch_changes_only_lang(case: dict[str, str]) -> None:
    assert urls.switch_language(case["path"], case["query"], case["lang"]) == case["url"]


def test_the_default_figure_keeps_a_chosen_language() -> None:
    assert urls.figure_page() == "/"
    assert urls.figure_page("ko") == "/?lang=ko"
