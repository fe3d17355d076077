"""Prefetch in a real browser: what typing, a slider and the presets fetch before a person
commits them, observed as the requests the page sends, and never more at once than its budget."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

from tests.browser.conftest import new_context

# static/js/prefetch.js's BUDGET.
BUDGET = 2
ANSWERS = ("/api/frames", "/api/scatter", "/api/matrix")


def open_page(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/{'?' + query if query else ''}")
    page.wait_for_selector("html[data-ready]")


def params(url: str) -> dict[str, str]:
    """A request's query, without the page's language and the answer's form (a request
    option, not the figure)."""
    asked = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    asked.pop("lang", None)
    asked.pop("form", None)
    return asked


def input_size(url: str) -> str | None:
    """The input size a frames request asks for: "12" for i=12 (or "12,12")."""
    if urlsplit(url).path != "/api/frames":
        return None
    return params(url).get("i", "").split(",")[0] or None


class Requests:
    """The answers a page asks the engine for, in order, and the most in flight at once."""

    def __init__(self, page: Page) -> None:
        self.urls: list[str] = []
        self.open: set[int] = set()
        self.most = 0
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    @staticmethod
    def _answer(request: Any) -> bool:
        return urlsplit(request.url).path in ANSWERS

    def _start(self, request: Any) -> None:
        if self._answer(request):
            self.urls.append(request.url)
            self.open.add(id(request))
            self.most = max(self.most, len(self.open))

    def _end(self, request: Any) -> None:
        # Requests sent before the watch began are not counted.
        self.open.discard(id(request))

    @property
    def in_flight(self) -> int:
        return len(self.open)

    def sizes(self, seed: str | None = None) -> list[str | None]:
        """Input sizes asked for, in order; with ``seed``, of that seed's figures only (the
        presets fetched while the page is idle have none)."""
        return [
            input_size(url) for url in self.urls if seed is None or params(url).get("seed") == seed
        ]


def wait_quiet(page: Page, seen: Requests, quiet_s: float = 0.5, limit_s: float = 60.0) -> None:
    """Until no answer has been in flight for ``quiet_s``."""
    deadline = time.monotonic() + limit_s
    since = time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        if seen.in_flight:
            since = time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
    raise AssertionError(f"still {seen.in_flight} requests in flight after {limit_s} s")


def test_typing_fetches_what_the_digits_can_become_before_enter(page: Page, server: str) -> None:
    open_page(page, server, "i=5&k=3&seed=7&step=0")
    seen = Requests(page)
    page.click("#i-0-number")
    wait_quiet(page, seen)
    # Focused: the neighbours of 5, two either way.
    assert {"3", "4", "6", "7"} <= set(seen.sizes("7"))
    focused = len(seen.sizes("7"))
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("1")
    wait_quiet(page, seen)
    # "1": 1 is below the smallest input a 3×3 kernel takes; of 10 to 19, what comes next,
    # the four nearest 5.
    assert set(seen.sizes("7")[focused:]) == {"10", "11", "12", "13"}
    page.keyboard.type("2")
    wait_quiet(page, seen)
    # "12": 12 (fetched already), and 120 to 123 of 120 to 129.
    assert set(seen.sizes("7")[focused:]) == {"10", "11", "12", "13", "120", "121", "122", "123"}
    before_enter = len(seen.sizes("7"))
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('figure').dataset.query.includes('i=12')")
    # Enter drew the answer fetched while typing: no request of its own for the figure.
    assert seen.sizes("7")[before_enter:].count("12") == 0
    assert seen.sizes("7").count("12") == 1


def test_a_second_digit_moves_the_guesses_on(page: Page, server: str) -> None:
    # At 64 each answer takes a while: the first digit's guesses are still waiting.
    open_page(page, server, "i=64&step=0")
    seen = Requests(page)
    page.click("#i-0-number")
    wait_quiet(page, seen)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("3")
    page.keyboard.type("5")
    wait_quiet(page, seen)
    asked = seen.sizes()
    # "3" guessed 3 and the four of 30 to 39 nearest 64 (39 to 36, those still waiting
    # dropped when "5" came), never 30 to 34; then "35".
    assert "35" in asked
    assert "39" in asked
    assert not {"30", "31", "32", "33", "34"} & set(asked)
    assert seen.most <= BUDGET


def test_a_slider_fetches_its_ends_when_the_pointer_enters(page: Page, server: str) -> None:
    open_page(page, server, "step=0")
    seen = Requests(page)
    slider = page.locator("#i-0-range")
    low, high = slider.get_attribute("min"), slider.get_attribute("max")
    assert low is not None and high is not None and int(high) - int(low) > 12
    with page.expect_request(lambda r: input_size(r.url) == high, timeout=5000):
        slider.hover()
    wait_quiet(page, seen)
    assert low in seen.sizes()
    assert seen.most <= BUDGET


def test_the_value_under_the_pointer_on_a_track_is_fetched_before_the_click(
    page: Page, server: str
) -> None:
    open_page(page, server, "step=0")
    seen = Requests(page)
    slider = page.locator("#i-0-range")
    box = slider.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] - 30)
    wait_quiet(page, seen)
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] / 2)
    wait_quiet(page, seen)
    before_click = len(seen.urls)
    page.mouse.down()
    page.mouse.up()
    value = slider.input_value()
    page.wait_for_function(
        "v => document.getElementById('figure').dataset.query.includes('i=' + v)", arg=value
    )
    assert value in seen.sizes()[:before_click]
    assert value not in seen.sizes()[before_click:]


def test_hovering_a_preset_fetches_it_first(page: Page, server: str) -> None:
    open_page(page, server, "step=0")
    seen = Requests(page)
    link = page.locator("a.preset").last
    link.scroll_into_view_if_needed()
    href = link.get_attribute("href")
    assert href is not None
    wanted = params(href)
    wanted.pop("numbers", None)
    with page.expect_request(lambda r: params(r.url) == wanted, timeout=5000):
        link.hover()
    # The page fetches every preset once idle: this one came before any other.
    assert params(seen.urls[0]) == wanted


def test_every_preset_is_fetched_once_the_page_is_idle(page: Page, server: str) -> None:
    open_page(page, server, "step=0")
    seen = Requests(page)
    hrefs = page.eval_on_selector_all("a.preset", "links => links.map((a) => a.href)")
    wanted = []
    for href in hrefs:
        query = params(href)
        query.pop("numbers", None)
        if query not in wanted:
            wanted.append(query)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(seen.urls) < len(wanted) - 1:
        page.wait_for_timeout(100)
    wait_quiet(page, seen)
    asked = [params(url) for url in seen.urls]
    # The figure on screen is held already: the default figure is one of the presets.
    shown = params("?" + str(page.get_attribute("#figure", "data-query")))
    missing = [query for query in wanted if query not in asked and query != shown]
    assert missing == []
    assert len(asked) == len(wanted) - 1
    assert seen.most <= BUDGET


def test_prefetch_keeps_within_its_budget(page: Page, server: str) -> None:
    # At 64 answers take long enough that the guesses pile up behind the budget.
    open_page(page, server, "i=64&step=0")
    seen = Requests(page)
    page.locator("#i-0-range").hover()
    page.locator("#p-0-range").hover()
    page.locator("#i-0-range").focus()
    wait_quiet(page, seen)
    assert len(seen.urls) > 2 * BUDGET
    assert 1 < seen.most <= BUDGET


def test_another_tab_takes_the_prefetched_answers_from_the_browsers_cache(
    browser: Any, server: str
) -> None:
    # The answers carry a day's public caching and an ETag: a second tab (or a reload) does
    # not ask the server again.
    context = new_context(browser)
    first = context.new_page()
    open_page(first, server, "i=9&k=3&seed=11&step=0")
    seen = Requests(first)
    first.locator("#i-0-range").hover()
    wait_quiet(first, seen)
    assert len(seen.urls) > BUDGET
    second = context.new_page()
    cdp = context.new_cdp_session(second)
    cdp.send("Network.enable")
    answers: list[tuple[str, bool]] = []

    def received(event: dict[str, Any]) -> None:
        response = event["response"]
        # This figure's answers (the presets come once the page is idle), refusals aside.
        url = response["url"]
        if input_size(url) and params(url).get("seed") == "11" and response["status"] == 200:
            answers.append((url, bool(response.get("fromDiskCache"))))

    cdp.on("Network.responseReceived", received)
    open_page(second, server, "i=9&k=3&seed=11&step=0")
    again = Requests(second)
    second.locator("#i-0-range").hover()
    wait_quiet(second, again)
    assert len(answers) > BUDGET
    assert {url for url, _ in answers} <= set(seen.urls)
    assert all(cached for _, cached in answers), answers
    context.close()


def test_the_scatter_view_and_the_matrix_prefetch_their_own_answers(
    page: Page, server: str
) -> None:
    open_page(page, server, "op=transpose&i=3&k=3&s=2&seed=5&view=scatter&matrix=1&step=0")
    seen = Requests(page)
    page.locator("#i-0-range").hover()
    wait_quiet(page, seen)
    ours = [urlsplit(url) for url in seen.urls if params(url).get("seed") == "5"]
    paths = {url.path for url in ours}
    # i = 4, next to the 3 shown, in both views of the answer the page shows.
    assert paths == {"/api/scatter", "/api/matrix"}
    for path in paths:
        assert any(u.path == path and params(u.geturl()).get("i") == "4" for u in ours), path
    assert seen.most <= BUDGET
