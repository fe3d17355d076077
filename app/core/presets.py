"""Named networks, written in the layer grammar from their published definitions.

Only the layers with weights or a spatial effect are listed: ReLU, dropout and batch norm
change no shape (batch norm's 2 parameters per channel are left out of the totals, so ResNet-18
and MobileNet count their convolutions and fc alone). At 224×224, AlexNet's and VGG's
AdaptiveAvgPool2d (to 6×6 and 7×7) already receives that size, so it is the identity and is
left out; ResNet's and MobileNet's global average pooling is avgpool(k=7) there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    i: int
    c_in: int
    layers: str
    about: str


def _vgg16() -> str:
    # torchvision's cfgs["D"]: channels, with M a 2×2 max pooling.
    cfg: list[int | str] = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M"]
    cfg += [512, 512, 512, "M", 512, 512, 512, "M"]
    features = ["maxpool(k=2)" if v == "M" else f"conv(k=3,p=1,c={v})" for v in cfg]
    return ";".join([*features, "fc(c=4096)", "fc(c=4096)", "fc(c=1000)"])


def _resnet18() -> str:
    layers = ["conv(k=7,s=2,p=3,c=64,bias=0)", "maxpool(k=3,s=2,p=1)"]
    c_in = 64
    for c, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        for block in range(2):
            s = stride if block == 0 else 1
            if s != 1 or c_in != c:
                # The shortcut's 1×1 downsample reads the block's input: a side branch.
                layers.append(f"conv(k=1,s={s},c={c},bias=0,side=1)")
            layers.append(f"conv(k=3,s={s},p=1,c={c},bias=0)")
            layers.append(f"conv(k=3,p=1,c={c},bias=0)")
            c_in = c
    return ";".join([*layers, "avgpool(k=7)", "fc(c=1000)"])


def _mobilenet_v1() -> str:
    # Howard et al. (2017), table 1: (output channels, stride) of each separable block.
    blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
    blocks += [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    layers = ["conv(k=3,s=2,p=1,c=32,bias=0)"]
    c_in = 32
    for c, s in blocks:
        layers.append(f"conv(k=3,s={s},p=1,c={c_in},g={c_in},bias=0)")  # depthwise
        layers.append(f"conv(k=1,c={c},bias=0)")  # pointwise
        c_in = c
    return ";".join([*layers, "avgpool(k=7)", "fc(c=1000)"])


def _unet() -> str:
    def twice(c: int) -> list[str]:
        return [f"conv(k=3,p=1,c={c})"] * 2

    down = [*twice(16), "maxpool(k=2)", *twice(32), "maxpool(k=2)", *twice(64)]
    up = ["transpose(k=2,s=2,c=32)", *twice(32), "transpose(k=2,s=2,c=16)", *twice(16)]
    return ";".join([*down, *up, "conv(k=1,c=2)"])


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "alexnet",
            224,
            3,
            "conv(k=11,s=4,p=2,c=64);maxpool(k=3,s=2);conv(k=5,p=2,c=192);maxpool(k=3,s=2);"
            "conv(k=3,p=1,c=384);conv(k=3,p=1,c=256);conv(k=3,p=1,c=256);maxpool(k=3,s=2);"
            "fc(c=4096);fc(c=4096);fc(c=1000)",
            "torchvision's AlexNet: 61,100,840 parameters.",
        ),
        Preset("vgg16", 224, 3, _vgg16(), "torchvision's VGG-16: 138,357,544 parameters."),
        Preset(
            "resnet18",
            224,
            3,
            _resnet18(),
            "torchvision's ResNet-18 as a plain stack: each shortcut's 1×1 downsample is its "
            "own layer, flagged side=1, before its block; 11,679,912 parameters, torchvision's "
            "11,689,512 less batch norm's 9,600.",
        ),
        Preset(
            "mobilenet_v1",
            224,
            3,
            _mobilenet_v1(),
            "MobileNet v1 (Howard et al., 2017): depthwise (g = channels) then pointwise 1×1 "
            "convolutions; batch norm left out.",
        ),
        Preset(
            "unet",
            64,
            1,
            _unet(),
            "A small U-Net-style encoder-decoder: two 2×2 poolings down, two stride-2 "
            "transposed convolutions back up to 64×64, two classes; its skip concatenations "
            "are not modelled, so each decoder convolution reads the transposed one's output.",
        ),
    )
}
