"""The channel panel's grouping rule (static/js/channels.js) against PyTorch: with all-ones
weights, the input channels whose gradient of output channel o's sum is non-zero are exactly
the ones the panel says o reads."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.torch

ROOT = Path(__file__).resolve().parents[1]
NODE_TIMEOUT_SECONDS = 60
# (op, c_in, c_out, g): ungrouped, grouped, depthwise, depthwise with a multiplier, and the
# page's grouped example; for both convolutions.
CASES = [
    (op, c_in, c_out, g)
    for op in ("conv", "transpose")
    for c_in, c_out, g in [(3, 2, 1), (4, 6, 2), (4, 4, 4), (4, 8, 4), (6, 3, 3), (8, 4, 2)]
]


def panel_reads() -> dict[str, list[list[int]]]:
    """For each case, [first, end) of every output channel, as channels.js computes it."""
    node = shutil.which("node")
    assert node is not None, "node is missing: apt-get install -y nodejs (see the README)"
    script = (
        "import { channelPlan, inputsOf } from './static/js/channels.js';"
        f"const cases = {json.dumps(CASES)};"
        "const out = {};"
        "for (const [op, c_in, c_out, g] of cases) {"
        "  const plan = channelPlan(op, { c_in, c_out, g });"
        "  out[[op, c_in, c_out, g].join(',')] ="
        "    Array.from({ length: c_out }, (_, o) => inputsOf(plan, o));"
        "}"
        "console.log(JSON.stringify(out));"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_SECONDS,
        check=True,
    )
    answer: dict[str, list[list[int]]] = json.loads(result.stdout)
    return answer


def torch_reads(op: str, c_in: int, c_out: int, g: int, o: int) -> list[int]:
    """The input channels that change output channel o, by the gradient of its sum."""
    if op == "conv":
        layer = torch.nn.Conv2d(c_in, c_out, 3, padding=1, groups=g, bias=False)
    else:
        layer = torch.nn.ConvTranspose2d(c_in, c_out, 3, padding=1, groups=g, bias=False)
    with torch.no_grad():
        layer.weight.fill_(1.0)
    x = torch.ones(1, c_in, 5, 5, requires_grad=True)
    layer(x)[0, o].sum().backward()
    assert x.grad is not None
    reached = x.grad[0].abs().sum(dim=(1, 2))
    return [c for c in range(c_in) if reached[c] > 0]


@pytest.fixture(scope="module")
def reads() -> dict[str, list[list[int]]]:
    return panel_reads()


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(map(str, c)))
def test_the_panels_grouping_is_pytorchs(
    reads: dict[str, list[list[int]]], case: tuple[str, int, int, int]
) -> None:
    op, c_in, c_out, g = case
    ranges = reads[",".join(map(str, case))]
    assert len(ranges) == c_out
    for o, (first, end) in enumerate(ranges):
        assert list(range(first, end)) == torch_reads(op, c_in, c_out, g, o), o
