"""Starlette's own refusals in the request's language: a missing address and a method a
route does not take say what to do, in JSON for data and as a page for a browser."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)
PAGE = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_missing_address_in_english_by_default() -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is nothing at /api/nothing-here: check the address's spelling; "
        "the API's routes are listed at /docs."
    }
    assert response.headers["content-language"] == "en"


def test_missing_address_in_korean_by_lang_or_header() -> None:
    by_lang = client.get("/api/nothing-here?lang=ko")
    by_header = client.get("/api/nothing-here", headers={"Accept-Language": "ko-KR,ko;q=0.9"})
    for response in (by_lang, by_header):
        assert response.status_code == 404
        assert response.json()["detail"].startswith("/api/nothing-here에는 아무것도 없습니다")
        assert response.headers["content-language"] == "ko"
    # Only the header's choice varies with the header (a cache must keep both).
    assert "Accept-Language" in by_header.headers["vary"]
    assert "Accept-Language" not in by_lang.headers.get("vary", "")


def test_a_browser_gets_a_page_with_the_way_back() -> None:
    response = client.get("/figures?lang=ko", headers=PAGE)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="ko">' in html
    assert "/figures에는 아무것도 없습니다" in html
    assert 'href="/?lang=ko"' in html and 'href="/network?lang=ko"' in html
    assert "그림 열기" in html


def test_the_page_escapes_the_address() -> None:
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E", headers=PAGE)
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)" in response.text


def test_data_addresses_stay_json_for_a_browser() -> None:
    for path in ("/api/nothing", "/render/nothing", "/static/nothing.js"):
        response = client.get(path, headers=PAGE)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/json", path


def test_a_method_not_taken_names_the_ones_that_are() -> None:
    response = client.post("/api/frames?lang=en")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.json() == {"detail": "This address does not take POST requests; it takes GET."}
    korean = client.put("/api/filter?lang=ko")
    assert korean.status_code == 405
    assert korean.json()["detail"] == "이 주소는 PUT 요청을 받지 않습니다. 받는 요청: GET, POST."
