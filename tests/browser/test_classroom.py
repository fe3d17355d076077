"""Links that reach students, in headless Chromium: the QR code dialog, a refused link opening
on the nearest valid figure with its address kept (English and Korean), and image mode's
settings following Back and Forward."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import watched_page
from tests.browser.test_a11y import BLOCKING, axe_findings
from tests.browser.test_page import open_page, wait_for_query, wait_for_url_param

pytestmark = pytest.mark.browser

Page = Any
QUERY = "op=conv&i=5&k=3&s=1&p=0"
SHOTS = Path("/tmp/shots-classroom")


def qr_link(page: Page) -> str:
    """The link the QR code's picture was drawn for."""
    src = str(page.get_attribute("#qr-image", "src"))
    return parse_qs(urlsplit(src).query)["url"][0]


def wait_for_qr(page: Page) -> None:
    page.wait_for_selector("#qr-dialog[open]")
    page.wait_for_function(
        "() => { const i = document.getElementById('qr-image'); "
        "return i.complete && i.naturalWidth > 0; }"
    )


def test_the_qr_code_is_the_link_on_screen_and_esc_closes_it(page: Page, server: str) -> None:
    open_page(page, server, QUERY)
    page.focus("#show-qr")
    page.keyboard.press("Enter")
    wait_for_qr(page)
    assert qr_link(page) == page.url
    assert page.inner_text("#qr-link") == page.url
    assert page.get_attribute("#qr-image", "alt") == f"QR code of the link {page.url}"
    # The server drew it from the link (a regular QR code, its quiet zone included).
    assert page.evaluate("document.getElementById('qr-image').naturalWidth") > 0
    # The page is on 127.0.0.1: students could not open it, and the dialog says what to do.
    warning = page.locator("#qr-loopback")
    assert warning.is_visible()
    assert "students cannot open this link" in warning.inner_text()
    assert "convarith serve --classroom" in warning.inner_text()
    page.keyboard.press("Escape")
    page.wait_for_selector("#qr-dialog:not([open])", state="attached")
    assert page.evaluate("document.activeElement.id") == "show-qr"
    # The figure changes; the code follows the new link.
    page.locator("#k-0-range").fill("2")
    wait_for_url_param(page, "k", "2")
    page.click("#show-qr")
    wait_for_qr(page)
    assert qr_link(page) == page.url and "k=2" in page.url
    page.click("#qr-close")
    page.wait_for_selector("#qr-dialog:not([open])", state="attached")


def test_an_open_qr_code_follows_the_address(page: Page, server: str) -> None:
    """Back while the code is on the projector: the code is the entry's link."""
    open_page(page, server, QUERY)
    page.locator("#k-0-number").fill("2")
    page.locator("#k-0-number").dispatch_event("change")
    wait_for_url_param(page, "k", "2")
    page.click("#show-qr")
    wait_for_qr(page)
    assert "k=2" in qr_link(page)
    page.evaluate("history.back()")
    page.wait_for_function("() => new URLSearchParams(location.search).get('k') === '3'")
    page.wait_for_function(
        "() => decodeURIComponent(document.getElementById('qr-image').src).includes('k=3')"
    )
    assert qr_link(page) == page.url


def test_q_shows_the_qr_code_in_presentation_mode(page: Page, server: str) -> None:
    open_page(page, server, QUERY + "&present=1")
    assert page.locator("body.presenting").count() == 1
    page.keyboard.press("q")
    wait_for_qr(page)
    # Students' phones open the figure, not the projector's view.
    assert page.url.endswith("&present=1")
    assert qr_link(page) == page.url.removesuffix("&present=1")
    assert page.inner_text("#qr-link") == qr_link(page)
    assert page.locator("#qr-image").is_visible()
    # Esc closes the code, not the presentation.
    page.keyboard.press("Escape")
    page.wait_for_selector("#qr-dialog:not([open])", state="attached")
    assert page.locator("body.presenting").count() == 1
    page.click("#present-qr")
    wait_for_qr(page)


@pytest.mark.parametrize(
    ("width", "height", "present"),
    [(1280, 720, False), (1920, 1080, False), (1920, 1080, True), (1280, 720, True)],
)
def test_the_qr_code_fits_the_screen(
    browser: Any, server: str, width: int, height: int, present: bool
) -> None:
    with watched_page(browser, viewport={"width": width, "height": height}) as page:
        open_page(page, server, QUERY + ("&present=1" if present else ""))
        if present:
            page.keyboard.press("q")
        else:
            page.click("#show-qr")
        wait_for_qr(page)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"qr-{width}x{height}{'-present' if present else ''}.png"))
        box = page.locator("#qr-image").bounding_box()
        dialog = page.locator("#qr-dialog").bounding_box()
        # Large (the code is drawn square within its box: object-fit) and whole on the
        # screen, with the warning, the link and the close button too.
        assert page.evaluate("getComputedStyle(document.getElementById('qr-image')).objectFit") == (
            "contain"
        )
        assert min(box["width"], box["height"]) >= 0.5 * height
        parts = ("#qr-link", "#qr-loopback", "#qr-close", "#qr-image")
        assert box["y"] + box["height"] <= page.locator("#qr-link").bounding_box()["y"]
        for part in (dialog, *(page.locator(p).bounding_box() for p in parts)):
            assert part["y"] >= 0 and part["y"] + part["height"] <= height
            assert part["x"] >= 0 and part["x"] + part["width"] <= width
        assert page.locator("#qr-close").is_visible()
        # Nothing scrolls inside the dialog: all of it is on the projector at once.
        assert page.evaluate(
            "(d => d.scrollHeight <= d.clientHeight)(document.getElementById('qr-dialog'))"
        )


@pytest.mark.parametrize(
    ("query", "shown", "sentence"),
    [
        (
            "op=conv&i=4&k=9",
            "op=conv&i=4&k=4&s=1&p=0",
            "Showing the nearest valid figure: k = 4 instead of 9.",
        ),
        (
            "op=conv&i=4&k=9&lang=ko",
            "op=conv&i=4&k=4&s=1&p=0",
            "가장 가까운 유효한 그림을 대신 보여 줍니다(k: 9 대신 4).",
        ),
        (
            "i=5&k=3&s=2&p=same",
            "op=conv&i=5&k=3&s=2&p=1",
            "Showing the nearest valid figure: p = 1 instead of same.",
        ),
        (
            "op=transpose&i=3&k=3&s=2&p=5&lang=ko",
            "op=transpose&i=3&k=3&s=2&p=3",
            "(p: 5 대신 3).",
        ),
    ],
)
def test_a_refused_link_keeps_its_address_and_shows_the_nearest_figure(
    page: Page, server: str, query: str, shown: str, sentence: str
) -> None:
    url = f"{server}/?{query}"
    open_page(page, server, query)
    wait_for_query(page, shown, exact=True)
    assert page.evaluate("location.href") == url
    assert page.inner_text("#error").endswith(sentence)
    params = dict(part.split("=") for part in shown.split("&"))
    for name in ("i", "k", "s"):
        assert page.input_value(f"#{name}-0-number") == params[name]
    assert page.locator(".stage.stand-in").count() == 1
    # Playing on does not rewrite the student's address.
    page.keyboard.press("ArrowRight")
    page.click("#show-qr")
    wait_for_qr(page)
    assert qr_link(page) == url
    assert page.evaluate("location.href") == url


def wait_for_filter(page: Page, fragment: str) -> None:
    page.wait_for_function(
        "f => (document.getElementById('image-mode').dataset.query || '').includes(f)",
        arg=fragment,
    )


def image_controls(page: Page) -> tuple[bool, str, str, str]:
    """(open, the sample checked, the scale, the zoom) as the section shows them."""
    return (
        page.get_attribute("#image-mode", "open") is not None,
        page.locator('input[name="image-picture"]:checked').get_attribute("value") or "",
        page.input_value("#image-scale"),
        page.input_value("#image-zoom"),
    )


def wait_for_link(page: Page, test: str) -> None:
    page.wait_for_function(f"(p => {test})(new URLSearchParams(location.search))")


def test_image_mode_follows_back_and_forward(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=1&p=0&w=sobel_x")
    entries = page.evaluate("history.length")
    page.click("#image-mode > summary")
    wait_for_link(page, "p.get('image') === 'shapes'")
    wait_for_filter(page, "sample=shapes")
    page.select_option("#image-scale", "normalize")
    wait_for_link(page, "p.get('image_scale') === 'normalize'")
    page.select_option("#image-zoom", "2")
    wait_for_link(page, "p.get('image_zoom') === '2'")
    page.check('input[name="image-picture"][value="rings"]')
    wait_for_link(page, "p.get('image') === 'rings'")
    wait_for_filter(page, "sample=rings")
    # Each choice is an entry of its own.
    assert page.evaluate("history.length") == entries + 4
    steps = [
        ("shapes", "normalize", "2", "sample=shapes&k=3&s=1&p=0&w=sobel_x&scale=normalize"),
        ("shapes", "normalize", "1", "sample=shapes&k=3&s=1&p=0&w=sobel_x&scale=normalize"),
        ("shapes", "auto", "1", "sample=shapes&k=3&s=1&p=0&w=sobel_x"),
    ]
    for sample, scale, zoom, filtered in steps:
        page.go_back()
        wait_for_link(
            page,
            f"(p.get('image_scale') ?? 'auto') === '{scale}' && "
            f"(p.get('image_zoom') ?? '1') === '{zoom}'",
        )
        assert image_controls(page) == (True, sample, scale, zoom)
        wait_for_filter(page, filtered)
        if not filtered.endswith("normalize"):
            assert not page.evaluate(
                "document.getElementById('image-mode').dataset.query.includes('scale=')"
            )
        width = page.locator("#image-output").bounding_box()["width"]
        natural = page.evaluate("document.getElementById('image-output').naturalWidth")
        assert width == natural * int(zoom)
    page.go_back()
    page.wait_for_function("() => !document.getElementById('image-mode').open")
    assert "image" not in page.evaluate("location.search")
    for sample, scale, zoom in [
        ("shapes", "auto", "1"),
        ("shapes", "normalize", "1"),
        ("shapes", "normalize", "2"),
        ("rings", "normalize", "2"),
    ]:
        page.go_forward()
        wait_for_link(page, f"p.get('image') === {sample!r}")
        assert image_controls(page) == (True, sample, scale, zoom)
        wait_for_filter(page, f"sample={sample}")
    assert "image=rings&image_scale=normalize&image_zoom=2" in page.evaluate("location.search")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_axe_finds_nothing_serious_in_the_open_qr_code(
    browser: Any, server: str, lang: str
) -> None:
    with watched_page(browser) as page:
        open_page(page, server, f"{QUERY}&lang={lang}")
        page.click("#show-qr")
        wait_for_qr(page)
        findings = axe_findings(page)
    assert [f for f in findings if f["impact"] in BLOCKING] == []
