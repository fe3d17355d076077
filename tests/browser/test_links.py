"""Links that reach students: history entries, the tab's title, refused links kept, the
loopback warning and downloads the server would refuse, in headless Chromium."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from app.web.messages import translate
from tests.browser.conftest import new_context
from tests.browser.test_page import figure_query, open_page, wait_for_query, wait_for_url_param

pytestmark = pytest.mark.browser

Page = Any
# The canonical spelling, as the page writes its address.
QUERY = "op=conv&i=5&k=3&s=1&p=0"


def entries(page: Page) -> int:
    return int(page.evaluate("history.length"))


def search(page: Page) -> str:
    return urlsplit(page.url).query


def test_a_preset_pushes_an_entry_and_back_returns_to_the_figure_before(
    page: Page, server: str
) -> None:
    open_page(page, server, QUERY)
    first_title = page.title()
    before = entries(page)
    preset = page.locator("a.preset[data-figure='2.5']")
    wanted = str(preset.get_attribute("href")).split("?")[1]
    preset.click()
    wait_for_query(page, "s=2")
    page.wait_for_function("n => history.length === n", arg=before + 1)
    assert search(page) == wanted
    assert page.title() != first_title and "stride 2" in page.title()
    page.go_back()
    wait_for_query(page, QUERY, exact=True)
    assert search(page) == QUERY
    assert page.title() == first_title
    page.go_forward()
    wait_for_query(page, "s=2")
    assert search(page) == wanted


def test_a_drag_replaces_the_entry_and_a_typed_number_pushes_one(page: Page, server: str) -> None:
    open_page(page, server, QUERY)
    before = entries(page)
    for value in ("2", "4", "5"):
        page.locator("#k-0-range").fill(value)
        wait_for_query(page, f"k={value}")
    wait_for_url_param(page, "k", "5")
    assert entries(page) == before
    assert "kernel 5×5" in page.title() and "output 1×1" in page.title()
    page.locator("#i-0-number").fill("7")
    page.locator("#i-0-number").dispatch_event("change")
    wait_for_url_param(page, "i", "7")
    assert entries(page) == before + 1
    assert "input 7×7" in page.title()
    page.go_back()
    wait_for_query(page, "op=conv&i=5&k=5&s=1&p=0", exact=True)
    assert search(page) == "op=conv&i=5&k=5&s=1&p=0"


def test_a_refused_link_keeps_its_address_and_marks_the_figure_shown(
    page: Page, server: str
) -> None:
    refused = "op=conv&i=3&k=5"
    open_page(page, server, refused)
    assert "larger than the padded input" in page.inner_text("#error")
    assert page.locator(".stage.stand-in").count() == 1
    assert page.get_attribute(".figure-wrap", "data-stand-in") == translate(
        "en", "share.stand_in_nearest"
    )
    # Copy link writes the address at once: a refused link's stays the one that was opened.
    page.click("#copy-link")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    page.keyboard.press("ArrowRight")
    page.click("#copy-link")
    assert search(page) == refused
    # The first change carries on from the figure shown, in an entry of its own.
    page.locator("#k-0-range").fill("2")
    wait_for_url_param(page, "k", "2")
    assert page.locator(".stage.stand-in").count() == 0
    assert page.locator("#error").is_hidden()
    page.go_back()
    page.wait_for_function("() => !document.getElementById('error').hidden")
    assert search(page) == refused
    assert page.locator(".stage.stand-in").count() == 1
    # Back to it: the figure before stands in, and the mark says which.
    assert page.get_attribute(".figure-wrap", "data-stand-in") == translate(
        "en", "share.stand_in_last"
    )
    assert "larger than the padded input" in page.inner_text("#error")


def test_copy_link_on_a_loopback_address_says_students_cannot_open_it(
    browser: Any, server: str
) -> None:
    assert urlsplit(server).hostname == "127.0.0.1"
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, server, QUERY)
    page.click("#copy-link")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    status = page.inner_text("#share-status")
    assert status.startswith(translate("en", "share.copied"))
    assert "students cannot open" in status and "--host 0.0.0.0" in status
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


def test_a_download_the_server_refuses_is_disabled_with_its_reason(page: Page, server: str) -> None:
    # step=0 pauses the player, so the PNG link names step 0 whenever it is read.
    open_page(page, server, "op=conv&i=8&k=3&p=1&step=0")
    assert page.locator("#export-refused").is_hidden()
    page.select_option("#export-scale", "48")
    page.wait_for_selector("#download-gif[aria-disabled='true']")
    assert page.get_attribute("#download-gif", "href") is None
    reason = page.inner_text("#export-refused")
    assert reason.startswith(translate("en", "export.gif")) and "over the limit" in reason
    # The single frames fit at this size and stay offered.
    page.wait_for_selector("#download-png[data-checked]")
    assert page.get_attribute("#download-png", "href", timeout=0) == (
        "/render/frame.png?op=conv&i=8&k=3&s=1&p=1&scale=48&step=0"
    )
    page.select_option("#export-scale", "20")
    page.wait_for_selector("#download-gif:not([aria-disabled])[href]")
    assert page.locator("#export-refused").is_hidden()
    assert figure_query(page) == "op=conv&i=8&k=3&s=1&p=1"


def test_the_embed_hint_says_what_an_embed_is_for(page: Page, server: str) -> None:
    open_page(page, server, QUERY)
    hint = page.inner_text("#embed-hint")
    assert "course page" in hint and "PowerPoint" in hint and "GIF" in hint
