"""The guided tour: the paper's path (one stop per relationship, 1 to 15), then the course
notes' topics (pooling, 1×1 convolution, grouped, depthwise and depthwise-separable
convolution, receptive fields through a stack, convolution as a matrix).

Each stop is declared once here as data: its figure's configuration (a query the engine
parses), the page settings it opens with, its words (catalogue keys, written out so the
catalogue test sees each one used) and its "try this" prompts, each changing one parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.figures import BY_NUMBER
from app.core.params import Config


@dataclass(frozen=True)
class Try:
    """A prompt that changes one parameter of the stop's figure and says what to watch."""

    key: str  # the catalogue key of the sentence
    change: Mapping[str, str]  # one parameter's new value (op counts as one)


@dataclass(frozen=True)
class Stop:
    number: int
    title: str  # catalogue keys, each used as written
    paragraphs: tuple[str, ...]
    query: Mapping[str, str]  # the figure's configuration, as a link writes it
    tries: tuple[Try, ...]
    relationship: int | None = None  # the paper's relationship the stop teaches
    figure: str | None = None  # the paper's figure it reproduces
    numbers: bool = False  # numbers in the cells, as the chapter-1 figures print them
    matrix: bool = False  # the matrix view open under the figure
    # A stack for the network planner (input size, layers), for the receptive-field stop.
    stack: tuple[int, str] | None = None
    stack_tries: tuple[Try, ...] = field(default_factory=tuple)

    def config(self) -> Config:
        """The stop's figure as the engine reads it (refused: a ConfigError)."""
        return Config.from_query(dict(self.query))

    def tried(self, attempt: Try) -> Config:
        """The configuration a prompt opens: the stop's with one parameter changed."""
        return Config.from_query({**self.query, **attempt.change})


def _paper(number: str) -> dict[str, str]:
    return dict(BY_NUMBER[number].query)


def _t(key: str, **change: str) -> Try:
    return Try(key, change)


STOPS: tuple[Stop, ...] = (
    Stop(
        1,
        "tour.s1.title",
        ("tour.s1.p1", "tour.s1.p2"),
        _paper("2.1"),
        (_t("tour.s1.try_i", i="5"), _t("tour.s1.try_k", k="2"), _t("tour.s1.try_p", p="1")),
        relationship=1,
        figure="2.1",
    ),
    Stop(
        2,
        "tour.s2.title",
        ("tour.s2.p1", "tour.s2.p2"),
        _paper("2.2"),
        (_t("tour.s2.try_p1", p="1"), _t("tour.s2.try_p0", p="0"), _t("tour.s2.try_k", k="3")),
        relationship=2,
        figure="2.2",
    ),
    Stop(
        3,
        "tour.s3.title",
        ("tour.s3.p1", "tour.s3.p2"),
        _paper("2.3"),
        (_t("tour.s3.try_i", i="7"), _t("tour.s3.try_k", k="5")),
        relationship=3,
        figure="2.3",
    ),
    Stop(
        4,
        "tour.s4.title",
        ("tour.s4.p1", "tour.s4.p2"),
        _paper("2.4"),
        (_t("tour.s4.try_p", p="1"), _t("tour.s4.try_k", k="5")),
        relationship=4,
        figure="2.4",
    ),
    Stop(
        5,
        "tour.s5.title",
        ("tour.s5.p1", "tour.s5.p2"),
        _paper("2.5"),
        (_t("tour.s5.try_i6", i="6"), _t("tour.s5.try_i7", i="7"), _t("tour.s5.try_s", s="3")),
        relationship=5,
        figure="2.5",
    ),
    Stop(
        6,
        "tour.s6.title",
        ("tour.s6.p1", "tour.s6.p2"),
        _paper("2.6"),
        (_t("tour.s6.try_i", i="6"), _t("tour.s6.try_p", p="0"), _t("tour.s6.try_s", s="1")),
        relationship=6,
        figure="2.6",
    ),
    Stop(
        7,
        "tour.s7.title",
        ("tour.s7.p1", "tour.s7.p2"),
        _paper("1.6"),
        (
            _t("tour.s7.try_s", s="2"),
            _t("tour.s7.try_k", k="2"),
            _t("tour.s7.try_op", op="avgpool"),
        ),
        relationship=7,
        figure="1.6",
        numbers=True,
    ),
    Stop(
        8,
        "tour.s8.title",
        ("tour.s8.p1", "tour.s8.p2", "tour.s8.p3"),
        _paper("4.1"),
        (_t("tour.s8.try_k", k="4"), _t("tour.s8.try_i", i="3")),
        relationship=8,
        figure="4.1",
    ),
    Stop(
        9,
        "tour.s9.title",
        ("tour.s9.p1", "tour.s9.p2"),
        _paper("4.2"),
        (_t("tour.s9.try_p1", p="1"), _t("tour.s9.try_p0", p="0")),
        relationship=9,
        figure="4.2",
    ),
    Stop(
        10,
        "tour.s10.title",
        ("tour.s10.p1", "tour.s10.p2"),
        _paper("4.3"),
        (_t("tour.s10.try_i", i="7"), _t("tour.s10.try_k", k="5")),
        relationship=10,
        figure="4.3",
    ),
    Stop(
        11,
        "tour.s11.title",
        ("tour.s11.p1", "tour.s11.p2"),
        _paper("4.4"),
        (_t("tour.s11.try_i", i="5"), _t("tour.s11.try_p", p="1")),
        relationship=11,
        figure="4.4",
    ),
    Stop(
        12,
        "tour.s12.title",
        ("tour.s12.p1", "tour.s12.p2"),
        _paper("4.5"),
        (_t("tour.s12.try_s", s="3"), _t("tour.s12.try_i", i="3")),
        relationship=12,
        figure="4.5",
    ),
    Stop(
        13,
        "tour.s13.title",
        ("tour.s13.p1", "tour.s13.p2"),
        _paper("4.6"),
        (_t("tour.s13.try_p", p="0"), _t("tour.s13.try_i", i="2")),
        relationship=13,
        figure="4.6",
    ),
    Stop(
        14,
        "tour.s14.title",
        ("tour.s14.p1", "tour.s14.p2"),
        _paper("4.7"),
        (_t("tour.s14.try_a", a="0"), _t("tour.s14.try_s", s="3")),
        relationship=14,
        figure="4.7",
    ),
    Stop(
        15,
        "tour.s15.title",
        ("tour.s15.p1", "tour.s15.p2"),
        _paper("5.1"),
        (_t("tour.s15.try_d1", d="1"), _t("tour.s15.try_d3", d="3"), _t("tour.s15.try_p", p="2")),
        relationship=15,
        figure="5.1",
    ),
    Stop(
        16,
        "tour.s16.title",
        ("tour.s16.p1", "tour.s16.p2"),
        {"op": "maxpool", "i": "4", "k": "2", "s": "2"},
        (
            _t("tour.s16.try_op", op="avgpool"),
            _t("tour.s16.try_i", i="5"),
            _t("tour.s16.try_s", s="1"),
        ),
        numbers=True,
    ),
    Stop(
        17,
        "tour.s17.title",
        ("tour.s17.p1", "tour.s17.p2"),
        {"op": "conv", "i": "5", "k": "1", "c_in": "8", "c_out": "2"},
        (
            _t("tour.s17.try_c_out", c_out="16"),
            _t("tour.s17.try_k", k="3"),
        ),
    ),
    Stop(
        18,
        "tour.s18.title",
        ("tour.s18.p1", "tour.s18.p2"),
        {"op": "conv", "i": "5", "k": "3", "p": "1", "c_in": "4", "c_out": "4", "g": "2"},
        (_t("tour.s18.try_g1", g="1"), _t("tour.s18.try_g4", g="4")),
    ),
    Stop(
        19,
        "tour.s19.title",
        ("tour.s19.p1", "tour.s19.p2"),
        {"op": "conv", "i": "5", "k": "3", "p": "1", "c_in": "4", "c_out": "4", "g": "4"},
        (_t("tour.s19.try_g", g="1"), _t("tour.s19.try_c_out", c_out="8")),
    ),
    Stop(
        20,
        "tour.s20.title",
        ("tour.s20.p1", "tour.s20.p2", "tour.s20.p3"),
        {"op": "conv", "i": "5", "k": "3", "p": "1", "c_in": "8", "c_out": "16"},
        (
            _t("tour.s20.try_c_out_big", c_out="256"),
            _t("tour.s20.try_c_out_small", c_out="1"),
            _t("tour.s20.try_k", k="5"),
        ),
    ),
    Stop(
        21,
        "tour.s21.title",
        ("tour.s21.p1", "tour.s21.p2"),
        {"op": "conv", "i": "7", "k": "3"},
        (_t("tour.s21.try_d", d="2"), _t("tour.s21.try_k", k="5")),
        stack=(9, "conv(k=3);conv(k=3);conv(k=3)"),
        stack_tries=(
            _t("tour.s21.stack_s", layers="conv(k=3);conv(k=3,s=2);conv(k=3)"),
            _t("tour.s21.stack_d", layers="conv(k=3);conv(k=3,d=2);conv(k=3)"),
        ),
    ),
    Stop(
        22,
        "tour.s22.title",
        ("tour.s22.p1", "tour.s22.p2", "tour.s22.p3"),
        _paper("2.1"),
        (_t("tour.s22.try_op", op="transpose"), _t("tour.s22.try_i", i="5")),
        matrix=True,
    ),
)

BY_STOP: dict[int, Stop] = {stop.number: stop for stop in STOPS}
