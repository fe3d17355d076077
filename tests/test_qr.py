"""/qr.svg: the link's QR code as SVG, module for module segno's code of exactly that link;
only http(s) links up to 2,000 characters, never echoed as text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import segno
from fastapi.testclient import TestClient

SVG = "{http://www.w3.org/2000/svg}"
LINK = "http://192.168.1.20:8000/?op=conv&i=4&k=3&s=1&p=0&step=2"


def dark_modules(svg: bytes) -> set[tuple[int, int]]:
    """The dark modules an SVG path draws: "M x y" / "m dx dy" move, "h n" draws n modules
    along the row (segno's own path syntax, read here on its own)."""
    root = ET.fromstring(svg)
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#000"]
    x = y = 0.0
    cells = set()
    for command, numbers in re.findall(r"([MmHhVv])([-\d.\s]+)", path.get("d", "")):
        values = [float(v) for v in numbers.split()]
        if command in "Mm":
            x, y = (values[0], values[1]) if command == "M" else (x + values[0], y + values[1])
        elif command == "h":
            cells.update((int(y), int(x) + n) for n in range(int(values[0])))
            x += values[0]
        else:
            raise AssertionError(f"unexpected path command {command}")
    return cells


def expected_modules(url: str, border: int = 4) -> set[tuple[int, int]]:
    code = segno.make_qr(url, error="m")
    return {
        (r + border, c + border)
        for r, row in enumerate(code.matrix)
        for c, dark in enumerate(row)
        if dark
    }


def test_the_svg_is_the_qr_code_of_the_link(client: TestClient) -> None:
    response = client.get("/qr.svg", params={"url": LINK})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["cache-control"] == "public, max-age=86400"
    assert response.headers["etag"].startswith('"')
    # The site's CSP shows it in an <img> (img-src 'self').
    assert "img-src 'self'" in response.headers["content-security-policy"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    side = 4 * segno.make_qr(LINK, error="m").version + 17 + 2 * 4
    assert root.get("viewBox") == f"0 0 {side} {side}"
    assert dark_modules(response.content) == expected_modules(LINK)
    assert dark_modules(response.content) != expected_modules(LINK + "&step=3")
    # The link is in the modules only: no text, no title, no script.
    assert b"192.168" not in response.content and b"<text" not in response.content
    assert b"script" not in response.content


@pytest.mark.parametrize(("length", "status"), [(2000, 200), (2001, 422)])
def test_links_up_to_2000_characters(client: TestClient, length: int, status: int) -> None:
    url = "https://example.org/?x=" + "1" * (length - len("https://example.org/?x="))
    assert len(url) == length
    response = client.get("/qr.svg", params={"url": url})
    assert response.status_code == status
    if status == 422:
        assert response.json()["parameter"] == "url"
        assert "at most 2,000" in response.json()["detail"]
    else:
        assert dark_modules(response.content) == expected_modules(url)


def test_letters_outside_ascii_count_as_their_bytes(client: TestClient) -> None:
    url = "https://example.org/" + "가" * 700  # 2,100 bytes in UTF-8
    response = client.get("/qr.svg", params={"url": url})
    assert response.status_code == 422 and "2,120 characters" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT://example.org/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/",
        "//example.org/",
        "/?op=conv",
        "http:",
        "https:///path-only",
        "",
    ],
)
def test_only_http_links_are_drawn(client: TestClient, url: str) -> None:
    response = client.get("/qr.svg", params={"url": url})
    assert response.status_code == 422
    body = response.json()
    assert body["parameter"] == "url"
    assert "Only http:// and https:// links" in body["detail"] or "missing" in body["detail"]
    assert "<script>" not in response.text


def test_a_missing_url_is_a_sentence(client: TestClient) -> None:
    response = client.get("/qr.svg")
    assert response.status_code == 422
    assert response.json()["detail"] == "The parameter url is missing; add it."
