"""Export, embed, link previews and the code panel, in headless Chromium."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import httpx
import pytest

from tests.browser.conftest import new_context
from tests.browser.test_page import open_page, wait_for_query

pytestmark = pytest.mark.browser

Page = Any
QUERY = "op=conv&i=5&k=3&s=2&p=1"


def test_download_links_follow_the_figure_and_the_step(page: Page, server: str) -> None:
    open_page(page, server, QUERY + "&step=2")
    assert page.get_attribute("#download-png", "href") == f"/render/frame.png?{QUERY}&step=2"
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#download-svg", "href") == f"/render/frame.svg?{QUERY}&step=3"
    page.locator("#k-0-range").fill("2")
    wait_for_query(page, "k=2")
    assert page.get_attribute("#download-gif", "href").startswith(
        "/render/animation.gif?op=conv&i=5&k=2"
    )
    for selector in ("#download-gif", "#download-png", "#download-svg"):
        response = httpx.get(server + str(page.get_attribute(selector, "href")))
        assert response.status_code == 200, selector
    svg = httpx.get(server + str(page.get_attribute("#download-svg", "href")))
    ElementTree.fromstring(svg.content)


def test_embed_code_opens_a_working_embed_view(browser: Any, server: str) -> None:
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, server, QUERY)
    page.click("#copy-embed")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    code = page.evaluate("navigator.clipboard.readText()")
    element = ElementTree.fromstring(code)
    assert element.tag == "iframe"
    assert element.attrib["src"] == f"{server}/embed?{QUERY}"
    embed = context.new_page()
    embed.goto(element.attrib["src"])
    embed.wait_for_selector("html[data-ready]")
    assert embed.locator("#figure .output .cells rect").count() == 9
    assert embed.locator("#controls").count() == 0
    assert embed.locator("#play").is_visible()
    context.close()


def test_embed_may_be_framed_by_another_site_and_the_page_may_not(server: str) -> None:
    embed = httpx.get(f"{server}/embed?{QUERY}")
    page = httpx.get(f"{server}/?{QUERY}")
    assert "frame-ancestors *" in embed.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_preview_tags_point_at_a_png_of_the_link(page: Page, server: str) -> None:
    open_page(page, server, QUERY + "&step=4")
    image = page.get_attribute("meta[property='og:image']", "content")
    assert image == f"{server}/render/frame.png?{QUERY}&step=4"
    assert page.get_attribute("meta[name='twitter:image']", "content") == image
    assert page.get_attribute("meta[name='twitter:card']", "content") == "summary_large_image"
    assert "output 3×3" in str(page.get_attribute("meta[property='og:title']", "content"))
    response = httpx.get(str(image))
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_code_panel_shows_this_layer(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=3&k=3&s=2&p=1&a=1")
    code = page.inner_text("#code-pytorch")
    assert "nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=1)" in code
    assert "(1, 1, 6, 6)" in code
    page.click("a.preset[data-figure='1.6']")
    wait_for_query(page, "maxpool")
    assert "nn.MaxPool2d" in page.inner_text("#code-pytorch")


def test_exports_and_embed_keep_the_numbers(page: Page, server: str) -> None:
    open_page(page, server, QUERY + "&step=1")
    page.check("#numbers")
    href = str(page.get_attribute("#download-png", "href"))
    assert href == f"/render/frame.png?{QUERY}&numbers=1&step=1"
    assert httpx.get(server + href).status_code == 200
    page.uncheck("#numbers")
    assert "numbers" not in str(page.get_attribute("#download-gif", "href"))


def test_slide_sized_downloads_with_telling_names(page: Page, server: str) -> None:
    open_page(page, server, QUERY + "&step=2")
    assert page.get_attribute("#download-png", "download") == "convarith-conv-i5-k3-s2-p1-step2.png"
    page.select_option("#export-scale", "48")
    href = str(page.get_attribute("#download-png", "href"))
    assert href == f"/render/frame.png?{QUERY}&scale=48&step=2"
    assert page.get_attribute("#download-gif", "download") == "convarith-conv-i5-k3-s2-p1.gif"
    response = httpx.get(server + href)
    assert response.status_code == 200


def test_embed_code_keeps_the_paused_step(browser: Any, server: str) -> None:
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, server, QUERY + "&step=3")
    page.click("#copy-embed")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    src = ElementTree.fromstring(page.evaluate("navigator.clipboard.readText()")).attrib["src"]
    assert src == f"{server}/embed?{QUERY}&step=3"
    context.close()


def test_a_chosen_language_is_kept_by_downloads_embeds_and_the_link(
    browser: Any, server: str
) -> None:
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, server, QUERY + "&step=3&lang=en")
    href = str(page.get_attribute("#download-png", "href"))
    assert href == f"/render/frame.png?{QUERY}&step=3&lang=en"
    assert httpx.get(server + href).status_code == 200
    page.keyboard.press("ArrowRight")
    assert (
        page.get_attribute("#download-svg", "href") == f"/render/frame.svg?{QUERY}&step=4&lang=en"
    )
    page.click("#copy-embed")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    src = ElementTree.fromstring(page.evaluate("navigator.clipboard.readText()")).attrib["src"]
    assert src == f"{server}/embed?{QUERY}&step=4&lang=en"
    page.wait_for_function("location.search.includes('step=4')")
    assert page.evaluate("location.search") == f"?{QUERY}&step=4&lang=en"
    context.close()


def test_an_unknown_language_is_not_passed_on(page: Page, server: str) -> None:
    open_page(page, server, QUERY + "&step=0&lang=" + "x" * 30)
    assert page.get_attribute("#download-png", "href") == f"/render/frame.png?{QUERY}&step=0"


def test_image_mode_travels_in_the_link_but_not_in_the_embed(browser: Any, server: str) -> None:
    """The embed view is the figure alone: the section's settings stay in the page's link."""
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, server, QUERY + "&step=3&image=rings&image_scale=abs")
    page.click("#copy-link")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{server}/?{QUERY}&step=3&image=rings&image_scale=abs"
    )
    page.click("#copy-embed")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('<iframe'))")
    src = ElementTree.fromstring(page.evaluate("navigator.clipboard.readText()")).attrib["src"]
    assert src == f"{server}/embed?{QUERY}&step=3"
    context.close()
