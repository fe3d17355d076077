"""PyTorch as the oracle: shapes, error conditions, and the frames' numbers.

For random configurations, the engine accepts exactly what PyTorch accepts and gives its
output shape. Then the frames are checked numerically: reducing the drawn grid's values over
each frame's cells (sum with the kernel for convolution, max, mean) reproduces PyTorch's
output, which ties the grid, the kinds and every frame to PyTorch's semantics. For transposed
convolution that is the paper's claim itself: a stride-1 convolution of the stretched, padded
input with the flipped kernel equals ConvTranspose2d.

With channels, groups and bias, the engine's weight shape and parameter count are the module's
own, it refuses exactly the groups torch refuses, and the figure's numbers are output
channel 0's with every input channel carrying the drawn slice.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.core.answer import layer_cost
from app.core.arithmetic import analyse
from app.core.figures import FIGURES
from app.core.frames import frame_pattern
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.params import Config
from app.core.scatter import check_scatter, scatter_pattern
from app.core.values import (
    figure_values,
    input_values,
    kernel_values,
    output_values,
    scatter_output,
    scatter_values,
)

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

pytestmark = pytest.mark.torch

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pair(v: tuple[int, int]) -> str:
    return f"{v[0]},{v[1]}"


def _ints(text: str) -> tuple[int, int]:
    """ "5" -> (5, 5), "5,7" -> (5, 7): the URL's sizes, read independently of the engine."""
    values = [int(x) for x in text.split(",")]
    return (values[0], values[-1])


def _count(raw: dict[str, str | None], name: str) -> int:
    return int(raw.get(name) or 1)


def _tf_same_sides(i: int, k: int, s: int, d: int) -> tuple[int, int]:
    """TensorFlow's documented SAME padding of one axis, (before, after): out = ceil(i / s),
    pad_total = max((out - 1) * s + (k - 1) * d + 1 - i, 0), pad_before = pad_total // 2."""
    out = -(-i // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - i, 0)
    return total // 2, total - total // 2


class _TFSame(nn.Module):  # type: ignore[misc]
    """A Conv2d padded as TensorFlow's SAME pads: F.pad's (left, right, top, bottom) zeros,
    then the convolution unpadded. PyTorch has no such layer: only convolution is built."""

    def __init__(self, conv: object, pads: tuple[int, int, int, int]) -> None:
        super().__init__()
        self.conv = conv
        self.pads = pads

    @property
    def weight(self) -> object:
        return self.conv.weight

    @property
    def bias(self) -> object:
        return self.conv.bias

    def forward(self, x: object) -> object:
        return self.conv(F.pad(x, self.pads))


def _build_layer(raw: dict[str, str | None], device: str = "cpu") -> tuple[object, tuple[int, int]]:
    """The PyTorch layer a raw query names, and its input size (on ``meta``, weights without
    storage: a 4,096×4,096 kernel allocates nothing)."""
    i = _ints(raw.get("i") or "5")
    k = _ints(raw.get("k") or "3")
    s = _ints(raw.get("s")) if raw.get("s") else None
    d = _ints(raw.get("d") or "1")
    a = _ints(raw.get("a") or "0")
    p_text = raw.get("p") or "0"
    p: object
    if p_text == "same" or (p_text == "valid" and raw.get("op") == "conv"):
        p = p_text
    elif p_text == "tf_same":
        if raw.get("op") != "conv":
            raise ValueError("PyTorch has no TensorFlow SAME but for a convolution padded first")
        rows = _tf_same_sides(i[0], k[0], s[0] if s else 1, d[0])
        cols = _tf_same_sides(i[1], k[1], s[1] if s else 1, d[1])
        p = (0, 0)
    elif p_text == "valid":
        # Only Conv2d takes the word; for the other layers it is our name for 0.
        p = (0, 0)
    elif p_text == "half":
        p = (k[0] // 2, k[1] // 2)
    elif p_text == "full":
        p = (d[0] * (k[0] - 1), d[1] * (k[1] - 1))
    else:
        p = _ints(p_text)
    ceil = raw.get("ceil") == "1"
    channels = (_count(raw, "c_in"), _count(raw, "c_out"))
    g = _count(raw, "g")
    bias = raw.get("bias") == "1"
    if raw.get("op") == "conv":
        layer = nn.Conv2d(
            *channels, k, stride=s or 1, padding=p, dilation=d, groups=g, bias=bias, device=device
        )
        if p_text == "tf_same":
            layer = _TFSame(layer, (*cols, *rows))
    elif raw.get("op") == "transpose":
        layer = nn.ConvTranspose2d(
            *channels,
            k,
            stride=s or 1,
            padding=p,
            output_padding=a,
            dilation=d,
            groups=g,
            bias=bias,
            device=device,
        )
    elif raw.get("op") == "maxpool":
        layer = nn.MaxPool2d(k, stride=s, padding=p, dilation=d, ceil_mode=ceil)
    else:
        layer = nn.AvgPool2d(k, stride=s, padding=p, ceil_mode=ceil)
    return layer.double(), (i[0], i[1])


def _torch_volume(raw: dict[str, str | None]) -> tuple[int, int, int] | None:
    """PyTorch's output (C, H, W), or None where it refuses the layer or its input."""
    try:
        layer, (h, w) = _build_layer(raw)
        x = torch.zeros(1, _count(raw, "c_in"), h, w, dtype=torch.float64)
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = layer(x)  # type: ignore[operator]
    except (RuntimeError, ValueError, TypeError):
        return None
    volume = (int(out.shape[-3]), int(out.shape[-2]), int(out.shape[-1]))
    # ConvTranspose2d returns an empty tensor where its output size is 0; there is nothing
    # to draw, so the engine refuses it with a sentence instead.
    return volume if min(volume[1:]) > 0 else None


def _torch_shape(raw: dict[str, str | None]) -> tuple[int, int] | None:
    volume = _torch_volume(raw)
    return None if volume is None else volume[1:]


def _meta_shape(raw: dict[str, str | None]) -> tuple[int, int] | None:
    """PyTorch's output shape computed on the meta device: shapes only, nothing allocated,
    so a 4,096-per-side layer costs what a small one does."""
    try:
        layer, (h, w) = _build_layer(raw, device="meta")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = layer(torch.empty(1, 1, h, w, device="meta"))  # type: ignore[operator]
    except (RuntimeError, ValueError, TypeError):
        return None
    shape = (int(out.shape[-2]), int(out.shape[-1]))
    return shape if min(shape) > 0 else None


def _sizes(low: int, high: int) -> st.SearchStrategy[tuple[int, int]]:
    return st.one_of(
        st.integers(low, high).map(lambda v: (v, v)),
        st.tuples(st.integers(low, high), st.integers(low, high)),
    )


@st.composite
def raw_queries(
    draw: st.DrawFn, op: str | None = None, channels: bool = False
) -> dict[str, str | None]:
    """A query of small sizes; with ``channels``, channels, groups and bias too (some
    groups torch refuses), otherwise one channel without bias."""
    op = op or draw(st.sampled_from(["conv", "transpose", "maxpool", "avgpool"]))
    i = draw(_sizes(1, 12))
    k = draw(_sizes(1, 6))
    s = draw(_sizes(1, 4))
    d = draw(_sizes(1, 3)) if op != "avgpool" else (1, 1)
    keywords = ["valid", "full", "half", "tf_same"] + (["same"] if op == "conv" else [])
    p = draw(st.one_of(st.sampled_from(keywords), _sizes(0, 4).map(_pair)))
    a = draw(_sizes(0, 3)) if op == "transpose" else (0, 0)
    ceil = draw(st.booleans()) if op in ("maxpool", "avgpool") else False
    raw: dict[str, str | None] = dict(
        op=op,
        i=_pair(i),
        k=_pair(k),
        s=_pair(s),
        p=p,
        d=_pair(d),
        a=_pair(a),
        ceil="1" if ceil else "0",
        bias="0",
    )
    if channels:
        raw["c_in"] = str(draw(st.integers(1, 6)))
        if op in ("conv", "transpose"):
            raw["c_out"] = str(draw(st.integers(1, 6)))
            raw["g"] = str(draw(st.integers(1, 4)))
            raw["bias"] = draw(st.sampled_from(["0", "1"]))
        else:
            raw["bias"] = None
    elif op not in ("conv", "transpose"):
        raw["bias"] = None
    return raw


@SETTINGS
@given(raw_queries(channels=True))
def test_accepts_what_pytorch_accepts_with_its_shape(raw: dict[str, str | None]) -> None:
    """Channels included: the output volume is torch's, and a groups refusal is a 422
    exactly where torch's constructor refuses."""
    expected = _torch_volume(raw)
    try:
        arith = analyse(Config.from_query(raw))
        ours: tuple[int, int, int] | None = (arith.config.out_channels, *arith.output_shape)
    except ConfigError as error:
        assert error.message.endswith((".", ")")), error.message
        ours = None
    assert ours == expected, raw


@SETTINGS
@given(raw_queries(channels=True))
def test_weight_shape_and_parameters_are_the_modules(raw: dict[str, str | None]) -> None:
    assume(_torch_volume(raw) is not None)
    layer, _ = _build_layer(raw)
    cost = layer_cost(analyse(Config.from_query(raw)))
    params = list(layer.parameters())  # type: ignore[attr-defined]
    if raw["op"] in ("conv", "transpose"):
        assert cost.weight_shape == tuple(layer.weight.shape)  # type: ignore[attr-defined]
        weights = layer.weight.numel()  # type: ignore[attr-defined]
    else:
        assert (cost.weight_shape, params) == ((), [])
        weights = 0
    assert cost.params == sum(p.numel() for p in params)
    assert cost.params_without_bias == weights


def _all_channels(raw: dict[str, str | None], x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """PyTorch's output channel 0 with ``x`` in every input channel, ``weight`` in every
    weight slice and the bias zero."""
    layer, (h, w) = _build_layer(raw)
    c_in = _count(raw, "c_in")
    if raw["op"] in ("conv", "transpose"):
        with torch.no_grad():
            tensor = layer.weight  # type: ignore[attr-defined]
            tensor.copy_(torch.from_numpy(weight).expand(tensor.shape))
            if layer.bias is not None:  # type: ignore[attr-defined]
                layer.bias.zero_()  # type: ignore[attr-defined]
    inputs = torch.from_numpy(x).expand(1, c_in, h, w).contiguous()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = layer(inputs)  # type: ignore[operator]
    return out.numpy()[0, 0]


@SETTINGS
@given(raw_queries(channels=True))
def test_figure_numbers_are_output_channel_0s(raw: dict[str, str | None]) -> None:
    """The figure's numbers with several channels: PyTorch's output channel 0 on the paper's
    tiled input in every channel and its kernel in every weight slice."""
    assume(_torch_volume(raw) is not None)
    arith = analyse(Config.from_query(raw))
    expected = _all_channels(raw, input_values(arith), kernel_values(arith))
    values = figure_values(arith, frame_pattern(arith))
    np.testing.assert_allclose(values["output"], expected.round(4), atol=1e-9)
    if arith.config.op == "transpose":
        try:
            check_scatter(arith)
        except ConfigError:
            return
        scattered = scatter_values(arith, scatter_pattern(arith))
        np.testing.assert_array_equal(scattered["output"], expected)


def _large(low: int) -> st.SearchStrategy[int]:
    """Real sizes: small, AlexNet-like and up to the limit, with the limit's edges."""
    return st.one_of(
        st.integers(low, 16),
        st.integers(low, 512),
        st.integers(low, LIMITS.max_input),
        st.sampled_from([LIMITS.max_input - 1, LIMITS.max_input]),
    )


def _large_pairs(low: int) -> st.SearchStrategy[tuple[int, int]]:
    return st.one_of(_large(low).map(lambda v: (v, v)), st.tuples(_large(low), _large(low)))


@st.composite
def large_queries(draw: st.DrawFn) -> dict[str, str | None]:
    """Queries with sizes up to the documented 4,096 (PyTorch takes larger ones; ours stop
    there, so nothing drawn here passes a size limit except a keyword's padding)."""
    op = draw(st.sampled_from(["conv", "transpose", "maxpool", "avgpool"]))
    keywords = ["valid", "full", "half", "tf_same"] + (["same"] if op == "conv" else [])
    s = draw(st.one_of(st.just((1, 1)), _large_pairs(1)))
    a = draw(st.one_of(st.just((0, 0)), _large_pairs(0))) if op == "transpose" else (0, 0)
    d = draw(st.one_of(st.just((1, 1)), _large_pairs(1))) if op != "avgpool" else (1, 1)
    return dict(
        op=op,
        i=_pair(draw(_large_pairs(1))),
        k=_pair(draw(_large_pairs(1))),
        s=_pair(s),
        p=draw(st.one_of(st.sampled_from(keywords), _large_pairs(0).map(_pair))),
        d=_pair(d),
        a=_pair(a),
        ceil=draw(st.sampled_from(["0", "1"])) if op in ("maxpool", "avgpool") else "0",
    )


def _keyword_padding_past_limit(raw: dict[str, str | None]) -> bool:
    """A keyword's padding, worked out as PyTorch's docs define it, past our padding limit."""
    k, d = _ints(raw["k"] or "3"), _ints(raw["d"] or "1")
    reach = max(d[0] * (k[0] - 1), d[1] * (k[1] - 1))
    sides = {"full": reach, "same": reach - reach // 2, "half": max(k) // 2}
    if raw["p"] == "tf_same" and raw["op"] == "conv":
        i, s = _ints(raw["i"] or "5"), _ints(raw["s"] or "1")
        sides["tf_same"] = max(max(_tf_same_sides(i[x], k[x], s[x], d[x])) for x in (0, 1))
    return sides.get(raw["p"] or "", 0) > LIMITS.max_padding


def _output_padding_too_large(raw: dict[str, str | None]) -> bool:
    """ConvTranspose2d's a < s or a < d: the meta device skips this check (CPU makes it, and
    the small-size oracle above holds the engine to it there)."""
    a, s, d = (_ints(raw[name] or "1") for name in ("a", "s", "d"))
    return raw["op"] == "transpose" and any(a[x] >= s[x] and a[x] >= d[x] for x in (0, 1))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(large_queries())
def test_large_sizes_accept_what_pytorch_accepts_with_its_shape(
    raw: dict[str, str | None],
) -> None:
    """Up to 4,096 per side, against PyTorch on the meta device; a keyword padding past the
    documented limit is the one refusal PyTorch does not share, and it names p."""
    # TensorFlow's SAME off a convolution is refused before anything else is looked at.
    tf_same_elsewhere = raw["p"] == "tf_same" and raw["op"] != "conv"
    refusal = (
        "p"
        if _keyword_padding_past_limit(raw) or tf_same_elsewhere
        else "a"
        if _output_padding_too_large(raw)
        else None
    )
    try:
        ours: tuple[int, int] | None = analyse(Config.from_query(raw)).output_shape
    except ConfigError as error:
        assert refusal in (None, error.parameter), (raw, error.message)
        ours = None
    if refusal is not None:
        assert ours is None, raw
        return
    assert ours == _meta_shape(raw), raw


@pytest.mark.parametrize(
    ("query", "shape"),
    [
        ("op=conv&i=227&k=11&s=4", (55, 55)),  # AlexNet's conv1, as its paper's 55×55
        ("op=maxpool&i=55&k=3&s=2", (27, 27)),  # AlexNet's first pooling
        ("op=conv&i=224&k=7&s=2&p=3", (112, 112)),  # ResNet's stem
        ("op=conv&i=4096&k=4096", (1, 1)),
        ("op=transpose&i=4096&k=4096&s=4096&d=4096&a=4095&p=4096", (33542144, 33542144)),
    ],
)
def test_real_layers_match_pytorch(query: str, shape: tuple[int, int]) -> None:
    raw = dict(pair.split("=") for pair in query.split("&"))
    assert _meta_shape(raw) == shape
    assert analyse(Config.from_query(query)).output_shape == shape


def _reduce_frames(raw: dict[str, str | None], x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The engine's picture evaluated (app/core/values.py): each frame reduces the grid
    cells it covers, with the flipped kernel in the transposed view."""
    arith = analyse(Config.from_query(raw))
    return output_values(
        arith, frame_pattern(arith), x, weight if raw.get("op") in ("conv", "transpose") else None
    )


def _random_case(raw: dict[str, str | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random integer input and kernel for the layer, and PyTorch's output on them."""
    layer, (h, w) = _build_layer(raw)
    seed = (
        hash(
            (
                raw.get("op"),
                raw.get("i"),
                raw.get("k"),
                raw.get("s"),
                raw.get("p"),
                raw.get("d"),
                raw.get("a"),
                raw.get("ceil"),
            )
        )
        % 2**32
    )
    gen = np.random.default_rng(seed)
    x = gen.integers(-4, 5, size=(h, w)).astype(np.float64)
    kh, kw = _ints(raw.get("k") or "3")
    weight = gen.integers(-3, 4, size=(kh, kw)).astype(np.float64)
    if raw.get("op") in ("conv", "transpose"):
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(weight).reshape(1, 1, kh, kw))  # type: ignore[attr-defined]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = layer(torch.from_numpy(x).reshape(1, 1, h, w).double())  # type: ignore[operator]
    return x, weight, expected.numpy()[0, 0]


@SETTINGS
@given(raw_queries())
def test_frames_reproduce_pytorch_numbers(raw: dict[str, str | None]) -> None:
    if _torch_shape(raw) is None:
        return
    x, weight, expected = _random_case(raw)
    np.testing.assert_allclose(_reduce_frames(raw, x, weight), expected, atol=1e-9)


@SETTINGS
@given(raw_queries(op="transpose"))
def test_scatter_view_reproduces_pytorch_numbers(raw: dict[str, str | None]) -> None:
    """The scatter view: each input unit adds the (unflipped) kernel times itself onto the
    canvas; cropping the padding gives ConvTranspose2d's output."""
    if _torch_shape(raw) is None:
        return
    arith = analyse(Config.from_query(raw))
    try:
        check_scatter(arith)
    except ConfigError:
        return
    x, weight, expected = _random_case(raw)
    _, ours = scatter_output(arith, scatter_pattern(arith), x, weight)
    np.testing.assert_allclose(ours, expected, atol=1e-9)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_paper_figures_numbers(figure: object) -> None:
    raw = dict(figure.query)
    layer, (h, w) = _build_layer(raw)
    x = np.arange(h * w, dtype=np.float64).reshape(h, w) % 7
    kh, kw = analyse(Config.from_query(raw)).config.k
    weight = np.arange(kh * kw, dtype=np.float64).reshape(kh, kw) - 4
    if raw.get("op") in ("conv", "transpose"):
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(weight).reshape(1, 1, kh, kw))  # type: ignore[attr-defined]
    with torch.no_grad():
        expected = layer(torch.from_numpy(x).reshape(1, 1, h, w).double())  # type: ignore[operator]
    ours = _reduce_frames(raw, x, weight)
    np.testing.assert_allclose(ours, expected.reshape(ours.shape).numpy())
