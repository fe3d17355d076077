"""The page's server side: link previews' addresses, HEAD, and links to impossible figures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


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


def test_an_impossible_link_opens_the_default_figure_with_the_reason(client: TestClient) -> None:
    page = client.get("/?op=maxpool&k=2&p=5").text
    assert "Pooling padding may be at most half the kernel size" in page
    assert "output 3×3" in page


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
