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
