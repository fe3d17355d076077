"""The engine's sentences on the Korean page: refusals and notes in Korean, whether the server
wrote them into the page or the page asked the API; the English page as it was."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.browser.test_network_page import open_planner
from tests.browser.test_page import open_page, wait_for_query

pytestmark = pytest.mark.browser

Page = Any
HANGUL = re.compile("[\uac00-\ud7a3]")
SHOTS = Path("/tmp/shots-refusals")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def edit(page: Page, box: str, value: str) -> None:
    page.locator(box).fill(value)
    page.locator(box).dispatch_event("change")


def test_an_edited_value_is_refused_in_korean(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&lang=ko")
    edit(page, "#k-0-number", "9")
    page.wait_for_selector("#error:not([hidden])")
    error = page.inner_text("#error")
    shot(page, "edited-ko")
    # k=9 over i=5 with no padding: the kernel's extent 9 against the padded input 5.
    assert error.startswith("커널의 유효 크기 9(k=9, d=1)이(가) 패딩한 입력 5(i=5에 패딩 0)보다")
    assert error.endswith("그림은 마지막으로 유효했던 설정을 보여 줍니다.")
    assert not re.search("[A-Za-z]{4,}", error)  # no English sentence inside the Korean


def test_the_english_page_refuses_in_english(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3")
    edit(page, "#k-0-number", "9")
    page.wait_for_selector("#error:not([hidden])")
    error = page.inner_text("#error")
    assert error.startswith("The kernel's extent 9 (k=9, d=1) is larger than the padded input 5")
    assert error.endswith("The figure shows the last valid configuration.")
    assert not HANGUL.search(error)


def test_a_refused_link_is_explained_in_korean(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=2&p=same&lang=ko")
    error = page.inner_text("#error")
    shot(page, "link-ko")
    assert error.startswith("링크의 설정은 불가능합니다: padding=same는 스트라이드 1이 필요합니다")
    assert "'padding=same is not supported for strided convolutions'" in error


def test_the_notes_are_korean_from_the_page_and_from_the_api(page: Page, server: str) -> None:
    # (6 − 3) mod 2 = 1: the last row and column are never covered.
    open_page(page, server, "op=conv&i=6&k=3&s=2&p=0&lang=ko")
    notes = page.inner_text("#notes")
    assert "(i + 2p − k) mod s = (6 + 0 − 3) mod 2 = 1이므로" in notes
    assert "never covered" not in notes
    # i=8: (8 − 3) mod 2 = 1 again, now in an answer the page fetched.
    edit(page, "#i-0-number", "8")
    wait_for_query(page, "i=8&")
    page.wait_for_function(
        "() => document.getElementById('notes').textContent.includes('(8 + 0 − 3) mod 2 = 1')"
    )
    notes = page.inner_text("#notes")
    shot(page, "notes-ko")
    assert "어떤 창에도 덮이지 않습니다" in notes and "never covered" not in notes


def test_the_english_page_keeps_english_notes(browser: Any, server: str) -> None:
    """Even for a Korean browser, a link that asks for English gets English sentences."""
    from tests.browser.conftest import watched_page

    with watched_page(browser, locale="ko-KR") as page:
        open_page(page, server, "op=conv&i=6&k=3&s=2&p=0&lang=en")
        edit(page, "#i-0-number", "8")
        page.wait_for_function(
            "() => document.getElementById('notes').textContent.includes('(8 + 0 − 3) mod 2')"
        )
        assert "never covered" in page.inner_text("#notes")
        assert not HANGUL.search(page.inner_text("#notes"))
        edit(page, "#k-0-number", "9")
        page.wait_for_selector("#error:not([hidden])")
        assert not HANGUL.search(page.inner_text("#error"))


def test_the_planner_refuses_a_layer_in_korean(page: Page, server: str) -> None:
    open_planner(page, server, urlencode({"layers": "conv(k=3);pool(k=2)", "lang": "ko"}))
    assert page.inner_text("#error").startswith(
        "링크의 네트워크는 불가능합니다: 2번 층: 알 수 없는 연산 'pool'."
    )
    page.fill("#net-layers", "conv(k=3,c=8);conv(k=3,s=2,p=same)")
    page.wait_for_function(
        "() => document.getElementById('error').textContent.includes('2번 층(conv)')"
    )
    shot(page, "planner-ko")
    assert "스트라이드 1이 필요합니다" in page.inner_text("#error")


def test_image_mode_refuses_an_upload_in_korean(browser: Any, server: str) -> None:
    from tests.browser.test_image_mode import explaining_page, open_image_mode

    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=1&w=sobel_x&lang=ko")
        page.set_input_files(
            "#image-file", {"name": "notes.png", "mimeType": "image/png", "buffer": b"just words\n"}
        )
        page.wait_for_selector("#image-error:not([hidden])")
        shot(page, "upload-ko")
        error = page.inner_text("#image-error")
        assert error.startswith("image 필드가 PNG나 JPEG 그림이 아닙니다")
        assert "The field image" not in error


def test_the_matrix_view_says_why_not_in_korean(page: Page, server: str) -> None:
    from tests.browser.test_matrix import wait_for_matrix

    open_page(page, server, "op=maxpool&i=4&k=2&matrix=1&lang=ko")
    wait_for_matrix(page)
    error = page.locator("#matrix-error").inner_text()
    assert error.startswith("행렬 보기는 합성곱의 가중치를 보여 줍니다. op=conv 또는 op=transpose")
    assert "not linear" not in error
