"""Headless Chromium (Debian's), for what a person sees; the live ``server`` is in
tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see the README)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_context(browser: Any, **options: Any) -> Any:
    """A browser context for functional tests. Playwright's waits evaluate script text,
    which the page's strict CSP forbids, so these contexts bypass it; the CSP itself is
    tested with contexts that do not."""
    options.setdefault("viewport", {"width": 1280, "height": 720})
    return browser.new_context(bypass_csp=True, **options)


@contextmanager
def watched_page(browser: Any, **options: Any) -> Iterator[Any]:
    """A page in a fresh context that fails the test on any script error or logged error."""
    context = new_context(browser, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A refused configuration is a 422 the page explains; the browser logs it all the same.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "(Unprocessable" not in m.text else None
        ),
    )
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    with watched_page(browser) as page:
        yield page
