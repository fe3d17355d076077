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
    i: tuple[int, ...]  # one number per axis: (L,), (H, W) or (D, H, W)
    c_in: int
    layers: str
    about: str

    @property
    def dims(self) -> int:
        return len(self.i)


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


def _wavenet() -> str:
    # van den Oord et al. (2016), section 2.1-2.2 and figure 3: causal convolutions of kernel
    # size 2, the dilation doubled every layer from 1 to 512 (a block's receptive field is
    # 1024 samples); the input and the softmax are 256 μ-law values (one-hot channels), the
    # output a 1×1 convolution to 256. The paper gives no channel counts: 32 here. The gates,
    # residual and skip connections change no shape and are left out.
    dilated = [f"conv(k=2,p=causal,d={2**n},c=32)" for n in range(10)]
    return ";".join(["conv(k=2,p=causal,c=32)", *dilated, "conv(k=1,c=256)"])


def _c3d() -> str:
    # Tran et al. (2015), section 3.2 and figure 3: every convolution 3×3×3 with stride 1
    # and padding 1; pool1 1×2×2 (to keep the clip's 16 frames early on), the other poolings
    # 2×2×2; convolutions of 64, 128, 256, 256, 512, 512, 512, 512 filters; fc6 and fc7 of
    # 4096, fc8 of 487 (Sports-1M's classes). Its Caffe pooling rounds up, so pool5 takes
    # 7×7 to 4×4 (ceil=1) and fc6 reads 512×1×4×4 = 8192 values.
    def convs(*channels: int) -> list[str]:
        return [f"conv(k=3,p=1,c={c})" for c in channels]

    layers = [*convs(64), "maxpool(k=1x2x2)", *convs(128), "maxpool(k=2)"]
    layers += [*convs(256, 256), "maxpool(k=2)", *convs(512, 512), "maxpool(k=2)"]
    layers += [*convs(512, 512), "maxpool(k=2,ceil=1)", "fc(c=4096)", "fc(c=4096)", "fc(c=487)"]
    return ";".join(layers)


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
            (224, 224),
            3,
            "conv(k=11,s=4,p=2,c=64);maxpool(k=3,s=2);conv(k=5,p=2,c=192);maxpool(k=3,s=2);"
            "conv(k=3,p=1,c=384);conv(k=3,p=1,c=256);conv(k=3,p=1,c=256);maxpool(k=3,s=2);"
            "fc(c=4096);fc(c=4096);fc(c=1000)",
            "torchvision's AlexNet: 61,100,840 parameters.",
        ),
        Preset("vgg16", (224, 224), 3, _vgg16(), "torchvision's VGG-16: 138,357,544 parameters."),
        Preset(
            "resnet18",
            (224, 224),
            3,
            _resnet18(),
            "torchvision's ResNet-18 as a plain stack: each shortcut's 1×1 downsample is its "
            "own layer, flagged side=1, before its block; 11,679,912 parameters, torchvision's "
            "11,689,512 less batch norm's 9,600.",
        ),
        Preset(
            "mobilenet_v1",
            (224, 224),
            3,
            _mobilenet_v1(),
            "MobileNet v1 (Howard et al., 2017): depthwise (g = channels) then pointwise 1×1 "
            "convolutions; batch norm left out.",
        ),
        Preset(
            "unet",
            (64, 64),
            1,
            _unet(),
            "A small U-Net-style encoder-decoder: two 2×2 poolings down, two stride-2 "
            "transposed convolutions back up to 64×64, two classes; its skip concatenations "
            "are not modelled, so each decoder convolution reads the transposed one's output.",
        ),
        Preset(
            "wavenet",
            (4000,),
            256,
            _wavenet(),
            "WaveNet's dilated causal stack (van den Oord et al., 2016), 1-D: kernel 2, "
            "dilations 1 to 512 (1,024 samples seen; 1,025 with the first causal layer) over a "
            "quarter second of 16 kHz audio; 32 channels (the paper gives none), gates and skips "
            "left out.",
        ),
        Preset(
            "c3d",
            (16, 112, 112),
            3,
            _c3d(),
            "C3D (Tran et al., 2015), 3-D: 3×3×3 convolutions on 16-frame 112×112 clips, "
            "pool1 1×2×2 then 2×2×2 poolings, fc6-fc8 for Sports-1M's 487 classes.",
        ),
    )
}
