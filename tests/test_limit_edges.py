"""Edges a sampled mutation run (tools/mutants.py, seed 2) found unwatched: the numbers in a
transposed convolution's refusal, and the frame limit on a non-square output. Every number
here is worked by hand."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_a_transposed_output_below_one_cell_says_by_how_much(client: TestClient) -> None:
    """i=3, k=3, s=2 produces (3 − 1)·2 + (3 − 1) + 1 = 7 cells; p=4 trims 2·4 = 8 of them,
    leaving −1; p may be at most (7 − 1) // 2 = 3 (which leaves 1)."""
    body = client.get("/api/arithmetic?op=transpose&i=3&k=3&s=2&p=4").json()
    assert body["parameter"] == "p"
    assert body["detail"] == (
        "The output would be -1 cells: padding p=4 trims 2p=8 from the 7 cells the "
        "transposed convolution produces; lower p to at most 3."
    )
    assert client.get("/api/arithmetic?op=transpose&i=3&k=3&s=2&p=3").json()["output_shape"] == [
        1,
        1,
    ]


@pytest.mark.parametrize(
    ("size", "drawn"),
    [
        ("128", True),  # 128 × 128 = 16,384 steps: exactly the limit
        ("128,129", False),  # 16,512 steps, whichever axis is the longer
        ("129,128", False),
        ("127,129", True),  # 16,383
    ],
)
def test_the_frame_limit_counts_both_axes(client: TestClient, size: str, drawn: bool) -> None:
    response = client.get(f"/api/frames?op=conv&i={size}&k=1")
    if drawn:
        assert response.status_code == 200
        assert len(response.json()["frames"]) <= 16_384
    else:
        assert response.status_code == 422
        assert response.json()["reason"] == "drawing"
        assert "16,512 steps" in response.json()["detail"]


# The drawing's limits by form, each on both sides; every number worked by hand.
@pytest.mark.parametrize(
    ("size", "drawn"),
    [
        ("271", True),  # output 256×256 × kernel 16×16 = 16,777,216: exactly the limit
        ("271,272", False),  # 256×257 × 256 = 16,842,752
        ("272,271", False),
    ],
)
def test_the_compact_cell_limit_counts_both_axes(
    client: TestClient, size: str, drawn: bool
) -> None:
    response = client.get(f"/api/frames?op=conv&i={size}&k=16&form=compact")
    if drawn:
        assert response.status_code == 200
        assert response.json()["frames"]["count"] == 256 * 256
    else:
        body = response.json()
        assert (response.status_code, body["reason"], body["parameter"]) == (422, "drawing", "i")
        assert "16,842,752 cells" in body["detail"]
        assert "over the limit of 16,777,216" in body["detail"]


def test_the_compact_step_limit_is_the_grid_limit_squared(client: TestClient) -> None:
    """512 × 512 = 262,144 steps at a 1×1 kernel: the step limit; one more output row needs a
    513-cell grid, which the grid limit refuses first."""
    body = client.get("/api/frames?op=conv&i=512&k=1&form=compact").json()
    assert body["frames"]["count"] == 262_144
    assert body["frames"]["shape"] == [512, 512]
    refused = client.get("/api/frames?op=conv&i=513,512&k=1&form=compact").json()
    assert refused["detail"].startswith("The drawn grid would be 513×512 cells")


@pytest.mark.parametrize(
    ("size", "drawn"),
    [
        ("71", True),  # output 64×64 × kernel 8×8 = 262,144: exactly the verbose limit
        ("71,72", False),  # 64×65 × 64 = 266,240, in 4,160 steps on a 71×72 grid
    ],
)
def test_the_verbose_cell_limit_says_to_ask_for_the_compact_form(
    client: TestClient, size: str, drawn: bool
) -> None:
    response = client.get(f"/api/frames?op=conv&i={size}&k=8")
    if drawn:
        assert response.status_code == 200
        assert sum(len(f["cells"]) for f in response.json()["frames"]) == 262_144
        return
    body = response.json()
    assert (response.status_code, body["reason"], body["parameter"]) == (422, "drawing", "form")
    assert body["detail"] == (
        "The verbose answer would name 266,240 cells in 4,160 steps on a 71×72 grid, over "
        "its limits of 262,144 cells, 16,384 steps and 160 per side: ask for form=compact, "
        "which describes the same frames in a fraction of the bytes."
    )
    korean = client.get(f"/api/frames?op=conv&i={size}&k=8&lang=ko").json()["detail"]
    assert "form=compact" in korean and "266,240칸" in korean
    assert client.get(f"/api/frames?op=conv&i={size}&k=8&form=compact").status_code == 200


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/render/frame.png", "&scale=4"),
        ("/render/frame.svg", "&scale=4"),
        ("/render/animation.gif", "&scale=4"),
    ],
)
def test_pictures_keep_their_grid_limit(client: TestClient, path: str, extra: str) -> None:
    """A picture draws every cell with Pillow: 160 per side, as before the compact form (a
    161 grid, k=40, s=40: 4×4 steps, is refused though the compact answer draws it)."""
    at = client.get(f"{path}?op=conv&i=160&k=40&s=40{extra}")
    assert at.status_code == 200, at.text
    past = client.get(f"{path}?op=conv&i=161&k=40&s=40{extra}")
    body = past.json()
    assert (past.status_code, body["reason"], body["parameter"]) == (422, "drawing", "i")
    assert "over the limit of 160 per side" in body["detail"]
    assert client.get("/api/frames?op=conv&i=161&k=40&s=40&form=compact").status_code == 200


def test_a_512_grid_gif_is_not_attempted(client: TestClient) -> None:
    """262,144 steps: the pictures' own bounds refuse it before any drawing."""
    body = client.get("/render/animation.gif?op=conv&i=512&k=1").json()
    assert (body["reason"], body["parameter"]) == ("drawing", "i")


@pytest.mark.parametrize(
    ("form", "lang", "detail"),
    [
        (
            "full",
            "en",
            "form must be verbose or compact, not 'full': leave it out for the verbose "
            "answer, or ask for form=compact.",
        ),
        (
            "COMPACT",
            "ko",
            "form은 verbose 또는 compact여야 하며 'COMPACT'은(는) 쓸 수 없습니다. 자세한 답은 "
            "form을 빼고, 간결한 답은 form=compact로 요청하세요.",
        ),
    ],
)
@pytest.mark.parametrize("path", ["/api/frames", "/api/scatter"])
def test_another_form_is_refused_in_the_requests_language(
    client: TestClient, path: str, form: str, lang: str, detail: str
) -> None:
    response = client.get(f"{path}?op=transpose&i=3&k=3&form={form}&lang={lang}")
    assert response.status_code == 422
    assert response.json() == {"detail": detail, "parameter": "form", "reason": "invalid"}
    for accepted in ("verbose", "compact"):
        ok = client.get(f"{path}?op=transpose&i=3&k=3&form={accepted}&lang={lang}")
        assert ok.status_code == 200
        assert ("form" in ok.json()) == (accepted == "compact")
    # form=verbose is the default answer, byte for byte.
    default = client.get(f"{path}?op=transpose&i=3&k=3&lang={lang}")
    assert (
        default.content
        == client.get(f"{path}?op=transpose&i=3&k=3&form=verbose&lang={lang}").content
    )


def test_the_answer_cache_keeps_each_form_apart(client: TestClient) -> None:
    """One configuration, both forms: two cache entries keyed by the canonical query, whose
    query does not name the form."""
    import app.web.api as api

    query = "op=conv&i=9&k=2&s=3&seed=17"
    compact = client.get(f"/api/frames?{query}&form=compact")
    verbose = client.get(f"/api/frames?{query}")
    canonical = compact.json()["query"]
    assert canonical == verbose.json()["query"] and "form" not in canonical
    assert ("frames:compact", canonical) in api.ANSWERS
    assert ("frames", canonical) in api.ANSWERS
    assert client.get(f"/api/frames?{query}&form=compact").content == compact.content
    assert compact.json()["form"] == "compact" and "form" not in verbose.json()
