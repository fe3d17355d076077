"""Every preset against a torch.nn model built here from its published definition
(torchvision's layer lists for AlexNet, VGG-16 and ResNet-18; Howard et al.'s table 1 for
MobileNet v1): per-layer output and weight shapes and parameters from the modules, MACs from
torch's own FlopCounterMode, shapes from a forward pass on the meta device."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

pytestmark = pytest.mark.torch

COUNTED = (nn.Conv2d, nn.ConvTranspose2d, nn.MaxPool2d, nn.AvgPool2d, nn.Linear)


def alexnet() -> nn.Module:
    """torchvision.models.AlexNet, dropout p and all."""
    return nn.Sequential(
        nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        ),
        nn.AdaptiveAvgPool2d((6, 6)),
        nn.Flatten(),
        nn.Sequential(
            nn.Dropout(p=0.5),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=0.5),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, 1000),
        ),
    )


VGG16_CFG: list[int | str] = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512]
VGG16_CFG += ["M", 512, 512, 512, "M"]


def vgg16() -> nn.Module:
    """torchvision.models.vgg16 (cfgs["D"], no batch norm)."""
    layers: list[nn.Module] = []
    c = 3
    for v in VGG16_CFG:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            assert isinstance(v, int)
            layers += [nn.Conv2d(c, v, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
            c = v
    return nn.Sequential(
        nn.Sequential(*layers),
        nn.AdaptiveAvgPool2d((7, 7)),
        nn.Flatten(),
        nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(),
            nn.Linear(4096, 1000),
        ),
    )


class BasicBlock(nn.Module):
    """torchvision.models.resnet.BasicBlock."""

    def __init__(self, c_in: int, c: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c, 3, stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
        self.downsample: nn.Module | None = None
        if stride != 1 or c_in != c:
            self.downsample = nn.Sequential(
                nn.Conv2d(c_in, c, 1, stride, bias=False), nn.BatchNorm2d(c)
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return torch.relu(out + identity)


def resnet18() -> nn.Module:
    """torchvision.models.resnet18: BasicBlock, layers [2, 2, 2, 2]."""
    blocks: list[nn.Module] = []
    c_in = 64
    for c, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        blocks += [BasicBlock(c_in, c, stride), BasicBlock(c, c, 1)]
        c_in = c
    return nn.Sequential(
        nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False),
        nn.BatchNorm2d(64),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
        *blocks,
        nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(),
        nn.Linear(512, 1000),
    )


def mobilenet_v1() -> nn.Module:
    """Howard et al. (2017), table 1, with batch norm and ReLU after every convolution."""

    def conv_bn(c_in: int, c: int, k: int, s: int, g: int) -> list[nn.Module]:
        conv = nn.Conv2d(c_in, c, k, s, padding=k // 2, groups=g, bias=False)
        return [conv, nn.BatchNorm2d(c), nn.ReLU(inplace=True)]

    layers = conv_bn(3, 32, 3, 2, 1)
    c_in = 32
    table = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
    table += [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    for c, s in table:
        layers += conv_bn(c_in, c_in, 3, s, c_in) + conv_bn(c_in, c, 1, 1, 1)
        c_in = c
    return nn.Sequential(*layers, nn.AvgPool2d(7), nn.Flatten(), nn.Linear(1024, 1000))


def unet() -> nn.Module:
    """The preset's encoder-decoder, skip concatenations left out as the preset says."""

    def twice(c_in: int, c: int) -> list[nn.Module]:
        return [nn.Conv2d(c_in, c, 3, padding=1), nn.ReLU(), nn.Conv2d(c, c, 3, padding=1)]

    return nn.Sequential(
        *twice(1, 16),
        nn.MaxPool2d(2),
        *twice(16, 32),
        nn.MaxPool2d(2),
        *twice(32, 64),
        nn.ConvTranspose2d(64, 32, 2, stride=2),
        *twice(32, 32),
        nn.ConvTranspose2d(32, 16, 2, stride=2),
        *twice(16, 16),
        nn.Conv2d(16, 2, 1),
    )


# Published parameter counts (torchvision's model cards), and what each preset leaves out.
PRESETS: dict[str, tuple[Callable[[], nn.Module], tuple[int, int, int], int | None]] = {
    "alexnet": (alexnet, (3, 224, 224), 61_100_840),
    "vgg16": (vgg16, (3, 224, 224), 138_357_544),
    "resnet18": (resnet18, (3, 224, 224), 11_689_512),
    "mobilenet_v1": (mobilenet_v1, (3, 224, 224), None),
    "unet": (unet, (1, 64, 64), None),
}


def _own_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters(recurse=False))


def _trace(model: nn.Module, shape: tuple[int, int, int]) -> list[tuple[str, nn.Module, list[int]]]:
    """The counted modules in the order they run, with their output shapes (no batch)."""
    seen: list[tuple[str, nn.Module, list[int]]] = []
    hooks = []
    for name, module in model.named_modules():
        if isinstance(module, (*COUNTED, nn.AdaptiveAvgPool2d)):

            def record(m: nn.Module, _: Any, out: torch.Tensor, name: str = name) -> None:
                seen.append((name, m, list(out.shape[1:])))

            hooks.append(module.register_forward_hook(record))
    model(torch.empty(1, *shape, device="meta"))
    for hook in hooks:
        hook.remove()
    return seen


def _as_stack(
    trace: list[tuple[str, nn.Module, list[int]]],
) -> list[tuple[str, nn.Module, list[int]]]:
    """The preset's order: an identity AdaptiveAvgPool2d dropped, a global one kept as the
    avgpool(k=7) it is at 224, and each ResNet shortcut moved before its block's convs."""
    stack: list[tuple[str, nn.Module, list[int]]] = []
    for n, (name, module, out) in enumerate(trace):
        if isinstance(module, nn.AdaptiveAvgPool2d) and out == trace[n - 1][2]:
            continue  # AlexNet's 6×6 and VGG's 7×7 receive that size at 224: the identity
        if name.endswith("downsample.0"):
            stack.insert(len(stack) - 2, (name, module, out))
        else:
            stack.append((name, module, out))
    return stack


@pytest.fixture(scope="module", params=list(PRESETS))
def preset(request: pytest.FixtureRequest, client: TestClient) -> tuple[str, dict[str, Any]]:
    name: str = request.param
    response = client.get("/api/network", params={"preset": name})
    assert response.status_code == 200, response.text
    return name, response.json()


def test_preset_layers_are_the_torch_models(preset: tuple[str, dict[str, Any]]) -> None:
    name, body = preset
    build, shape, _ = PRESETS[name]
    with torch.device("meta"):
        model = build()
    stack = _as_stack(_trace(model, shape))
    assert body["input_shape"] == list(shape)
    assert len(body["layers"]) == len(stack)
    for layer, (where, module, out) in zip(body["layers"], stack, strict=True):
        assert layer["output_shape"] == out, (layer["text"], where)
        assert layer["params"] == _own_params(module), (layer["text"], where)
        weight = getattr(module, "weight", None)
        assert layer["weight_shape"] == (list(weight.shape) if weight is not None else [])
        assert layer["args"]["side"] == where.endswith("downsample.0")


def test_preset_totals_are_the_torch_models(preset: tuple[str, dict[str, Any]]) -> None:
    name, body = preset
    build, shape, published = PRESETS[name]
    with torch.device("meta"):
        model = build()
    norms = sum(_own_params(m) for m in model.modules() if isinstance(m, nn.BatchNorm2d))
    everything = sum(p.numel() for p in model.parameters())
    if published is not None:
        assert everything == published  # the model built here is torchvision's
    # Batch norm's affine parameters are the only ones the presets leave out.
    assert body["totals"]["params"] == everything - norms
    with FlopCounterMode(display=False) as counter:
        model(torch.empty(1, *shape, device="meta"))
    assert body["totals"]["flops"] == counter.get_total_flops()
    assert body["totals"]["macs"] * 2 == body["totals"]["flops"]


def test_the_readme_quotes_the_answers_counts(client: TestClient) -> None:
    """The parameter counts the README states are what the presets answer."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for preset in ("alexnet", "vgg16", "resnet18"):
        total = client.get("/api/network", params={"preset": preset}).json()["totals"]["params"]
        assert f"{total:,}" in readme, preset


def test_unet_restores_its_input_size(client: TestClient) -> None:
    body = client.get("/api/network", params={"preset": "unet"}).json()
    assert body["totals"]["output_shape"][1:] == body["input_shape"][1:] == [64, 64]
    ops = [layer["op"] for layer in body["layers"]]
    assert ops.count("transpose") == 2 == ops.count("maxpool")


def test_known_receptive_fields(client: TestClient) -> None:
    """Published values (Araujo et al., Distill 2019, table 1): VGG-16's pool5 sees 212×212
    (its conv5_3 196×196), AlexNet's 195×195; both with the jump 32 of five halvings."""
    vgg = client.get("/api/network", params={"preset": "vgg16"}).json()["layers"]
    convs = [layer for layer in vgg if layer["op"] == "conv"]
    assert convs[-1]["receptive_field"] == [196, 196]
    assert convs[-1]["jump"] == [16, 16]
    assert vgg[-4]["op"] == "maxpool" and vgg[-4]["receptive_field"] == [212, 212]
    alex = client.get("/api/network", params={"preset": "alexnet"}).json()["layers"]
    pools = [layer for layer in alex if layer["op"] == "maxpool"]
    assert pools[-1]["receptive_field"] == [195, 195]
    assert pools[-1]["jump"] == [32, 32]
