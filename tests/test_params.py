"""Parsing and checking a configuration as PyTorch does; every refusal is a sentence."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from reference import raw_configs

from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.params import Config, Padding, parse_pair

# A refusal says what to change: an instruction, or the rule the value must meet.
ADVICE = re.compile(r"\b(set|lower|use|enlarge|shrink|give|must|correct)\b", re.IGNORECASE)


NAMES = ("op", "i", "k", "s", "p", "d", "a", "ceil", "c_in", "c_out", "g", "bias")


def _refusal(query: dict[str, str]) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        Config.from_query(query)
    return caught.value


def assert_is_advice(message: str) -> None:
    assert message[0].isalpha(), message
    assert message.endswith("."), message
    assert ADVICE.search(message), message


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("5", (5, 5)),
        ("5,7", (5, 7)),
        (" 5 , 7 ", (5, 7)),
        ("5x7", (5, 7)),
        ("5×7", (5, 7)),
        ("0", (0, 0)),
        ("-2", (-2, -2)),
    ],
)
def test_parse_pair(text: str, pair: tuple[int, int]) -> None:
    assert parse_pair("i", text) == pair


@pytest.mark.parametrize("text", ["", "a", "5,", ",5", "5,6,7", "1.5", "5;7", "1234567", "5 5"])
def test_parse_pair_refuses_garbage(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_pair("k", text)
    assert caught.value.parameter == "k"
    assert "k=3,5" in caught.value.message
    assert_is_advice(caught.value.message)


def test_defaults() -> None:
    c = Config.from_query({})
    assert (c.op, c.i, c.k, c.s, c.d, c.a, c.ceil) == (
        "conv",
        (5, 5),
        (3, 3),
        (1, 1),
        (1, 1),
        (0, 0),
        False,
    )
    assert c.padding == Padding(0, 0, 0, 0)
    assert c.padding_keyword is None


@pytest.mark.parametrize("op", ["maxpool", "avgpool"])
@pytest.mark.parametrize(("k", "s"), [("3", (3, 3)), ("2,4", (2, 4))])
def test_pooling_stride_defaults_to_kernel(op: str, k: str, s: tuple[int, int]) -> None:
    assert Config.from_query(dict(op=op, k=k)).s == s


@pytest.mark.parametrize("op", ["conv", "transpose"])
def test_convolution_stride_defaults_to_one(op: str) -> None:
    assert Config.from_query(dict(op=op, k="4")).s == (1, 1)


def test_height_and_width_are_independent() -> None:
    c = Config.from_query(dict(i="6,9", k="3,5", s="1,2", p="1,2", d="2,1"))
    assert (c.i, c.k, c.s, c.d) == ((6, 9), (3, 5), (1, 2), (2, 1))
    assert c.padding == Padding(1, 1, 2, 2)


@pytest.mark.parametrize(
    ("query", "padding"),
    [
        pytest.param({"p": "valid", "k": "4"}, Padding(0, 0, 0, 0), id="valid"),
        pytest.param({"p": "VALID"}, Padding(0, 0, 0, 0), id="valid-case"),
        pytest.param({"p": "same", "k": "3"}, Padding(1, 1, 1, 1), id="same-odd"),
        # PyTorch: total d(k − 1), the odd cell at the bottom/right.
        pytest.param({"p": "same", "k": "4"}, Padding(1, 2, 1, 2), id="same-even"),
        pytest.param({"p": "same", "k": "2,5"}, Padding(0, 1, 2, 2), id="same-mixed"),
        pytest.param({"p": "same", "k": "4", "d": "3"}, Padding(4, 5, 4, 5), id="same-dilated"),
        pytest.param(
            {"p": "same", "k": "2", "d": "2"}, Padding(1, 1, 1, 1), id="same-dilated-even-k"
        ),
        pytest.param({"p": "full", "k": "3"}, Padding(2, 2, 2, 2), id="full"),
        pytest.param({"p": "full", "k": "3", "d": "2,3"}, Padding(4, 4, 6, 6), id="full-dilated"),
        pytest.param({"p": "half", "k": "5"}, Padding(2, 2, 2, 2), id="half-odd"),
        pytest.param({"p": "half", "k": "4"}, Padding(2, 2, 2, 2), id="half-even"),
        pytest.param({"p": "half", "k": "3", "d": "2"}, Padding(1, 1, 1, 1), id="half-ignores-d"),
        pytest.param({"op": "transpose", "p": "full", "k": "3"}, Padding(2, 2, 2, 2), id="t-full"),
        pytest.param({"op": "maxpool", "p": "half", "k": "3"}, Padding(1, 1, 1, 1), id="pool-half"),
        pytest.param({"op": "avgpool", "p": "valid"}, Padding(0, 0, 0, 0), id="pool-valid"),
        pytest.param({"p": "2,1"}, Padding(2, 2, 1, 1), id="numbers"),
    ],
)
def test_padding_keywords(query: dict[str, str], padding: Padding) -> None:
    c = Config.from_query(query)
    assert c.padding == padding
    word = query["p"].lower()
    assert c.padding_keyword == (word if word.isalpha() else None)


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        pytest.param({"op": "conv2d"}, "op", "conv, transpose, maxpool, avgpool", id="op"),
        pytest.param({"op": "Conv"}, "op", "one of", id="op-case"),
        pytest.param({"i": "five"}, "i", "whole number", id="i-garbage"),
        pytest.param(
            {"p": "wide"}, "p", "valid, same, tf_same, full, half, causal", id="p-garbage"
        ),
        pytest.param({"ceil": "yes", "op": "maxpool"}, "ceil", "0 or 1", id="ceil-garbage"),
        pytest.param({"i": "0"}, "i", "at least 1", id="i-low"),
        pytest.param(
            {"i": str(LIMITS.max_input + 1)}, "i", f"at most {LIMITS.max_input}", id="i-high"
        ),
        pytest.param({"i": "5,-1"}, "i", "at least 1", id="i-negative-width"),
        pytest.param({"k": "0"}, "k", "at least 1", id="k-low"),
        pytest.param(
            {"k": str(LIMITS.max_kernel + 1)}, "k", f"at most {LIMITS.max_kernel}", id="k-high"
        ),
        pytest.param({"s": "0"}, "s", "at least 1", id="s-low"),
        pytest.param(
            {"s": str(LIMITS.max_stride + 1)}, "s", f"at most {LIMITS.max_stride}", id="s-high"
        ),
        pytest.param({"d": "0"}, "d", "at least 1", id="d-low"),
        pytest.param({"d": str(LIMITS.max_dilation + 1)}, "d", "at most", id="d-high"),
        pytest.param({"p": "-1"}, "p", "at least 0", id="p-low"),
        pytest.param(
            {"p": str(LIMITS.max_padding + 1)}, "p", f"at most {LIMITS.max_padding}", id="p-high"
        ),
        pytest.param(
            {"p": "full", "k": "4096", "d": "2"}, "p", "p=full gives that; lower k", id="p-full"
        ),
        pytest.param(
            {"p": "same", "k": "4096", "d": "3"}, "p", "p=same gives that; lower k", id="p-same"
        ),
        pytest.param({"op": "transpose", "a": "-1"}, "a", "at least 0", id="a-low"),
        pytest.param({"op": "transpose", "s": "16", "a": "17"}, "a", "at most", id="a-high"),
        pytest.param({"s": "2", "p": "same"}, "p", "set s=1", id="same-strided"),
        pytest.param({"s": "1,2", "p": "same"}, "p", "set s=1", id="same-strided-width"),
        pytest.param({"op": "transpose", "p": "same"}, "p", "only for convolution", id="same-t"),
        pytest.param({"op": "maxpool", "p": "same"}, "p", "only for convolution", id="same-max"),
        pytest.param({"op": "avgpool", "p": "same"}, "p", "only for convolution", id="same-avg"),
        pytest.param({"a": "1"}, "a", "Set a=0 or op=transpose", id="a-conv"),
        pytest.param({"op": "maxpool", "a": "1"}, "a", "Set a=0", id="a-maxpool"),
        pytest.param({"op": "transpose", "s": "2", "a": "2"}, "a", "at most 1", id="a-eq-s"),
        pytest.param(
            {"op": "transpose", "s": "2", "d": "3", "a": "3"}, "a", "at most 2", id="a-eq-d"
        ),
        pytest.param({"op": "transpose", "s": "1,3", "a": "0,3"}, "a", "at most 2", id="a-width"),
        pytest.param({"ceil": "1"}, "ceil", "Set ceil=0", id="ceil-conv"),
        pytest.param({"op": "transpose", "ceil": "1"}, "ceil", "Set ceil=0", id="ceil-transpose"),
        pytest.param({"op": "avgpool", "d": "2"}, "d", "set d=1", id="d-avgpool"),
        pytest.param({"op": "maxpool", "k": "3", "p": "2"}, "p", "at most 1", id="pool-p"),
        pytest.param({"op": "avgpool", "k": "4,3", "p": "2"}, "p", "at most 1", id="pool-p-width"),
        pytest.param({"op": "maxpool", "k": "3", "p": "full"}, "p", "at most 1", id="pool-full"),
        pytest.param({"c_in": "three"}, "c_in", "c_in=3", id="c_in-garbage"),
        pytest.param({"c_out": "3,5"}, "c_out", "one whole number", id="c_out-pair"),
        pytest.param({"c_in": "0"}, "c_in", "at least 1", id="c_in-low"),
        pytest.param({"c_in": "65537"}, "c_in", "at most 65536", id="c_in-high"),
        pytest.param({"c_out": "0"}, "c_out", "at least 1", id="c_out-low"),
        pytest.param({"c_out": "65537"}, "c_out", "at most 65536", id="c_out-high"),
        pytest.param({"g": "0"}, "g", "at least 1", id="g-low"),
        pytest.param({"g": "65537"}, "g", "at most 65536", id="g-high"),
        pytest.param({"bias": "no"}, "bias", "0 or 1", id="bias-garbage"),
        # PyTorch: "in_channels must be divisible by groups" / "out_channels ...".
        pytest.param({"c_in": "3", "c_out": "4", "g": "2"}, "g", "input channels (3)", id="g-in"),
        pytest.param({"c_in": "4", "c_out": "3", "g": "2"}, "g", "output channels (3)", id="g-out"),
        pytest.param({"g": "2"}, "g", "common divisors", id="g-default-channels"),
        pytest.param(
            {"op": "transpose", "c_in": "6", "c_out": "4", "g": "4"}, "g", "g=4", id="g-t"
        ),
        pytest.param({"op": "maxpool", "c_out": "8"}, "c_out", "Set c_out=1", id="c_out-pool"),
        pytest.param({"op": "avgpool", "g": "2"}, "g", "Set g=1", id="g-pool"),
        pytest.param({"op": "maxpool", "bias": "0"}, "bias", "Set bias=1", id="bias-pool"),
    ],
)
def test_refusals_name_what_to_change(query: dict[str, str], parameter: str, says: str) -> None:
    error = _refusal(query)
    assert error.parameter == parameter
    assert says in error.message
    assert_is_advice(error.message)


@pytest.mark.parametrize(
    ("query", "field", "value", "beyond"),
    [
        pytest.param(
            {"op": "transpose", "s": "1", "d": "2", "a": "1"}, "a", (1, 1), "2", id="a-below-d"
        ),
        pytest.param({"op": "transpose", "s": "3", "a": "2"}, "a", (2, 2), "3", id="a-below-s"),
        pytest.param(
            {"op": "maxpool", "k": "4", "p": "2", "d": "2"}, "p", (2, 2), "3", id="pool-p-half"
        ),
        pytest.param({"op": "maxpool", "ceil": "true"}, "ceil", True, "2", id="ceil-true"),
        pytest.param({"c_in": "65536"}, "c_in", 65536, "65537", id="largest-c_in"),
        pytest.param({"c_in": "1"}, "c_in", 1, "0", id="smallest-c_in"),
        pytest.param({"c_out": "65536"}, "c_out", 65536, "65537", id="largest-c_out"),
        pytest.param(
            {"c_in": "65536", "c_out": "65536", "g": "65536"},
            "g",
            65536,
            "65537",
            id="largest-g",
        ),
        pytest.param({"c_in": "6", "c_out": "4", "g": "2"}, "g", 2, "3", id="g-common-divisor"),
        pytest.param(
            {"op": "transpose", "c_in": "4", "g": "4", "c_out": "8"}, "g", 4, "8", id="g-t"
        ),
        pytest.param({"bias": "false"}, "bias", False, "2", id="bias-false"),
        pytest.param({"op": "avgpool", "c_in": "64"}, "c_in", 64, "0", id="pool-channels"),
        pytest.param({"op": "avgpool", "d": "1"}, "d", (1, 1), "2", id="avgpool-d1"),
        pytest.param(
            {"i": str(LIMITS.max_input), "k": str(LIMITS.max_kernel)},
            "i",
            (LIMITS.max_input, LIMITS.max_input),
            str(LIMITS.max_input + 1),
            id="largest-i",
        ),
        pytest.param(
            {"i": str(LIMITS.max_input), "k": str(LIMITS.max_kernel)},
            "k",
            (LIMITS.max_kernel, LIMITS.max_kernel),
            str(LIMITS.max_kernel + 1),
            id="largest-k",
        ),
    ],
)
def test_accepted_edges(query: dict[str, str], field: str, value: object, beyond: str) -> None:
    """A value at the edge parses to exactly what was given; one step past it is refused,
    naming that parameter."""
    assert getattr(Config.from_query(query), field) == value
    error = _refusal(query | {field: beyond})
    assert error.parameter == field
    assert_is_advice(error.message)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(NAMES),
    st.text(max_size=20),
    st.sampled_from(["conv", "transpose", "maxpool", "avgpool"]),
)
def test_any_text_is_parsed_or_refused_with_advice(name: str, value: str, op: str) -> None:
    query = {"op": op, name: value}
    try:
        Config.from_query(query)
    except ConfigError as error:
        assert error.parameter in NAMES
        assert_is_advice(error.message)


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        # Written by hand: the shortest spelling, in the order op, i, k, s, p, d, a, ceil.
        ({}, "op=conv&i=5&k=3&s=1&p=0"),
        ({"i": "5,5", "k": "3", "s": "2", "p": "1"}, "op=conv&i=5&k=3&s=2&p=1"),
        ({"i": " 6 x 9 ", "k": "3×5", "p": "1,2"}, "op=conv&i=6,9&k=3,5&s=1&p=1,2"),
        ({"op": "maxpool", "k": "2"}, "op=maxpool&i=5&k=2&s=2&p=0"),
        ({"op": "maxpool", "k": "2", "ceil": "true"}, "op=maxpool&i=5&k=2&s=2&p=0&ceil=1"),
        ({"op": "avgpool", "k": "3", "ceil": "0"}, "op=avgpool&i=5&k=3&s=3&p=0"),
        ({"d": "1,1", "p": "HALF"}, "op=conv&i=5&k=3&s=1&p=half"),
        ({"d": "2,1", "p": "same"}, "op=conv&i=5&k=3&s=1&p=same&d=2,1"),
        ({"op": "transpose", "i": "3", "s": "2", "a": "1"}, "op=transpose&i=3&k=3&s=2&p=0&a=1"),
        ({"op": "transpose", "a": "0,0", "d": "1"}, "op=transpose&i=5&k=3&s=1&p=0"),
        # Channels, groups and bias come last, and only where they differ from 1 and true.
        ({"c_in": "1", "c_out": "1", "g": "1", "bias": "1"}, "op=conv&i=5&k=3&s=1&p=0"),
        (
            {"bias": "false", "g": "2", "c_out": " 64 ", "c_in": "4"},
            "op=conv&i=5&k=3&s=1&p=0&c_in=4&c_out=64&g=2&bias=0",
        ),
        ({"op": "maxpool", "k": "2", "c_in": "3"}, "op=maxpool&i=5&k=2&s=2&p=0&c_in=3"),
        (
            {"op": "transpose", "c_in": "8", "c_out": "8", "g": "8"},
            "op=transpose&i=5&k=3&s=1&p=0&c_in=8&c_out=8&g=8",
        ),
    ],
)
def test_canonical_query(query: dict[str, str], canonical: str) -> None:
    assert Config.from_query(query).query() == canonical


@settings(max_examples=300, deadline=None)
@given(raw_configs())
def test_the_printed_query_parses_back_to_the_same_config(raw: dict[str, str | None]) -> None:
    """For every valid configuration: from_query(query()) is the configuration itself, and
    printing it again gives the same text (so links, caches and ETags agree)."""
    try:
        config = Config.from_query({k: v for k, v in raw.items() if v is not None})
    except ConfigError:
        reject()
    again = Config.from_query(config.query())
    assert again == config
    assert again.query() == config.query()


def test_from_query_reads_a_query_string_or_a_mapping() -> None:
    text = "op=transpose&i=3&k=3&s=2&p=1&a=1"
    assert Config.from_query(text) == Config.from_query(dict(parse_qsl(text)))
    assert Config.from_query(text).a == (1, 1)
