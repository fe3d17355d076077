"""Hardening: security headers everywhere, 304s from ETags, gzip, static caching, bounded input."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.core.figures import BY_NUMBER
from app.web.conditional import etag_matches
from app.web.responses import validation_sentence
from app.web.security import DOCS_CSP, STRICT_CSP, is_frameable
from app.web.static import STATIC_CACHE_CONTROL

FRAMES = "/api/frames?" + urlencode(BY_NUMBER["2.6"].query)

# Every kind of answer: computed, refused, static, missing, and the pages whatever they are
# by now (the headers belong on a 404 as much as on a 200).
NOT_FRAMEABLE = [
    "/",
    FRAMES,
    "/api/arithmetic?i=0",
    "/healthz",
    "/openapi.json",
    "/static/css/page.css",
    "/static/missing.js",
    "/no/such/page",
    "/embedded",
    "/network",
    "/network?preset=alexnet",
    "/network?layers=conv(k%3D3%2Cs%3D2%2Cp%3Dsame)",
]
FRAMEABLE = ["/embed", "/embed?op=transpose&i=3&k=3&s=2", "/embed/", "/render/frame.svg"]


def _directives(csp: str) -> dict[str, str]:
    return {d.split()[0]: d.partition(" ")[2] for d in (x.strip() for x in csp.split(";")) if d}


@pytest.mark.parametrize("path", NOT_FRAMEABLE + FRAMEABLE)
def test_every_answer_carries_the_strict_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    csp = _directives(r.headers["content-security-policy"])
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert r.headers["content-security-policy"].startswith(STRICT_CSP)


@pytest.mark.parametrize("path", NOT_FRAMEABLE)
def test_pages_refuse_to_be_framed(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert _directives(r.headers["content-security-policy"])["frame-ancestors"] == "'none'"
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", FRAMEABLE)
def test_embed_and_pictures_may_be_framed_anywhere(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert _directives(r.headers["content-security-policy"])["frame-ancestors"] == "*"
    assert "x-frame-options" not in r.headers


@pytest.mark.parametrize(
    ("path", "frameable"),
    [("/embed", True), ("/embed/x", True), ("/render/a.gif", True), ("/embedded", False),
     ("/render", False), ("/", False), ("/api/embed", False)],
)  # fmt: skip
def test_is_frameable(path: str, frameable: bool) -> None:
    assert is_frameable(path) is frameable


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_get_a_policy_that_admits_what_they_load(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert csp.startswith(DOCS_CSP)
    directives = _directives(csp)
    for url in re.findall(r"""(?:src|href)=["'](https://[^"']+)""", r.text):
        origin = "https://" + urlsplit(url).netloc
        kind = "script-src" if url.endswith(".js") else "style-src"
        if "/img/" in url or url.endswith((".png", ".ico", ".svg")):
            kind = "img-src"
        assert origin in directives[kind].split(), f"{url} is not allowed by {kind}"


# --- conditional requests -------------------------------------------------------------------


@pytest.mark.parametrize("path", [FRAMES, "/api/arithmetic?op=maxpool&i=5&k=2&ceil=1"])
def test_a_known_etag_gets_a_bodiless_304(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == first.headers["cache-control"]
    assert "accept-encoding" in again.headers["vary"].lower()
    assert "content-type" not in again.headers
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]


def test_a_stale_etag_gets_the_full_answer(client: TestClient) -> None:
    r = client.get(FRAMES, headers={"If-None-Match": '"not-this-one"'})
    assert r.status_code == 200
    assert r.json()["frames"]


def test_no_etag_no_304(client: TestClient) -> None:
    assert client.get("/healthz", headers={"If-None-Match": "*"}).status_code == 200


def test_an_error_is_never_turned_into_a_304(client: TestClient) -> None:
    r = client.get("/api/frames?i=0", headers={"If-None-Match": "*"})
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("if_none_match", "matches"),
    [
        ('"abc"', True),
        ('W/"abc"', True),  # If-None-Match compares weakly (RFC 9110 §13.1.2)
        ('"x", "abc"', True),
        ('"x",W/"abc" ', True),
        ("*", True),
        ('"abcd"', False),
        ("abc", False),
        ("", False),
        ('"a,b"', False),
        ("\x00" * 1000, False),
    ],
)
def test_etag_matches(if_none_match: str, matches: bool) -> None:
    assert etag_matches(if_none_match, '"abc"') is matches


def test_static_files_revalidate_with_cache_control(client: TestClient) -> None:
    first = client.get("/static/css/page.css")
    assert first.headers["cache-control"] == STATIC_CACHE_CONTROL
    again = client.get("/static/css/page.css", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["cache-control"] == STATIC_CACHE_CONTROL


# --- compression ------------------------------------------------------------------------------


def test_gzip_keeps_the_body_and_the_etag(client: TestClient) -> None:
    plain = client.get(FRAMES, headers={"Accept-Encoding": "identity"})
    packed = client.get(FRAMES, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert int(packed.headers["content-length"]) < len(plain.content)
    assert packed.content == plain.content  # the client has already gunzipped it
    # One ETag for both codings: it names the JSON; Vary keeps caches' copies apart.
    assert packed.headers["etag"] == plain.headers["etag"]


def test_gzip_is_real_gzip(client: TestClient) -> None:
    with client.stream("GET", FRAMES, headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
    assert gzip.decompress(raw) == client.get(FRAMES).content


def test_small_answers_are_not_compressed(client: TestClient) -> None:
    r = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in r.headers


# --- bounded input ----------------------------------------------------------------------------

HOSTILE_QUERIES = [
    "i=" + "9" * 10_000,
    "i=1&" * 5_000,
    "p=" + "same," * 500,
    "op=%00&k=%ff%fe",
    "i=%E2%80%AE5",
    "k=3,3,3",
    "i=-0",
    "d=1e9",
    "s=0x10",
    "unknown=1&" * 100,
    "ceil=" + "1" * 65,
]


@pytest.mark.parametrize("endpoint", ["/api/arithmetic", "/api/frames"])
@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: q[:20])
def test_hostile_queries_get_a_sentence_or_an_answer(
    client: TestClient, endpoint: str, query: str
) -> None:
    r = client.get(f"{endpoint}?{query}")
    assert r.status_code in (200, 422)
    if r.status_code == 422:
        body = r.json()
        assert body["detail"].endswith(".")
        assert " " in body["detail"]
        assert isinstance(body["parameter"], str)


NETWORK_LINKS = [
    "layers=" + "conv(k=3);" * 1_000,
    "layers=" + "(" * 3_000,
    "layers=conv(" + "k=3," * 600 + ")",
    "layers=%00conv(k%3D%ff)",
    "i=4096&layers=" + "conv(k=1,c=65536);" * 64,
    "preset=" + "x" * 5_000,
    "c_in=" + "9" * 10_000 + "&layers=fc(c=1)",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES + NETWORK_LINKS, ids=lambda q: q[:20])
def test_hostile_links_still_open_the_planner(client: TestClient, query: str) -> None:
    r = client.get(f"/network?{query}")
    assert r.status_code == 200
    assert r.headers["content-security-policy"].startswith(STRICT_CSP)


@pytest.mark.parametrize(
    "headers",
    [
        {"If-None-Match": "\x7f" * 4000},
        {"Accept-Encoding": "gzip;q=0, br, zstd, *"},
        {"Accept-Encoding": "x" * 4000},
        {"Range": "bytes=0-10"},
        {"Host": "evil.example"},
    ],
)
def test_odd_headers_are_harmless(client: TestClient, headers: dict[str, str]) -> None:
    assert client.get(FRAMES, headers=headers).status_code == 200


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (
            {"type": "string_too_long", "loc": ("query", "i"), "ctx": {"max_length": 64}},
            "The parameter i is too long: give at most 64 characters.",
        ),
        (
            {"type": "missing", "loc": ("query", "op"), "msg": "Field required"},
            "The parameter op is missing; add it.",
        ),
        (
            {"type": "string_type", "loc": ("query", "k"), "msg": "Input should be a string"},
            "The parameter k is not valid (input should be a string); correct it and retry.",
        ),
        ({}, "The request is not valid; correct it and retry."),
    ],
)
def test_validation_errors_read_as_sentences(error: dict[str, object], sentence: str) -> None:
    assert str(validation_sentence(error)) == sentence
