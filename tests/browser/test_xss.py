"""XSS: every page parameter reflects a hostile value only as text.

Each payload goes into each query parameter of each page, alone. The served HTML is checked
for the payload unescaped, and a real Chromium context that keeps the CSP loads the page:
no dialog, no element beyond the page's own, no inline handler, and no CSP violation, since
the page must be safe by escaping; the CSP is a second wall, not the first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest

from tests.browser.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

Page = Any
PAGES = ("/", "/embed")
# The engine's parameters and the page's own settings.
PARAMETERS = ("op", "i", "k", "s", "p", "d", "a", "ceil", "step", "lang", "numbers", "view")
# The network planner, whose editor keeps a refused link's text: shown, never run.
NETWORK = "/network"
NETWORK_PARAMETERS = ("i", "c_in", "layers", "preset", "lang")

_SCRIPT = '"><script>alert(1)</script>'
_IMG = "'><img src=x onerror=alert(1)>"
# What the server receives, after the URL's own percent-encoding is undone.
PAYLOADS = {
    "script": _SCRIPT,
    "img-onerror": _IMG,
    "close-script": "</script><script>alert(1)</script>",
    "javascript-url": "javascript:alert(1)",
    "svg-onload": '"><svg onload=alert(1)>',
    "template": "{{7*7}}",
    "comment": "<!--",
    "comment-script": "<!--<script>alert(1)</script>",
    "line-separators": "a\u2028b\u2029c",
    "valid-prefix": "5" + _SCRIPT,
    # Far past the 64 characters the page keeps: cutting must not split an escape.
    "long": _IMG * 60,
    "percent-encoded": quote(_SCRIPT),
    "double-encoded": quote(quote(_IMG)),
}
MARKUP = set("<>\"'")
# Attributes a browser follows as URLs: a javascript: value elsewhere (an input's text) is inert.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")

# Counts every element by tag name, inline handlers, and what the payloads would inject.
INSPECT = """() => {
  // Attributes a browser follows as URLs; an input's value may hold any text, inertly.
  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'];
  const all = [...document.querySelectorAll('*')];
  const tags = {};
  for (const el of all) tags[el.localName] = (tags[el.localName] || 0) + 1;
  return {
    tags,
    handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
      .map((el) => el.outerHTML.slice(0, 120)),
    injected: document.querySelectorAll(
      'img[src="x"], svg[onload], script:not([src]):not([type="application/json"])').length,
    jsUrls: all.filter((el) => [...el.attributes].some((a) => URL_ATTRIBUTES.includes(a.name)
        && /^\\s*javascript:/i.test(a.value)))
      .map((el) => el.outerHTML.slice(0, 120)),
    errorChildren: document.getElementById('error').children.length,
    // The planner's editor: what a refused link's text became (the main pages have none).
    editor: Object.fromEntries(['net-i', 'net-c', 'net-layers']
      .map((id) => [id, document.getElementById(id)?.value ?? null])),
    // What a person reads as the page's name, previews and the form: text, never markup.
    text: [document.title,
      ...[...document.querySelectorAll('meta[content]')].map((m) => m.content),
      ...[...document.querySelectorAll('#controls input, #controls select')].map((c) => c.value)],
    violations: window.__violations || [],
  };
}"""

# Runs before the page's own scripts, through the DevTools protocol (not governed by the CSP).
RECORD_VIOLATIONS = """document.addEventListener('securitypolicyviolation', (e) => {
  (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI);
});"""


def _url(server: str, path: str, parameter: str, value: str) -> str:
    return f"{server}{path}?{urlencode({parameter: value})}"


@pytest.fixture(scope="module")
def strict_context(browser: Any) -> Iterator[Any]:
    """A context that keeps the page's CSP (no bypass_csp), unlike the functional tests'."""
    assert "--disable-web-security" not in CHROMIUM_ARGS
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def _load(context: Any, url: str) -> dict[str, Any]:
    """Open ``url``, wait until the page's script has run, and inspect the document."""
    page = context.new_page()
    dialogs: list[str] = []
    problems: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    # wait_for_selector runs in Playwright's own world; wait_for_function would need eval.
    page.wait_for_selector("html[data-ready]", state="attached")
    seen: dict[str, Any] = page.evaluate(INSPECT)
    page.close()
    seen["dialogs"] = dialogs
    seen["problems"] = problems
    return seen


@pytest.fixture(scope="module")
def clean(strict_context: Any, server: str) -> dict[str, dict[str, Any]]:
    """Each page as its own markup makes it, with no parameters."""
    return {path: _load(strict_context, server + path) for path in (*PAGES, NETWORK)}


@pytest.fixture(scope="module")
def clean_html(server: str) -> dict[str, str]:
    return {path: httpx.get(server + path).text for path in (*PAGES, NETWORK)}


class _Markup(HTMLParser):
    """Counts what the parser sees as markup: tags, comments, inline handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen[f"<{tag}>"] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.seen["handler"] += 1
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.seen["javascript: url"] += 1

    def handle_endtag(self, tag: str) -> None:
        self.seen[f"</{tag}>"] += 1

    def handle_comment(self, data: str) -> None:
        self.seen["comment"] += 1


def _markup(html: str) -> Counter[str]:
    """What a payload would add to the page if it were reflected raw; and a {{7*7}} sum."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    parser.seen["49"] = html.count("49")
    return parser.seen


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("parameter", PARAMETERS)
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_served_html_escapes_the_payload(
    server: str, clean_html: dict[str, str], path: str, parameter: str, value: str
) -> None:
    response = httpx.get(_url(server, path, parameter, value))
    assert response.status_code == 200
    html = response.text
    kept = value[:64]  # the page reads at most 64 characters of a parameter
    if MARKUP & set(kept):
        assert kept not in html
    assert _markup(html) == _markup(clean_html[path])


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("parameter", PARAMETERS)
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_browser_runs_nothing_from_the_payload(
    strict_context: Any,
    server: str,
    clean: dict[str, dict[str, Any]],
    path: str,
    parameter: str,
    value: str,
) -> None:
    seen = _load(strict_context, _url(server, path, parameter, value))
    assert seen["dialogs"] == []
    assert seen["problems"] == []
    assert seen["violations"] == []
    assert seen["handlers"] == clean[path]["handlers"] == []
    assert seen["jsUrls"] == []
    assert seen["injected"] == 0
    assert seen["errorChildren"] == 0
    # The same elements as a clean load: the payload added none, in head or body.
    assert seen["tags"] == clean[path]["tags"]
    # Every payload is refused, so the page names, previews and offers the default figure.
    assert seen["text"] == clean[path]["text"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_payload_in_every_parameter_at_once(
    strict_context: Any, server: str, clean: dict[str, dict[str, Any]], path: str, value: str
) -> None:
    seen = _load(strict_context, f"{server}{path}?{urlencode(dict.fromkeys(PARAMETERS, value))}")
    assert (seen["dialogs"], seen["problems"], seen["violations"]) == ([], [], [])
    assert seen["injected"] == 0
    assert seen["tags"] == clean[path]["tags"]


@pytest.mark.parametrize("parameter", NETWORK_PARAMETERS)
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_planner_escapes_the_payload(
    server: str, clean_html: dict[str, str], parameter: str, value: str
) -> None:
    response = httpx.get(_url(server, NETWORK, parameter, value))
    assert response.status_code == 200
    html = response.text
    if MARKUP & set(value[:64]):
        assert value[:64] not in html
    assert _markup(html) == _markup(clean_html[NETWORK])


@pytest.mark.parametrize("parameter", NETWORK_PARAMETERS)
@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_planner_keeps_the_payload_as_text(
    strict_context: Any,
    server: str,
    clean: dict[str, dict[str, Any]],
    parameter: str,
    value: str,
) -> None:
    seen = _load(strict_context, _url(server, NETWORK, parameter, value))
    assert (seen["dialogs"], seen["problems"], seen["violations"]) == ([], [], [])
    assert seen["handlers"] == clean[NETWORK]["handlers"] == []
    assert seen["jsUrls"] == []
    assert seen["injected"] == 0
    assert seen["errorChildren"] == 0
    # Every payload is refused: the default network's table, charts and field, no more.
    assert seen["tags"] == clean[NETWORK]["tags"]
    # The editor holds what the link said, as text (i and c_in cut past 64 characters).
    field = {"i": "net-i", "c_in": "net-c", "layers": "net-layers"}.get(parameter)
    if field is not None:
        assert seen["editor"][field] == value[: 2049 if parameter == "layers" else 65]


@pytest.mark.parametrize("value", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_planner_with_the_payload_everywhere(
    strict_context: Any, server: str, clean: dict[str, dict[str, Any]], value: str
) -> None:
    query = urlencode(dict.fromkeys(NETWORK_PARAMETERS, value))
    seen = _load(strict_context, f"{server}{NETWORK}?{query}")
    assert (seen["dialogs"], seen["problems"], seen["violations"]) == ([], [], [])
    assert seen["injected"] == 0
    assert seen["tags"] == clean[NETWORK]["tags"]
