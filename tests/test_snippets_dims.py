"""The code snippets of 1-D and 3-D layers: PyTorch's run under torch, Keras's under Keras 3 on
the torch backend, each against the engine's shapes and against each other's numbers."""

from __future__ import annotations

import os
import re
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from app.core.arithmetic import Arithmetic, analyse
from app.core.extents import tf_same_padding
from app.core.parameters import ConfigError
from app.core.params import Config
from app.core.snippets import code_answer, keras_code, pytorch_code

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch


def _arith(query: str) -> Arithmetic:
    return analyse(Config.from_query(query))


@st.composite
def configurations(draw: st.DrawFn, dims: int) -> Arithmetic:
    def size(low: int, high: int) -> str:
        first = draw(st.integers(low, high))
        if dims == 1 or draw(st.booleans()):
            return str(first)
        return ",".join(str(draw(st.integers(low, high))) for _ in range(dims))

    op = draw(st.sampled_from(["conv", "transpose", "maxpool", "avgpool"]))
    pooling = op in ("maxpool", "avgpool")
    biggest = 9 if dims == 1 else 6
    query = {"op": op, "dims": str(dims), "i": size(1, biggest), "k": size(1, 4)}
    query["s"] = size(1, 3)
    keywords = ["valid", "same", "tf_same", "full", "half"] + (["causal"] * 3 if dims == 1 else [])
    query["p"] = draw(st.one_of(st.sampled_from(keywords), st.just(""))) or size(0, 2)
    query["d"] = "1" if op == "avgpool" else size(1, 2)
    query["a"] = size(0, 2) if op == "transpose" else "0"
    query["ceil"] = "1" if pooling and draw(st.booleans()) else "0"
    query["c_in"] = draw(st.sampled_from(["1", "2", "4"]))
    if not pooling:
        query["c_out"] = draw(st.sampled_from(["1", "2", "4"]))
        query["g"] = draw(st.sampled_from(["1", "1", "2"]))
        query["bias"] = draw(st.sampled_from(["1", "0"]))
    if op == "conv":
        query["padding_mode"] = draw(st.sampled_from(["zeros", "zeros", "reflect", "replicate"]))
    if op == "avgpool":
        query["count_include_pad"] = draw(st.sampled_from(["1", "0"]))
    try:
        arith = _arith("&".join(f"{k}={v}" for k, v in query.items()))
    except ConfigError:
        reject()
    # PyTorch's AvgPool3d alone refuses an input smaller than its kernel, padding not counted
    # (the configuration's refusals are the engine's own tests' business, not the snippets').
    if op == "avgpool" and dims == 3 and any(ax.i < ax.k for ax in arith.layer_axes):
        reject()
    return arith


_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)
_LAYOUT = {1: "(N, C, L)", 3: "(N, C, D, H, W)"}
_COMMENT = re.compile(r"# \((N, [CDHWL, ]+)\): \(([\d, ]+)\) -> \(([\d, ]+)\)")


def _comment(snippet: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    match = _COMMENT.search(snippet)
    assert match, snippet
    numbers = (tuple(int(v) for v in match.group(n).split(", ")) for n in (2, 3))
    return f"({match.group(1)})", *numbers


def _channels(arith: Arithmetic) -> tuple[int, int]:
    c = arith.config
    return c.c_in, c.c_out if c.op in ("conv", "transpose") else c.c_in


def _torch_layer(snippet: str) -> Any:
    namespace: dict[str, Any] = {}
    exec(snippet, namespace)
    return namespace["layer"]


def _input(arith: Arithmetic, seed: int = 0) -> Any:
    """A random input of the layer's shape, (1, C, *i)."""
    generator = torch.Generator().manual_seed(seed)
    shape = (1, arith.config.c_in, *arith.layer_shape("i"))
    return torch.randn(shape, generator=generator)


def _shape_from_torch(arith: Arithmetic) -> tuple[int, ...]:
    """PyTorch's own output shape for the layer, built here from the query (not the snippet)."""
    c = arith.config
    nn = torch.nn
    n = c.dims
    k, s, d, a = (c.axes(name) for name in ("k", "s", "d", "a"))
    sides = c.sides()
    x = _input(arith)
    if any(before != after for before, after in sides):
        pads = [side for pair in reversed(sides) for side in pair]
        x = torch.nn.functional.pad(x, pads)
        p: tuple[int, ...] = (0,) * n
    else:
        p = tuple(before for before, _ in sides)
    if c.op == "conv":
        layer = getattr(nn, f"Conv{n}d")(c.c_in, c.c_out, k, s, p, d, groups=c.g)
    elif c.op == "transpose":
        layer = getattr(nn, f"ConvTranspose{n}d")(
            c.c_in, c.c_out, k, s, p, a, groups=c.g, dilation=d
        )
    elif c.op == "maxpool":
        layer = getattr(nn, f"MaxPool{n}d")(k, s, p, d, ceil_mode=c.ceil)
    else:
        layer = getattr(nn, f"AvgPool{n}d")(k, s, p, ceil_mode=c.ceil)
    with torch.no_grad():
        return tuple(layer(x).shape)


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths:UserWarning")
@pytest.mark.parametrize("dims", [1, 3])
@_SETTINGS
@given(data=st.data())
def test_pytorch_snippet_gives_the_engine_and_torchs_shape(dims: int, data: st.DataObject) -> None:
    arith = data.draw(configurations(dims))
    snippet = pytorch_code(arith)
    ci, co = _channels(arith)
    output = (1, co, *arith.layer_shape("o"))
    with torch.no_grad():
        assert tuple(_torch_layer(snippet)(_input(arith)).shape) == output
    if arith.config.padding_mode == "zeros" or not any(arith.config.axes("p")):
        assert _shape_from_torch(arith) == output
    assert _comment(snippet) == (_LAYOUT[dims], (1, ci, *arith.layer_shape("i")), output)
    assert code_answer(arith)["output_shape"] == list(output)
    assert f"{dims}d(" in snippet


# --- Keras 3 on the torch backend: the snippet runs, with PyTorch's weights, to PyTorch's numbers


@pytest.fixture(scope="module")
def keras() -> Any:
    os.environ["KERAS_BACKEND"] = "torch"
    return pytest.importorskip("keras")


def _weighted(module: Any) -> Any:
    """The module holding the weights: the layer itself, or the convolution in a Sequential."""
    if isinstance(module, torch.nn.Sequential):
        return next(m for m in module if hasattr(m, "weight"))
    return module


def _keras_weighted(layer: Any, keras: Any) -> Any:
    if isinstance(layer, keras.Sequential):
        return next(m for m in layer.layers if m.weights)
    return layer


def _keras_output(keras: Any, code: str, arith: Arithmetic, torch_layer: Any, x: Any) -> Any:
    """Run the Keras snippet on x (channels last) with the PyTorch layer's weights."""
    namespace: dict[str, Any] = {"keras": keras}
    assert code.startswith("from tensorflow import keras\n")
    exec(code.removeprefix("from tensorflow import keras\n"), namespace)
    layer = namespace["layer"]
    dims = arith.config.dims
    last = x.permute(0, *range(2, dims + 2), 1).numpy()  # (N, C, …) -> (N, …, C)
    layer.build(last.shape)
    if arith.config.op in ("conv", "transpose"):
        module = _weighted(torch_layer)
        weight = module.weight.detach().numpy()
        # PyTorch (out, in/g, *k) -> Keras (*k, in/g, out); transposed: (in, out, *k) ->
        # (*k, out, in), as Keras's Conv{n}DTranspose stores its kernel.
        order = (*range(2, dims + 2), 1, 0)
        values = [np.transpose(weight, order)]
        if module.bias is not None:
            values.append(module.bias.detach().numpy())
        _keras_weighted(layer, keras).set_weights(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = layer(last)
    got = torch.as_tensor(out).detach().cpu()
    return got.permute(0, dims + 1, *range(1, dims + 1))  # back to (N, C, …)


def _keras_torch_pads_the_mean(arith: Arithmetic, code: str) -> bool:
    """Keras's torch backend pads an uneven 'same' average pooling by repeating the edge and
    counts it ([1, 2] pooled by 3 gives 5/3, where TensorFlow's SAME, which the snippet
    follows, leaves padding out of the mean: 3/2). Those numbers are not TensorFlow's."""
    if arith.config.op != "avgpool" or "padding='same'" not in code:
        return False
    uneven = (tf_same_padding(ax.i, ax.ek, ax.s)[1] for ax in arith.layer_axes)
    return any(before != after for before, after in uneven)


def _check_keras(keras: Any, arith: Arithmetic) -> None:
    answer = keras_code(arith)
    if answer.code is None:
        assert answer.note and "no exact Keras equivalent" in answer.note
        return
    torch_layer = _torch_layer(pytorch_code(arith))
    x = _input(arith, seed=1)
    with torch.no_grad():
        expected = torch_layer(x)
    got = _keras_output(keras, answer.code, arith, torch_layer, x)
    assert tuple(got.shape) == tuple(expected.shape)
    if not _keras_torch_pads_the_mean(arith, answer.code):
        torch.testing.assert_close(got, expected, atol=1e-4, rtol=1e-4)
    ci, co = _channels(arith)
    layout = {1: "(N, L, C)", 3: "(N, D, H, W, C)"}[arith.config.dims]
    assert _comment(answer.code)[1:] == (
        (1, *arith.layer_shape("i"), ci),
        (1, *arith.layer_shape("o"), co),
    )
    assert layout in answer.code


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("dims", [1, 3])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_keras_snippet_computes_pytorchs_numbers_or_says_why_not(
    keras: Any, dims: int, data: st.DataObject
) -> None:
    _check_keras(keras, data.draw(configurations(dims)))


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize(
    "query",
    [
        "dims=1&i=9&k=3&p=causal&d=2&c_in=2&c_out=3",
        "dims=1&i=9&k=2&p=causal&s=2",
        "dims=1&i=8&k=4&p=same",
        "dims=1&i=7&k=3&s=2&p=tf_same",
        "dims=1&op=transpose&i=4&k=3&s=2&p=1&a=1",
        "dims=1&op=avgpool&i=7&k=3&s=2&p=1",
        "dims=3&i=4,6,6&k=3&s=2&p=1",
        "dims=3&i=5&k=2,3,3&p=same",
        "dims=3&op=transpose&i=3&k=3&s=2&p=1&a=1",
        "dims=3&op=maxpool&i=5&k=2&ceil=1",
        "dims=3&op=avgpool&i=4,6,6&k=2",
    ],
)
def test_keras_snippet_of_worked_cases_is_exact(keras: Any, query: str) -> None:
    arith = _arith(query)
    assert keras_code(arith).code is not None
    _check_keras(keras, arith)


# --- The lines themselves, written out by hand ----------------------------------------------


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("dims=1&i=9&k=3", "nn.Conv1d(1, 1, kernel_size=3)"),
        (
            "dims=1&i=9&k=3&s=2&p=1&d=2",
            "nn.Conv1d(1, 1, kernel_size=3, stride=2, padding=1, dilation=2)",
        ),
        ("dims=1&op=maxpool&i=8&k=2", "nn.MaxPool1d(kernel_size=2)"),
        ("dims=1&op=avgpool&i=8&k=3&s=1", "nn.AvgPool1d(kernel_size=3, stride=1)"),
        (
            "dims=1&op=transpose&i=4&k=3&s=2&a=1",
            "nn.ConvTranspose1d(1, 1, kernel_size=3, stride=2, output_padding=1)",
        ),
        ("dims=3&i=4,6,6&k=3,5,5&p=1", "nn.Conv3d(1, 1, kernel_size=(3, 5, 5), padding=1)"),
        ("dims=3&i=8&k=3&s=1,2,2", "nn.Conv3d(1, 1, kernel_size=3, stride=(1, 2, 2))"),
        ("dims=3&op=maxpool&i=8&k=2", "nn.MaxPool3d(kernel_size=2)"),
        ("dims=3&op=avgpool&i=8&k=2,2,2&s=1", "nn.AvgPool3d(kernel_size=2, stride=1)"),
        (
            "dims=3&op=transpose&i=3&k=3&s=2&p=1",
            "nn.ConvTranspose3d(1, 1, kernel_size=3, stride=2, padding=1)",
        ),
        ("dims=3&i=8&k=3&p=same", "nn.Conv3d(1, 1, kernel_size=3, padding='same')"),
    ],
)
def test_pytorch_line(query: str, line: str) -> None:
    assert f"layer = {line}\n" in pytorch_code(_arith(query))


def test_causal_is_a_left_pad_then_an_unpadded_conv1d() -> None:
    """WaveNet's causal convolution: d(k − 1) = 2·(3 − 1) = 4 zeros on the left, none on the
    right, then no padding in the convolution itself; Keras says padding='causal'."""
    arith = _arith("dims=1&i=9&k=3&d=2&p=causal&c_out=2")
    snippet = pytorch_code(arith)
    assert (
        "layer = nn.Sequential(\n    nn.ZeroPad1d((4, 0)),\n"
        "    nn.Conv1d(1, 2, kernel_size=3, dilation=2),\n)\n"
    ) in snippet
    assert "# (N, C, L): (1, 1, 9) -> (1, 2, 9)" in snippet
    code = keras_code(arith).code
    assert code is not None
    assert "keras.layers.Conv1D(2, kernel_size=3, padding='causal', dilation_rate=2)" in code


def test_causal_snippet_never_reads_a_later_input() -> None:
    """Changing the inputs after position t leaves outputs 0..t as they were."""
    layer = _torch_layer(pytorch_code(_arith("dims=1&i=12&k=3&d=2&p=causal")))
    x = torch.randn(1, 1, 12)
    with torch.no_grad():
        before = layer(x)
        for t in range(11):
            changed = x.clone()
            changed[..., t + 1 :] += 1.0
            after = layer(changed)
            torch.testing.assert_close(after[..., : t + 1], before[..., : t + 1])
            assert not torch.allclose(after[..., t + 1 :], before[..., t + 1 :])


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("dims=1&i=9&k=3&s=2", "keras.layers.Conv1D(1, kernel_size=3, strides=2)"),
        ("dims=1&i=9&k=4&p=1", "keras.layers.ZeroPadding1D(padding=1)"),
        ("dims=1&op=transpose&i=4&k=3&s=2&p=2", "keras.layers.Cropping1D(cropping=2)"),
        ("dims=3&i=4,6,6&k=3&s=2&p=1", "keras.layers.ZeroPadding3D(padding=1)"),
        ("dims=3&op=maxpool&i=8&k=2", "keras.layers.MaxPooling3D(pool_size=2)"),
        ("dims=3&op=avgpool&i=8&k=1,2,2", "keras.layers.AveragePooling3D(pool_size=(1, 2, 2))"),
        (
            "dims=3&op=transpose&i=3&k=3&s=2&p=1&a=1",
            "keras.layers.Cropping3D(cropping=((1, 0), (1, 0), (1, 0)))",
        ),
    ],
)
def test_keras_line(query: str, line: str) -> None:
    code = keras_code(_arith(query)).code
    assert code is not None and line in code


@pytest.mark.parametrize(
    ("query", "lang", "note"),
    [
        (
            "dims=1&i=9&k=3&p=causal&padding_mode=reflect",
            "en",
            "Keras's Conv1D pads only with zeros",
        ),
        ("dims=1&i=9&k=3&p=causal&padding_mode=reflect", "ko", "Keras의 Conv1D는 0으로만"),
        (
            "dims=3&op=transpose&i=3&k=3&c_in=2&c_out=2&g=2",
            "en",
            "Keras's Conv3DTranspose has no groups",
        ),
        (
            "dims=1&op=maxpool&i=8&k=3&s=2&p=1&ceil=1",
            "en",
            "padding='valid' gives 3 and padding='same' gives 4 with other windows, where "
            "PyTorch gives 5",
        ),
        (
            "dims=1&op=maxpool&i=8&k=3&s=2&p=1&ceil=1",
            "ko",
            "PyTorch는 5을(를) 내는데 padding='valid'는 3, padding='same'은 다른 창으로 4을(를)",
        ),
        (
            "dims=3&i=4,6,6&k=3&s=2&p=1",
            "en",
            "pads front 0, back 1, top 0, bottom 1, left 0, right 1 where PyTorch pads front 1, "
            "back 1, top 1, bottom 1, left 1, right 1",
        ),
        ("dims=1&i=7&k=4&p=1", "en", "PyTorch's padding here (left 1, right 1) is neither"),
    ],
)
def test_keras_note_names_the_layers_own_classes_and_sides(
    query: str, lang: str, note: str
) -> None:
    said = code_answer(_arith(query), lang)["keras_note"]
    assert said is not None and note in said
    assert "2D" not in said and "2d" not in said


@pytest.mark.parametrize(
    ("query", "x", "w"),
    [
        ("dims=1&x=1,2,3,4,5&w=1,0,-1", [1, 2, 3, 4, 5], [1, 0, -1]),
        ("dims=1&x=3,1,4,1,5,9,2&w=1,2&s=2&p=1", [3, 1, 4, 1, 5, 9, 2], [1, 2]),
    ],
)
def test_1d_snippet_computes_the_numbers(query: str, x: list[int], w: list[int]) -> None:
    """Run with a learner's numbers, the 1-D snippet prints conv1d of them (computed here by
    torch.nn.functional from the query's own numbers)."""
    arith = _arith(query)
    snippet = pytorch_code(arith)
    namespace: dict[str, Any] = {}
    exec(snippet.replace("print(", "out = ("), namespace)
    c = arith.config
    expected = torch.nn.functional.conv1d(
        torch.tensor([[x]], dtype=torch.float),
        torch.tensor([[w]], dtype=torch.float),
        stride=c.axes("s")[0],
        padding=c.axes("p")[0],
    )[0, 0]
    torch.testing.assert_close(namespace["out"].detach(), expected)


@pytest.mark.parametrize(
    "query",
    [
        {"dims": "1", "i": "12", "k": "3", "seed": "4"},
        {"dims": "1", "i": "40", "k": "5", "s": "2", "seed": "9", "c_in": "2"},
        {"dims": "1", "op": "transpose", "i": "6", "k": "3", "s": "2", "seed": "2"},
        {"dims": "1", "x": "1,2,3,4,5,6", "op": "maxpool", "k": "2"},
    ],
)
def test_1d_snippet_computes_the_figures_numbers(client: Any, query: dict[str, str]) -> None:
    """A seed's numbers (or a learner's), through the snippet, give the figure's output (the
    API's values, PyTorch's own): the one row of a 1-D layer."""
    body = client.get("/api/frames", params=query).json()
    snippet = body["code"]["pytorch"]
    assert ".expand(1, " in snippet and "print(layer(x)[0, 0])" in snippet
    namespace: dict[str, Any] = {}
    exec(snippet.replace("print(", "out = ("), namespace)
    got = namespace["out"].detach()
    assert got.dim() == 1  # a length, no unit height
    expected = torch.tensor(np.ravel(body["values"]["output"]), dtype=torch.float32)
    torch.testing.assert_close(got, expected, atol=1e-3, rtol=1e-4)


def test_a_3d_snippet_stops_at_the_layer() -> None:
    """A 3-D layer's numbers are drawn by its own figure; the snippet builds the layer only."""
    snippet = pytorch_code(_arith("dims=3&i=4&k=2&seed=3"))
    assert "import torch" not in snippet
    assert snippet.endswith("# (N, C, D, H, W): (1, 1, 4, 4, 4) -> (1, 1, 3, 3, 3)\n")
