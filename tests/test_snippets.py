"""The code snippets: PyTorch's run under torch, Keras's under Keras's own shape rules."""

from __future__ import annotations

import math
import re
import types
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from app.core.arithmetic import Arithmetic, analyse
from app.core.figures import FIGURES, Figure
from app.core.parameters import ConfigError
from app.core.params import Config
from app.core.snippets import code_answer, keras_code, pytorch_code


def _arith(**query: str) -> Arithmetic:
    return analyse(Config.from_query(query))


def _figure(figure: Figure) -> Arithmetic:
    return _arith(**figure.query)


@st.composite
def configurations(draw: st.DrawFn) -> Arithmetic:
    def size(low: int, high: int) -> str:
        h = draw(st.integers(low, high))
        w = draw(st.one_of(st.just(h), st.integers(low, high)))
        return str(h) if h == w else f"{h},{w}"

    op = draw(st.sampled_from(["conv", "transpose", "maxpool", "avgpool"]))
    pooling = op in ("maxpool", "avgpool")
    query = {"op": op, "i": size(1, 12), "k": size(1, 5), "s": size(1, 4)}
    query["p"] = draw(
        st.one_of(st.sampled_from(["valid", "same", "tf_same", "full", "half"]), st.just(""))
    ) or (size(0, 3))
    query["d"] = "1" if op == "avgpool" else size(1, 3)
    query["a"] = size(0, 3) if op == "transpose" else "0"
    query["ceil"] = "1" if pooling and draw(st.booleans()) else "0"
    query["c_in"] = draw(st.sampled_from(["1", "2", "3", "4", "6"]))
    if not pooling:
        query["c_out"] = draw(st.sampled_from(["1", "2", "4", "6"]))
        query["g"] = draw(st.sampled_from(["1", "1", "2", "3"]))
        query["bias"] = draw(st.sampled_from(["1", "0"]))
    try:
        return _arith(**query)
    except ConfigError:
        reject()


_TORCH_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)
_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)
_COMMENT = re.compile(r"# \((N, [CHW], [CHW], [CHW])\): \(([\d, ]+)\) -> \(([\d, ]+)\)")


def _shapes(snippet: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    match = _COMMENT.search(snippet)
    assert match, snippet
    return tuple(map(int, match.group(2).split(", "))), tuple(map(int, match.group(3).split(", ")))


# --- PyTorch: the snippet builds the layer, and the layer gives the engine's shape ----------


# F.pad's order of the sides, as the pad layers take them.
_F_PAD = ("left", "right", "top", "bottom")


def _torch_layer(snippet: str) -> Any:
    pytest.importorskip("torch")
    namespace: dict[str, Any] = {}
    exec(snippet, namespace)
    return namespace["layer"]


def _torch_output(snippet: str, arith: Arithmetic) -> tuple[int, ...]:
    torch = pytest.importorskip("torch")
    h, w = arith.input_shape
    with torch.no_grad():
        return tuple(_torch_layer(snippet)(torch.randn(1, arith.config.c_in, h, w)).shape)


def _channels(arith: Arithmetic) -> tuple[int, int]:
    """Input and output channels, from the query alone: pooling keeps c_in."""
    c = arith.config
    return c.c_in, c.c_out if c.op in ("conv", "transpose") else c.c_in


@pytest.mark.torch
@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_pytorch_snippet_of_each_figure_gives_its_output(figure: Figure) -> None:
    arith = _figure(figure)
    snippet = pytorch_code(arith)
    expected = (1, 1, *arith.output_shape)
    assert _torch_output(snippet, arith) == expected
    assert _shapes(snippet) == ((1, 1, *arith.input_shape), expected)


@pytest.mark.torch
@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths:UserWarning")
@_TORCH_SETTINGS
@given(configurations())
def test_pytorch_snippet_gives_the_engine_shape(arith: Arithmetic) -> None:
    snippet = pytorch_code(arith)
    ci, co = _channels(arith)
    assert _torch_output(snippet, arith) == (1, co, *arith.output_shape)
    assert _shapes(snippet) == ((1, ci, *arith.input_shape), (1, co, *arith.output_shape))
    assert code_answer(arith)["output_shape"] == [1, co, *arith.output_shape]
    layer = _torch_layer(snippet)
    if arith.config.padding_keyword == "tf_same" and "nn.Sequential" in snippet:
        # TensorFlow's uneven SAME padding is a layer of its own, before an unpadded Conv2d.
        pad, layer = layer
        assert list(pad.padding) == [getattr(arith.config.padding, side) for side in _F_PAD]
        assert layer.padding == (0, 0)
    if arith.config.op in ("conv", "transpose"):
        assert (layer.groups, layer.bias is not None) == (arith.config.g, arith.config.bias)


@pytest.mark.parametrize(
    ("query", "line"),
    [
        (
            {"i": "5", "k": "3", "s": "2", "p": "1"},
            "nn.Conv2d(1, 1, kernel_size=3, stride=2, padding=1)",
        ),
        ({"i": "5", "k": "3", "p": "same"}, "nn.Conv2d(1, 1, kernel_size=3, padding='same')"),
        ({"i": "5", "k": "3", "p": "full"}, "nn.Conv2d(1, 1, kernel_size=3, padding=2)"),
        ({"i": "9", "k": "3,5", "d": "2"}, "nn.Conv2d(1, 1, kernel_size=(3, 5), dilation=2)"),
        (
            {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"},
            "nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=1)",
        ),
        (
            {"op": "maxpool", "i": "5", "k": "2", "ceil": "1"},
            "nn.MaxPool2d(kernel_size=2, ceil_mode=True)",
        ),
        ({"op": "avgpool", "i": "5", "k": "3", "s": "1"}, "nn.AvgPool2d(kernel_size=3, stride=1)"),
        (
            {"c_in": "3", "c_out": "64", "i": "63", "k": "11", "s": "4", "p": "2"},
            "nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2)",
        ),
        (
            {"c_in": "32", "c_out": "32", "g": "32", "bias": "0"},
            "nn.Conv2d(32, 32, kernel_size=3, groups=32, bias=False)",
        ),
        (
            {"op": "transpose", "c_in": "8", "c_out": "4", "g": "2", "s": "2"},
            "nn.ConvTranspose2d(8, 4, kernel_size=3, stride=2, groups=2)",
        ),
        ({"op": "maxpool", "k": "2", "c_in": "3"}, "nn.MaxPool2d(kernel_size=2)"),
    ],
)
def test_pytorch_line_leaves_defaults_out(query: dict[str, str], line: str) -> None:
    assert f"layer = {line}\n" in pytorch_code(_arith(**query))


@pytest.mark.parametrize(
    ("query", "line"),
    [
        (
            {"p": "1", "padding_mode": "reflect"},
            "nn.Conv2d(1, 1, kernel_size=3, padding=1, padding_mode='reflect')",
        ),
        (
            {
                "op": "avgpool",
                "k": "2",
                "p": "1",
                "count_include_pad": "0",
                "divisor_override": "3",
            },
            "nn.AvgPool2d(kernel_size=2, padding=1, count_include_pad=False, divisor_override=3)",
        ),
    ],
)
def test_pytorch_line_carries_the_modes(query: dict[str, str], line: str) -> None:
    assert f"layer = {line}\n" in pytorch_code(_arith(**query))


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        {"x": "1,2,0;0.5,-1,3;2,2,2", "w": "1,0;0,-1"},
        {"i": "6", "w": "sobel_x", "p": "1", "padding_mode": "replicate", "c_in": "2"},
        {"op": "transpose", "x": "1,2;3,4", "w": "1,1;0,2", "s": "2", "c_in": "3", "c_out": "2"},
        {
            "op": "avgpool",
            "x": "1,2,3;4,5,6;7,8,9",
            "k": "2",
            "s": "1",
            "p": "1",
            "count_include_pad": "0",
        },
        {"op": "maxpool", "i": "5", "k": "2", "seed": "11"},
        {"i": "4", "seed": "3", "g": "2", "c_in": "2", "c_out": "4"},
    ],
)
def test_pytorch_snippet_computes_the_figures_numbers(client: Any, query: dict[str, str]) -> None:
    """With a learner's numbers the snippet goes on to compute them: run it, and its output
    is the figure's (PyTorch's own, through the API)."""
    torch = pytest.importorskip("torch")
    body = client.get("/api/frames", params=query).json()
    snippet = body["code"]["pytorch"]
    assert "import torch" in snippet and "print(layer(x)[0, 0])" in snippet
    namespace: dict[str, Any] = {}
    exec(snippet.replace("print(", "out = ("), namespace)
    expected = torch.tensor(body["values"]["output"], dtype=torch.float32)
    torch.testing.assert_close(namespace["out"].detach(), expected, atol=1e-4, rtol=1e-4)


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        # 40×40 = 1,600 inputs and a 33×33 seeded kernel: past the 1,024 a link may carry.
        {"i": "40", "k": "33", "seed": "5"},
        # The paper's input tiled to 40×40, a learner's preset kernel.
        {"i": "40", "w": "sobel_x", "s": "3"},
        {"op": "transpose", "i": "33", "k": "2", "s": "1", "seed": "8"},
    ],
)
def test_many_numbers_are_generated_not_printed(client: Any, query: dict[str, str]) -> None:
    """Numbers past a link's 1,024 are written as the lines that make them: the snippet stays
    short, and run, it still computes the figure's output."""
    torch = pytest.importorskip("torch")
    body = client.get("/api/frames", params=query).json()
    snippet = body["code"]["pytorch"]
    assert len(snippet) < 2_000
    namespace: dict[str, Any] = {}
    exec(snippet.replace("print(", "out = ("), namespace)
    expected = torch.tensor(body["values"]["output"], dtype=torch.float32)
    torch.testing.assert_close(namespace["out"].detach(), expected, atol=1e-3, rtol=1e-4)


def test_a_huge_seeded_layer_answers_a_short_snippet(client: Any) -> None:
    """A 4,096-per-side input with a seed once printed 16.7 million numbers (50 MB)."""
    response = client.get("/api/arithmetic", params={"i": "4096", "k": "3", "seed": "2"})
    assert response.status_code == 200 and len(response.content) < 5_000
    assert (
        "default_rng([2, 0]).integers(0, 4, size=(4096, 4096))"
        in (response.json()["code"]["pytorch"])
    )


def test_the_papers_numbers_need_no_program() -> None:
    assert "import torch" not in pytorch_code(_arith(i="5", k="3"))


# --- Keras: its shape rules, written out here, applied to the snippet -------------------------


class _Tensor:
    """Sizes per axis, channels, and where the layer stack put the original input's first
    cell."""

    def __init__(self, size: tuple[int, int], channels: int) -> None:
        self.size = list(size)
        self.channels = channels
        self.offset = [0, 0]  # conv/pool: window 0 starts at -offset; transpose: cropped


def _pair(value: Any) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _sides(value: Any) -> list[tuple[int, int]]:
    if isinstance(value, int):
        return [(value, value)] * 2
    return [(v, v) if isinstance(v, int) else tuple(v) for v in value]


def _effective(k: int, d: int) -> int:
    return k + (k - 1) * (d - 1)


class _Window:
    def __init__(
        self,
        size: Any,
        strides: Any,
        padding: str,
        dilation: Any = 1,
        filters: int | None = None,
        groups: int = 1,
    ) -> None:
        self.k, self.s, self.d = _pair(size), _pair(strides), _pair(dilation)
        self.padding = padding
        self.filters, self.groups = filters, groups
        if max(self.d) > 1 and max(self.s) > 1:
            raise ValueError("dilation_rate > 1 is incompatible with strides > 1")

    def __call__(self, x: _Tensor) -> _Tensor:
        if self.filters is not None:
            # Keras's Conv2D: both channel counts divisible by the groups.
            assert x.channels % self.groups == 0 and self.filters % self.groups == 0
            x.channels = self.filters
        for axis in range(2):
            i, ek, s = x.size[axis], _effective(self.k[axis], self.d[axis]), self.s[axis]
            if self.padding == "valid":
                assert i >= ek
                x.size[axis] = (i - ek) // s + 1
            else:
                o = math.ceil(i / s)
                x.size[axis] = o
                x.offset[axis] += max((o - 1) * s + ek - i, 0) // 2
        return x


def _conv2d(
    filters: int,
    kernel_size: Any,
    strides: Any = 1,
    padding: str = "valid",
    dilation_rate: Any = 1,
    groups: int = 1,
    use_bias: bool = True,
) -> _Window:
    return _Window(kernel_size, strides, padding, dilation_rate, filters, groups)


def _pooling(pool_size: Any, strides: Any = None, padding: str = "valid") -> _Window:
    return _Window(pool_size, pool_size if strides is None else strides, padding)


def _conv2d_transpose(
    filters: int,
    kernel_size: Any,
    strides: Any = 1,
    padding: str = "valid",
    output_padding: Any = None,
    dilation_rate: Any = 1,
    use_bias: bool = True,
) -> Any:
    k, s, d = _pair(kernel_size), _pair(strides), _pair(dilation_rate)
    if max(d) > 1 and max(s) > 1:
        raise ValueError("dilation_rate > 1 is incompatible with strides > 1")
    extra = None if output_padding is None else _pair(output_padding)
    if extra is not None:
        assert all(e < st for e, st in zip(extra, s, strict=True)), "output_padding >= stride"

    def apply(x: _Tensor) -> _Tensor:
        x.channels = filters
        for axis in range(2):
            i, ek, st_ = x.size[axis], _effective(k[axis], d[axis]), s[axis]
            # keras' deconv_output_length
            if extra is None:
                length = i * st_ + max(ek - st_, 0) if padding == "valid" else i * st_
            else:
                pad = ek // 2 if padding == "same" else 0
                length = (i - 1) * st_ + ek - 2 * pad + extra[axis]
            # TensorFlow runs it as the gradient of the forward convolution from `length`.
            if padding == "valid":
                assert (length - ek) // st_ + 1 == i
            else:
                assert math.ceil(length / st_) == i
                x.offset[axis] += max((i - 1) * st_ + ek - length, 0) // 2
            x.size[axis] = length
        return x

    return apply


def _zero_padding(padding: Any) -> Any:
    def apply(x: _Tensor) -> _Tensor:
        for axis, (before, after) in enumerate(_sides(padding)):
            x.size[axis] += before + after
            x.offset[axis] += before
        return x

    return apply


def _cropping(cropping: Any) -> Any:
    def apply(x: _Tensor) -> _Tensor:
        for axis, (before, after) in enumerate(_sides(cropping)):
            x.size[axis] -= before + after
            x.offset[axis] += before
        return x

    return apply


def _sequential(layers: list[Any]) -> Any:
    def apply(x: _Tensor) -> _Tensor:
        for layer in layers:
            x = layer(x)
        return x

    return apply


_KERAS = types.SimpleNamespace(
    layers=types.SimpleNamespace(
        Conv2D=_conv2d,
        Conv2DTranspose=_conv2d_transpose,
        MaxPooling2D=_pooling,
        AveragePooling2D=_pooling,
        ZeroPadding2D=_zero_padding,
        Cropping2D=_cropping,
    ),
    Sequential=_sequential,
)
_IMPORT = "from tensorflow import keras\n"


def _run_keras(code: str, arith: Arithmetic) -> _Tensor:
    assert code.startswith(_IMPORT)
    namespace: dict[str, Any] = {"keras": _KERAS}
    exec(code.removeprefix(_IMPORT), namespace)
    return namespace["layer"](_Tensor(arith.input_shape, arith.config.c_in))


def _check_keras(arith: Arithmetic) -> None:
    keras = keras_code(arith)
    if keras.code is None:
        assert keras.note and "no exact Keras equivalent" in keras.note
        return
    x = _run_keras(keras.code, arith)
    assert tuple(x.size) == arith.output_shape
    # The same windows, not only the same size: Keras's padding or cropping is PyTorch's.
    assert tuple(x.offset) == (arith.axes[0].before, arith.axes[1].before)
    ci, co = _channels(arith)
    assert x.channels == co
    oh, ow = arith.output_shape
    ih, iw = arith.input_shape
    assert _shapes(keras.code) == ((1, ih, iw, ci), (1, oh, ow, co))


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_keras_snippet_of_each_figure_is_exact(figure: Figure) -> None:
    arith = _figure(figure)
    _check_keras(arith)
    assert keras_code(arith).code is not None


@_SETTINGS
@given(configurations())
def test_keras_snippet_is_exact_or_says_why_not(arith: Arithmetic) -> None:
    _check_keras(arith)


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ({"i": "5", "k": "3", "s": "2", "p": "1"}, "padding='same'"),  # figure 2.6
        ({"i": "5", "k": "3", "s": "2"}, "Conv2D(1, kernel_size=3, strides=2)\n"),
        ({"i": "7", "k": "5", "p": "1"}, "ZeroPadding2D(padding=1)"),
        ({"i": "6", "k": "3", "s": "2", "p": "1"}, "ZeroPadding2D(padding=1)"),  # figure 2.7
        ({"op": "avgpool", "i": "5", "k": "3", "s": "1", "p": "1"}, "ZeroPadding2D(padding=1)"),
        ({"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"}, "Cropping2D"),
        (
            {"c_in": "3", "c_out": "64", "g": "1", "bias": "0"},
            "Conv2D(64, kernel_size=3, use_bias=False)\n",
        ),
        ({"c_in": "4", "c_out": "8", "g": "2"}, "Conv2D(8, kernel_size=3, groups=2)\n"),
        ({"op": "transpose", "c_out": "16", "bias": "0"}, "(16, kernel_size=3, use_bias=False)"),
    ],
)
def test_keras_code_where_padding_differs(query: dict[str, str], expect: str) -> None:
    keras = keras_code(_arith(**query))
    assert keras.code is not None and expect in keras.code


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ({"i": "7", "k": "5", "p": "1"}, "is neither"),
        ({"i": "6", "k": "3", "s": "2", "p": "1"}, "shifts the windows"),
        ({"op": "maxpool", "i": "6", "k": "3", "s": "2", "p": "1"}, "−∞"),
        ({"op": "maxpool", "i": "6", "k": "3", "s": "2", "ceil": "1"}, "no ceil_mode"),
        ({"op": "maxpool", "i": "7", "k": "3", "d": "2"}, "no dilation"),
        ({"i": "9", "k": "3", "s": "2", "d": "2"}, "dilation_rate > 1 together with strides > 1"),
        ({"op": "transpose", "c_in": "4", "c_out": "4", "g": "2"}, "Conv2DTranspose has no groups"),
    ],
)
def test_keras_note_says_why(query: dict[str, str], note: str) -> None:
    keras = keras_code(_arith(**query))
    assert keras.note is not None and note in keras.note


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ({"i": "5", "p": "1", "padding_mode": "reflect"}, "no reflect padding"),
        ({"i": "5", "p": "1", "padding_mode": "circular"}, "no circular padding"),
        ({"op": "avgpool", "i": "6", "k": "2", "divisor_override": "3"}, "no divisor_override"),
        (
            {"op": "avgpool", "i": "6", "k": "3", "s": "2", "p": "1", "count_include_pad": "0"},
            "count_include_pad=False",
        ),
    ],
)
def test_keras_says_what_it_lacks(query: dict[str, str], note: str) -> None:
    keras = keras_code(_arith(**query))
    assert keras.code is None and keras.note is not None and note in keras.note
    assert "no exact Keras equivalent" in keras.note


def test_keras_same_leaves_padding_out_of_the_mean_as_count_include_pad_0() -> None:
    """Keras's 'same' averages over the input cells only: PyTorch's count_include_pad=False
    where the windows agree (i=6, k=3, s=2: TensorFlow pads 0 before, 1 after; here p=0)."""
    arith = _arith(op="avgpool", i="5", k="3", s="1", p="1", count_include_pad="0")
    code = keras_code(arith).code
    assert code is not None and "padding='same'" in code
    padded_mean = keras_code(_arith(op="avgpool", i="5", k="3", s="1", p="1")).code
    assert padded_mean is not None and "ZeroPadding2D" in padded_mean


def test_keras_valid_and_same_follow_tensorflow() -> None:
    # valid: ⌊(i − k̂)/s⌋ + 1; same: ⌈i/s⌉ (figures 2.5 and 2.6).
    for query, size in (
        ({"i": "5", "k": "3", "s": "2"}, 2),
        ({"i": "5", "k": "3", "s": "2", "p": "1"}, 3),
    ):
        arith = _arith(**query)
        code = keras_code(arith).code
        assert code is not None
        assert _run_keras(code, arith).size == [size, size]


def test_answer_carries_the_code(client: Any) -> None:
    code = client.get("/api/arithmetic?op=conv&i=5,7&k=3&s=2&p=1").json()["code"]
    assert set(code) == {"pytorch", "keras", "keras_note", "output_shape"}
    assert code["output_shape"] == [1, 1, 3, 4]
    assert "(1, 1, 5, 7) -> (1, 1, 3, 4)" in code["pytorch"]
    assert code_answer(_arith(i="5,7", k="3", s="2", p="1")) == code
    grouped = client.get("/api/arithmetic?i=5&k=3&c_in=4&c_out=6&g=2&bias=0").json()["code"]
    assert grouped["output_shape"] == [1, 6, 3, 3]
    assert "nn.Conv2d(4, 6, kernel_size=3, groups=2, bias=False)" in grouped["pytorch"]
    assert "(1, 4, 5, 5) -> (1, 6, 3, 3)" in grouped["pytorch"]
    assert "(1, 5, 5, 4) -> (1, 3, 3, 6)" in grouped["keras"]
