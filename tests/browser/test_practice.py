"""The practice page in a real browser: a right answer is told so, a wrong one shows the worked
solution with its formula and the live figure, a whole set is answered from the keyboard alone
to its summary, and the page fits a phone. Screenshots go to /tmp/shots-practice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
SHOTS = Path("/tmp/shots-practice")
SET = "/practice?seed=42&level=2&n=5"


def open_set(page: Page, server: str, path: str = SET) -> dict[str, Any]:
    page.goto(f"{server}{path}")
    page.wait_for_selector("html[data-ready]")
    state: dict[str, Any] = page.evaluate(
        "JSON.parse(document.getElementById('initial-state').textContent)"
    )
    return state


def wrong_answer(q: dict[str, Any]) -> str:
    """A whole number no accepted answer is."""
    return str(max(q["check"]["accepted"]) + 1)


def test_a_right_answer_is_told_right(page: Page, server: str) -> None:
    state = open_set(page, server)
    first = state["questions"][0]
    page.fill("#answer-1", str(first["answer"]))
    page.click("#check-1")
    assert page.inner_text("#feedback-1") == f"Right: {first['answer']}."
    assert page.is_hidden("#solution-1")
    # One question at a time: the next waits behind its button.
    assert page.is_visible("#next-1") and page.is_hidden("#q2")


def test_a_wrong_answer_shows_the_worked_solution_with_its_formula(page: Page, server: str) -> None:
    state = open_set(page, server)
    first = state["questions"][0]
    page.fill("#answer-1", wrong_answer(first))
    page.keyboard.press("Enter")
    feedback = page.inner_text("#feedback-1")
    assert feedback.startswith("Not quite: the answer is ")
    assert str(first["answer"]) in feedback
    assert page.is_visible("#solution-1")
    lines = page.locator("#solution-1 .solution-lines li").all_inner_texts()
    assert first["formula"] in lines
    assert lines[-1].endswith(str(first["answer"])) or first["kind"] in (
        "same_padding",
        "halving_stride",
        "output_padding",
    )
    # The live figure of the question's layer, loaded only now.
    frame = page.locator("#solution-1 iframe")
    assert frame.get_attribute("src") == first["embed"]
    inner = page.frame_locator("#solution-1 iframe")
    inner.locator("#figure .grid").first.wait_for()
    SHOTS.mkdir(exist_ok=True)
    page.locator("#q1").screenshot(path=str(SHOTS / "wrong-answer.png"))


def test_not_a_number_asks_again_without_counting(page: Page, server: str) -> None:
    state = open_set(page, server)
    page.fill("#answer-1", "five")
    page.keyboard.press("Enter")
    assert page.inner_text("#feedback-1") == "Type a whole number, such as 5."
    assert page.evaluate("document.activeElement.id") == "answer-1"
    page.fill("#answer-1", str(state["questions"][0]["answer"]))
    page.keyboard.press("Enter")
    assert page.inner_text("#feedback-1").startswith("Right")


def test_a_full_width_answer_typed_from_the_keyboard_is_read(page: Page, server: str) -> None:
    # Set 1 at level 3 opens on a parameter count, 4 · (4 / 4) · 3 · 3 = 36 (worked by hand);
    # a Korean keyboard's full-width digits are that number, typed key by key.
    open_set(page, server, "/practice?seed=1&level=3&n=3&lang=ko")
    page.focus("#answer-1")
    page.keyboard.type("\uff13\uff16")  # full-width 3 and 6
    page.keyboard.press("Enter")
    assert page.inner_text("#feedback-1") == "정답입니다: 36."
    assert page.evaluate("document.activeElement.id") == "next-1"


def test_the_keyboard_alone_reaches_the_summary(browser: Any, server: str) -> None:
    with watched_page(browser, reduced_motion="reduce") as page:
        state = open_set(page, server, SET + "&lang=ko")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "answer-1":
                break
        else:
            pytest.fail("Tab never reached the first answer")
        questions = state["questions"]
        for index, q in enumerate(questions, start=1):
            assert page.evaluate("document.activeElement.id") == f"answer-{index}"
            # Right on the odd questions, wrong on the even ones.
            page.keyboard.type(str(q["answer"]) if index % 2 else wrong_answer(q))
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == f"next-{index}"
            page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "summary-title"
        assert page.inner_text("#score") == "5문제 중 3문제 정답."
        review = page.locator("#review li").all_inner_texts()
        assert review == ["2번 문제 다시 보기 (오답)", "4번 문제 다시 보기 (오답)"]
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "summary-ko.png"), full_page=True)
        # A review link opens that question with its solution, every question listed.
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "answer-2"
        assert page.is_visible("#solution-2") and page.is_visible("#q5")


def test_all_questions_listed_and_summed_up(page: Page, server: str) -> None:
    state = open_set(page, server)
    page.check("#mode-all")
    assert all(page.is_visible(f"#q{q['number']}") for q in state["questions"])
    first = state["questions"][0]
    page.fill("#answer-1", str(first["answer"]))
    page.keyboard.press("Enter")
    page.click("#finish")
    assert page.inner_text("#score") == "1 of 5 right."
    assert page.locator("#review li").all_inner_texts() == [
        f"Question {n} (not answered)" for n in range(2, 6)
    ]


def test_a_phone_shows_the_set_without_sideways_scrolling(browser: Any, server: str) -> None:
    phone = {"width": 390, "height": 844}
    with watched_page(browser, viewport=phone, has_touch=True, is_mobile=True) as page:
        state = open_set(page, server, SET + "&lang=ko")
        page.fill("#answer-1", wrong_answer(state["questions"][0]))
        page.keyboard.press("Enter")
        page.frame_locator("#solution-1 iframe").locator("#figure .grid").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "phone-390.png"), full_page=True)


def test_the_page_links_its_printable_sheet(page: Page, server: str) -> None:
    open_set(page, server)
    page.click("#sheet-link")
    page.wait_for_selector("html[data-ready]")
    assert page.url.endswith("/practice/sheet?seed=42&level=2&n=5")
    assert page.locator(".sheet-question").count() == 5
    assert page.locator(".sheet-answer").count() == 5


def test_the_sheet_prints_the_answers_on_a_second_page(page: Page, server: str) -> None:
    page.goto(f"{server}/practice/sheet?seed=42&level=1&n=3")
    page.wait_for_selector("html[data-ready]")
    page.emulate_media(media="print")
    assert page.is_hidden("#print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.sheet-answers')).breakBefore")
        == "page"
    )
    pdf = page.pdf(format="A4")
    # Three short questions fit one page; the answers begin a second.
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 2
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / "sheet.pdf").write_bytes(pdf)
    page.screenshot(path=str(SHOTS / "sheet-print.png"), full_page=True)
