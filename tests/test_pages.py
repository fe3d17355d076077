"""The page's server side: link previews' addresses, HEAD, and links to impossible figures
or to layers too large to draw."""

from __future__ import annotations

import html
import json

import pytest
from fastapi.testclient import TestClient


def _initial(page: str) -> dict[str, object]:
    block = page.split('<script type="application/json" id="initial-state">')[1]
    state: dict[str, object] = json.loads(html.unescape(block.split("</script>")[0]))
    return state


def test_previews_use_the_configured_public_origin(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVARITH_PUBLIC_URL", "https://convarith.example/")
    page = client.get("/?op=conv&i=5&k=3", headers={"Host": "evil.example"}).text
    assert 'content="https://convarith.example/render/frame.png?op=conv&amp;i=5' in page
    assert "evil.example" not in page


def test_head_answers_for_link_checkers(client: TestClient) -> None:
    for path in ("/", "/embed"):
        response = client.head(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")


def test_an_impossible_link_opens_the_nearest_figure_with_the_reason(client: TestClient) -> None:
    page = client.get("/?op=maxpool&k=2&p=5").text
    assert "Pooling padding may be at most half the kernel size" in page
    # p = 1 = ⌊k/2⌋, the stride k = 2: (5 + 2 − 2) // 2 + 1 = 3.
    assert "output 3×3" in page
    assert "p = 1 instead of 5" in page


@pytest.mark.parametrize("path", ["/", "/embed"])
@pytest.mark.parametrize(
    ("query", "output", "why"),
    [
        # The page's own (compact) bounds: 512 per side, 16,777,216 cell references.
        ("op=conv&i=600&k=11&s=4", [148, 148], "600×600 cells, over the limit of 512 per side"),
        ("op=conv&i=512&k=16", [497, 497], "63,234,304 cells"),
        ("op=transpose&i=300&k=3&s=2&view=scatter", [601, 601], "scatter canvas"),
    ],
)
def test_a_link_too_large_to_draw_opens_its_arithmetic_and_says_why(
    client: TestClient, path: str, query: str, output: list[int], why: str
) -> None:
    """Not the default figure: the linked layer's shapes, formula and code, a sentence
    saying why there is no figure and what to lower, and no picture to download."""
    page = client.get(f"{path}?{query}").text
    state = _initial(page)
    data = state["data"]
    assert isinstance(data, dict)
    assert data["output_shape"] == output and "frames" not in data
    assert state["error"] is None and state["step"] is None
    undrawable = str(state["undrawable"])
    assert undrawable.startswith("This layer is too large to draw.") and why in undrawable
    assert '<p id="undrawable" class="notice" role="status">This layer' in page
    assert 'class="stage undrawable"' in page
    if path == "/":
        assert '<div class="export-links" hidden>' in page
        assert 'property="og:image"' not in page


def test_a_drawable_link_has_no_undrawable_sentence(client: TestClient) -> None:
    page = client.get("/?op=conv&i=160&k=40&s=40").text
    assert _initial(page)["undrawable"] is None
    assert '<p id="undrawable" class="notice" role="status" hidden>' in page
    assert 'property="og:image"' in page


@pytest.mark.parametrize(
    ("query", "said", "not_said"),
    [
        ("op=conv&i=5&k=3", "under the kernel", "under the window"),
        ("op=avgpool&i=5&k=3", "under the window", "under the kernel"),
        ("op=maxpool&i=5&k=3&p=1", "−∞ padding (max pooling)", "zero padding"),
    ],
)
def test_the_legend_names_what_the_picture_names(
    client: TestClient, query: str, said: str, not_said: str
) -> None:
    page = client.get(f"/?{query}").text
    # The whole catalogue is in the page too (for its scripts): look in the legend only.
    legend = page[page.index('<ul class="legend"') :]
    legend = legend[: legend.index("</ul>")]
    assert said in legend and not_said not in legend


def test_image_mode_in_a_link_is_kept_by_its_preview_and_left_out_of_pictures(
    client: TestClient,
) -> None:
    page = client.get("/?op=conv&i=5&k=3&s=2&p=0&w=sobel_x&image=rings&image_zoom=2").text
    link = (
        "/?op=conv&amp;i=5&amp;k=3&amp;s=2&amp;p=0&amp;w=sobel_x&amp;image=rings&amp;image_zoom=2"
    )
    assert f'<link rel="canonical" href="http://testserver{link}">' in page
    assert 'content="http://testserver/render/frame.png?op=conv&amp;i=5&amp;k=3&amp;s=2' in page
    assert "image=rings" not in page.split('property="og:image" content="')[1].split('"')[0]
    assert _initial(page)["image"] == {"sample": "rings", "scale": "auto", "zoom": 2}


@pytest.mark.parametrize(
    ("query", "on"),
    [
        ("op=transpose&i=4&k=3&s=2&overlap=1", True),
        ("op=transpose&i=4&k=3&s=2&overlap=0", False),
        ("op=transpose&i=4&k=3&s=2", False),
        # Only a transposed convolution has kernel copies to count: elsewhere it means nothing.
        ("op=conv&i=4&k=3&s=2&overlap=1", False),
    ],
)
def test_the_overlap_heatmap_in_a_link(client: TestClient, query: str, on: bool) -> None:
    page = client.get(f"/?{query}").text
    assert _initial(page)["overlap"] is on
    assert ('id="overlap" checked' in page) is on
    # A page setting, not an ignored parameter; kept by the preview's address where it counts.
    assert 'id="ignored"' not in page
    canonical = page.split('<link rel="canonical" href="')[1].split('"')[0]
    assert canonical.endswith("&amp;overlap=1") is on
    # The toggle shows for a transposed convolution only.
    toggle = page.split('id="overlap-toggle"')[1].split(">")[0]
    assert ("hidden" in toggle) is query.startswith("op=conv")


def test_a_bad_image_value_never_breaks_the_page(client: TestClient) -> None:
    for query in ("image=%00", "image_zoom=-1", "image_scale=", "image=rings&image=shapes"):
        assert client.get(f"/?{query}").status_code == 200, query
        assert client.get(f"/embed?{query}").status_code == 200, query


KOREAN = {"ko": "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"}


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/", ["합성곱", "스트라이드 s", "링크 복사"]),
        ("/embed", ["출력 칸", "convarith에서 열기"]),
        ("/network", ["수용 영역", "파라미터 수"]),
    ],
)
@pytest.mark.parametrize("how", ["link", "header"])
def test_pages_in_korean_by_link_or_by_the_browser(
    client: TestClient, path: str, words: list[str], how: str
) -> None:
    if how == "link":
        page = client.get(f"{path}?lang=ko").text
    else:
        page = client.get(path, headers={"Accept-Language": KOREAN["ko"]}).text
    assert '<html lang="ko">' in page
    for word in words:
        assert word in page


def test_a_link_in_english_wins_over_a_korean_browser(client: TestClient) -> None:
    page = client.get("/?lang=en", headers={"Accept-Language": KOREAN["ko"]}).text
    assert '<html lang="en">' in page
    assert "Convolution" in page and "합성곱" not in page.split('id="messages"')[0]


def test_the_language_switch_keeps_the_whole_link(client: TestClient) -> None:
    page = client.get("/?op=conv&i=6&k=3&s=2&p=1&numbers=1&step=2&lang=ko").text
    switch = page.split('class="language"')[1].split("</nav>")[0]
    assert (
        'href="/?op=conv&amp;i=6&amp;k=3&amp;s=2&amp;p=1&amp;numbers=1&amp;step=2&amp;lang=en"'
        in switch
    )
    assert 'aria-current="true">한국어</a>' in switch
    assert ">English</a>" in switch


def test_links_keep_the_language_the_link_chose(client: TestClient) -> None:
    page = client.get("/?op=conv&i=5&k=3&lang=ko").text
    assert 'href="/network?lang=ko"' in page
    assert (
        "/render/frame.png?op=conv&amp;i=5&amp;k=3&amp;s=1&amp;p=0&amp;step=0&amp;lang=ko" in page
    )
    planner = client.get("/network?lang=ko").text
    assert 'id="to-figure" href="/?lang=ko"' in planner


def test_the_footer_shows_the_glossary_in_both_languages(client: TestClient) -> None:
    for lang, title in [("en", "Terms in English and Korean"), ("ko", "용어 (영어·한국어)")]:
        page = client.get(f"/?lang={lang}").text
        glossary = page.split('class="glossary"')[1].split("</details>")[0]
        assert title in glossary
        assert '<dt lang="en">receptive field</dt><dd lang="ko">수용 영역</dd>' in glossary
