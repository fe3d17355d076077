"""The page in Korean: controls, the step caption and the switch, which keeps the link."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import watched_page
from tests.browser.test_page import open_page

pytestmark = pytest.mark.browser

Page = Any
HANGUL = re.compile("[\uac00-\ud7a3]")
QUERY = "op=conv&i=6&k=3&s=2&p=1"


def read_korean(page: Page) -> None:
    assert page.get_attribute("html", "lang") == "ko"
    assert page.locator("#s-name").inner_text() == "스트라이드 s"
    assert page.locator("#p-name").inner_text() == "패딩 p"
    assert page.locator("label.op", has_text="전치 합성곱").count() == 1
    caption = page.locator("#caption")
    caption.filter(has_text="출력 칸").wait_for()
    assert HANGUL.search(page.locator("#step-label").inner_text())


def test_the_page_reads_korean_and_the_switch_keeps_the_link(page: Page, server: str) -> None:
    open_page(page, server, f"{QUERY}&lang=ko")
    read_korean(page)
    # Paused on step 3: the switch takes the figure as it is now, not as it was opened.
    page.click("#play")
    page.click("#first")
    for _ in range(3):
        page.click("#next")
    page.click(".language-link[data-lang=en]")
    page.wait_for_selector("html[lang=en][data-ready]")
    assert page.url == f"{server}/?{QUERY}&step=3&lang=en"
    assert page.locator("#s-name").inner_text() == "Stride s"
    assert page.locator("#caption").inner_text().startswith("Output cell")

    page.click(".language-link[data-lang=ko]")
    page.wait_for_selector("html[lang=ko][data-ready]")
    assert page.url == f"{server}/?{QUERY}&step=3&lang=ko"
    read_korean(page)
    assert page.locator(".language-link[aria-current=true]").inner_text() == "한국어"


def test_a_korean_browser_gets_korean_and_the_switch_gives_english(
    browser: Any, server: str
) -> None:
    with watched_page(browser, locale="ko-KR") as page:
        open_page(page, server, QUERY)
        read_korean(page)
        page.click(".language-link[data-lang=en]")
        page.wait_for_selector("html[lang=en][data-ready]")
        assert QUERY in page.url and page.url.endswith("&lang=en")


def test_the_glossary_opens_in_the_footer(page: Page, server: str) -> None:
    open_page(page, server, "lang=ko")
    page.click(".glossary summary")
    term = page.locator(".glossary div", has_text="receptive field")
    assert term.locator("dd").inner_text() == "수용 영역"
