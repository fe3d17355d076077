"""The dilated causal stack: trees worked by hand, PyTorch's gradients as the oracle for what
an output reads (and along how many paths), the limits on both sides, the API and the page."""

from __future__ import annotations

import random

import pytest
import torch
import torch.nn.functional as F
from fastapi.testclient import TestClient

from app.core.causal import causal_answer, parse_causal, tree
from app.core.parameters import ConfigError
from app.main import app

client = TestClient(app)


def test_wavenet_reads_every_input_once() -> None:
    """k = 2, d = 1, 2, 4, 8 (WaveNet): the last of 16 outputs reads all 16 inputs, each
    along one path; the field is 1 + 1·(1 + 2 + 4 + 8) = 16."""
    stack = parse_causal("2", "1,2,4,8", "16")
    found = tree(stack)
    assert stack.field == 16
    assert found.reached == (
        tuple(range(16)),
        (1, 3, 5, 7, 9, 11, 13, 15),
        (3, 7, 11, 15),
        (7, 15),
        (15,),
    )
    assert found.paths == dict.fromkeys(range(16), 1)
    assert found.padding_reads == (0, 0, 0, 0)


def test_hand_worked_with_padding() -> None:
    """k = 3, d = 1, 2 over 4 positions, output 3: layer 1 reads 3 − 4 = −1 (padding), 1 and 3;
    layer 0 reads −1, 0, 1 for 1 and 1, 2, 3 for 3: input 1 twice (paths 2)."""
    found = tree(parse_causal("3", "1,2", "4"))
    assert found.reached == ((0, 1, 2, 3), (1, 3), (3,))
    assert found.paths == {0: 1, 1: 2, 2: 1, 3: 1}
    assert found.padding_reads == (1, 1)


def _torch_gradient(k: int, dilations: list[int], n: int, t: int) -> tuple[list[float], int]:
    """d y[t] / d x for the stack with every weight 1 and no bias, and the output's length."""
    x = torch.zeros(1, 1, n, dtype=torch.float64, requires_grad=True)
    y = x
    for d in dilations:
        weight = torch.ones(1, 1, k, dtype=torch.float64)
        y = F.conv1d(F.pad(y, (d * (k - 1), 0)), weight, dilation=d)
    y[0, 0, t].backward()
    assert x.grad is not None
    return x.grad[0, 0].tolist(), y.shape[-1]


def test_reads_and_paths_equal_pytorch_gradients() -> None:
    rng = random.Random(13)
    for _ in range(150):
        k = rng.randint(1, 4)
        dilations = [rng.randint(1, 5) for _ in range(rng.randint(1, 4))]
        n = rng.randint(1, 24)
        t = rng.randrange(n)
        stack = parse_causal(str(k), ",".join(map(str, dilations)), str(n), str(t))
        found = tree(stack)
        gradient, length = _torch_gradient(k, dilations, n, t)
        assert length == n
        read = {position: round(g) for position, g in enumerate(gradient) if g}
        assert found.paths == read, (k, dilations, n, t)
        assert set(found.reached[0]) == set(read)


def test_the_pytorch_snippet_runs() -> None:
    stack = parse_causal("3", "1,2,4", "10")
    scope: dict[str, object] = {}
    exec(causal_answer(stack, "en")["code"]["pytorch"], scope)
    layers = scope["stack"]
    assert isinstance(layers, torch.nn.Module)
    assert layers(torch.zeros(1, 1, 10)).shape == (1, 1, 10)


@pytest.mark.parametrize(
    ("k", "d", "n", "t", "ok"),
    [
        ("1", "1", "1", "0", True),
        ("0", "1", "8", "", False),
        ("8", "1", "8", "", True),
        ("9", "1", "8", "", False),
        ("2", ",".join(["1"] * 12), "8", "", True),
        ("2", ",".join(["1"] * 13), "8", "", False),
        ("2", "1024", "8", "", True),
        ("2", "1025", "8", "", False),
        ("2", "0", "8", "", False),
        ("2", "1", "256", "", True),
        ("2", "1", "257", "", False),
        ("2", "1", "8", "7", True),
        ("2", "1", "8", "8", False),
        ("2", "1,,2", "8", "", False),
        ("2", "one", "8", "", False),
        ("2.5", "1", "8", "", False),
    ],
)
def test_limits_both_sides(k: str, d: str, n: str, t: str, ok: bool) -> None:
    query = {"k": k, "d": d, "n": n} | ({"t": t} if t else {})
    response = client.get("/api/causal", params=query)
    assert response.status_code == (200 if ok else 422), response.text
    if ok:
        assert len(response.json()["levels"][0]) >= 1
    else:
        assert response.json()["parameter"] in ("k", "d", "n", "t")
        with pytest.raises(ConfigError):
            parse_causal(k, d, n, t or None)


def test_the_widest_stack_is_bounded() -> None:
    """8 taps, 12 layers of dilation 1 over 256 positions: every tap listed, answered."""
    response = client.get("/api/causal", params={"k": "8", "d": ",".join(["1"] * 12), "n": "256"})
    assert response.status_code == 200
    body = response.json()
    assert body["field"] == 1 + 7 * 12
    assert len(body["levels"][0]) == 85


def test_api_in_both_languages() -> None:
    english = client.get("/api/causal?lang=en").json()
    korean = client.get("/api/causal", headers={"Accept-Language": "ko"})
    assert english["summary"] == (
        "Output 15 of the last layer reads inputs 0 to 15; its receptive field is "
        "1 + (2 − 1)·(1 + 2 + 4 + 8) = 16 positions."
    )
    assert korean.headers["content-language"] == "ko"
    assert "수용 영역" in korean.json()["summary"]
    assert client.get("/api/causal?x=1").status_code == 422


def test_notes_say_what_the_tree_shows() -> None:
    holes = client.get("/api/causal", params={"k": "2", "d": "2,4,8", "n": "32"}).json()
    # Output 31 reads 31 − 14 … 31 stepping by 2: 8 inputs of a 15-wide field, 7 skipped.
    assert holes["field"] == 15 and len(holes["levels"][0]) == 8
    assert any("7 positions inside the field are never read" in n for n in holes["notes"])
    early = client.get("/api/causal", params={"k": "2", "d": "1,2,4,8", "t": "3"}).json()
    assert any("12 of the field's positions lie before" in n for n in early["notes"])
    plain = client.get("/api/causal", params={"k": "2", "d": "1,1,1"}).json()
    # Binomial path counts 1, 3, 3, 1.
    assert any("from 1 to 3" in n for n in plain["notes"])


def test_page_keeps_a_refused_link_typed() -> None:
    ok = client.get("/causal?lang=ko&k=3&d=1,3,9&n=32")
    assert ok.status_code == 200 and '<html lang="ko">' in ok.text
    assert 'value="1,3,9"' in ok.text
    refused = client.get("/causal?k=2&d=1,0,4&n=16")
    assert refused.status_code == 200
    assert 'value="1,0,4"' in refused.text
    assert "must be from 1 to 1024" in refused.text
