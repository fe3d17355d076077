"""The missing page's page, in a real browser: its sentence, its way back, and nothing axe
calls serious, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import new_context
from tests.browser.test_a11y import BLOCKING, axe_findings


@pytest.mark.parametrize(("lang", "words"), [("en", "There is nothing at"), ("ko", "아무것도")])
def test_missing_page(browser: Any, server: str, lang: str, words: str) -> None:
    # Not watched_page: the browser logs the page's own 404 as an error, which is the point.
    context = new_context(browser)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(f"{server}/tours?lang={lang}")
        assert response is not None and response.status == 404
        assert page.evaluate("document.documentElement.lang") == lang
        assert words in page.inner_text("#not-found-sentence")
        findings = axe_findings(page)
        page.click("a[href^='/?']")
        page.wait_for_selector("html[data-ready]")
    finally:
        context.close()
    assert errors == []
    assert [f for f in findings if f["impact"] in BLOCKING] == []
