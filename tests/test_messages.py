"""The message catalogue: every key the page uses exists, and nothing else is left over, in
every language; the Korean catalogue is complete, Korean and keeps every placeholder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.web.messages import LOCALES_DIR, available, catalogue, choose_lang, glossary, translate

ROOT = Path(__file__).resolve().parents[1]
# t("key"...) in templates and scripts; keys built at run time are listed by their prefix.
CALL = re.compile(r"""\bt\(\s*["']([a-z_][a-z0-9_.]*[a-z])["']""")
LITERAL = re.compile(r"""["']([a-z_][a-z0-9_]*\.[a-z0-9_.]+)["']""")
DYNAMIC_PREFIXES = (
    "op.",
    "param.",
    "axis.",
    "padding.",
    "legend.",
    "player.speed",
    "view.",
    "export.size_",
    "kind.about.",  # the kinds' sentences and menu labels: kind.<kind>
    *(f"kind.{kind}" for kind in ("standard", "grouped", "depthwise", "pointwise", "separable")),
    # Image mode's choices, one key each (tests/test_image_page.py holds them to the lists).
    "image.sample.",
    "image.kernel.",
    "image.scale.",
    "image.scale_about.",
    "image.mode.",
    "paper.",  # the presets' names and captions, one key per paper figure (tested below)
    "glossary.",  # the footer lists every glossary.<term> (app/web/messages.py's glossary)
)
HANGUL = re.compile("[\uac00-\ud7a3]")
# Korean values with no Hangul, on purpose: names, code and symbols read the same in Korean.
NO_HANGUL = {
    "page.title_config",  # {summary} · convarith
    "present.config",  # {op} · {params}
    "formula.beyond",  # {title}
    "summary.ceil",  # PyTorch's argument name
    "code.pytorch",
    "code.keras",
    "network.preset_alexnet",
    "network.preset_vgg",
    "network.preset_mobilenet",
    "network.col_index",  # #
    "network.flops",  # {flops} FLOPs
    "noun.ceil",  # PyTorch's argument names
    "noun.count_include_pad",
    "noun.divisor_override",
    "refusal.and",  # {first}, {second}
    "note.both",  # {first} {second}
    "matrix.equation",  # formulas read the same in Korean
    "matrix.equation_transpose",
    "im2col.equation",
    "narration.cells",  # {rows}, {cols}: the words are narration.row(s) and narration.col(s)
    "substitution.axis",  # {axis}: {line}; the words are substitution.axis_<axis>
    "substitution.two",
    "substitution.three",
}


def sources() -> list[str]:
    paths = [
        *ROOT.glob("templates/*.html"),
        *ROOT.glob("static/js/*.js"),
        *ROOT.glob("app/web/*.py"),
        *ROOT.glob("app/render/*.py"),
        *ROOT.glob("app/core/*.py"),  # the engine's sentences: refusal.*, note.*
    ]
    return [path.read_text("utf-8") for path in paths]


def called_keys() -> set[str]:
    """Keys passed straight to t(...)."""
    return {key for text in sources() for key in CALL.findall(text)}


def used_keys() -> set[str]:
    """Every quoted string that names a key, wherever it is passed from."""
    return {key for text in sources() for key in LITERAL.findall(text)}


# A key an f-string builds (f"note.same_{axis}"): its literal beginning.
BUILT = re.compile(r"""\bf["']([a-z_]+\.[a-z_.]*)\{""")


def built_prefixes() -> tuple[str, ...]:
    return tuple({prefix for text in sources() for prefix in BUILT.findall(text)})


def test_every_used_key_is_in_the_english_catalogue() -> None:
    missing = sorted(key for key in called_keys() if key not in catalogue("en"))
    assert missing == []


def own(lang: str) -> dict[str, str]:
    """The language's file as written, without the English it would fall back on."""
    text: dict[str, str] = json.loads((LOCALES_DIR / f"{lang}.json").read_text("utf-8"))
    return text


@pytest.mark.parametrize("lang", available())
def test_no_catalogue_has_unused_keys(lang: str) -> None:
    used = used_keys()
    dynamic = DYNAMIC_PREFIXES + built_prefixes()
    unused = [key for key in own(lang) if key not in used and not key.startswith(dynamic)]
    assert unused == []


@pytest.mark.parametrize("lang", available())
def test_every_catalogue_has_every_key_and_no_other(lang: str) -> None:
    assert sorted(own("en").keys() - own(lang).keys()) == []
    assert sorted(own(lang).keys() - own("en").keys()) == []


@pytest.mark.parametrize("lang", available())
def test_every_catalogue_fills_the_same_placeholders(lang: str) -> None:
    english = own("en")
    different = [
        key
        for key, text in own(lang).items()
        if sorted(re.findall(r"{\w+}", text)) != sorted(re.findall(r"{\w+}", english[key]))
    ]
    assert different == []


def test_every_korean_message_is_korean() -> None:
    """Hangul in every value, but for the listed names and symbols (and those stay so)."""
    korean = own("ko")
    assert sorted(key for key, text in korean.items() if not HANGUL.search(text)) == sorted(
        NO_HANGUL
    )


def test_the_korean_catalogue_uses_the_course_terms() -> None:
    """The terms Korean courses use, as the glossary gives them, in the page's own words."""
    ko = own("ko")
    for key, term in [
        ("op.conv", "합성곱"),
        ("op.transpose", "전치 합성곱"),
        ("op.maxpool", "최대 풀링"),
        ("op.avgpool", "평균 풀링"),
        ("param.p", "패딩"),
        ("param.s", "스트라이드"),
        ("param.d", "팽창(딜레이션)"),
        ("param.c_in", "입력 채널"),
        ("param.c_out", "출력 채널"),
        ("param.g", "그룹"),
        ("param.bias", "편향"),
        ("param.k", "커널"),
        ("channels.filters", "필터"),
        ("network.col_field", "수용 영역"),
        ("kind.sep_title", "깊이별 분리 합성곱"),
    ]:
        assert term in ko[key], key
    terms = {term["en"]: term["ko"] for term in glossary()}
    assert terms["depthwise convolution"] == "깊이별 합성곱"
    assert terms["pointwise convolution"] == "점별 합성곱"
    assert terms["receptive field"] == "수용 영역"


def test_the_glossary_pairs_every_term_in_every_language() -> None:
    terms = glossary()
    assert len(terms) == sum(key.startswith("glossary.") for key in own("en"))
    assert all(
        list(term) == ["en", *(lang for lang in available() if lang != "en")] for term in terms
    )
    assert {"en": "stride", "ko": "스트라이드"} in terms


def test_translate_fills_placeholders_and_falls_back_to_the_key() -> None:
    assert translate("en", "player.step", step=3, total=9) == "step 3 of 9"
    assert translate("en", "no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("requested", "accept", "expected"),
    [
        ("en", None, "en"),
        ("xx", None, "en"),
        (None, "fr-FR,fr;q=0.9,en;q=0.8", "en"),
        (None, "", "en"),
        (None, "x" * 5000, "en"),
        ("ko", None, "ko"),
        (None, "ko-KR,ko;q=0.9", "ko"),
        (None, "fr-FR,ko;q=0.5", "ko"),
        ("en", "ko-KR,ko;q=0.9", "en"),
        ("xx", "ko-KR,ko;q=0.9", "ko"),
    ],
)
def test_choose_lang(requested: str | None, accept: str | None, expected: str) -> None:
    assert choose_lang(requested, accept) == expected


def test_every_paper_figure_is_named_in_every_language() -> None:
    """The presets' names and captions: English as the paper writes them (its figure files'
    names, its captions), and every language has both for every figure."""
    from app.core.figures import FIGURES

    for figure in FIGURES:
        assert catalogue("en")[f"paper.name.{figure.name}"] == figure.name.replace("_", " ")
        assert catalogue("en")[f"paper.caption.{figure.name}"] == figure.caption
        for lang in available():
            assert catalogue(lang)[f"paper.name.{figure.name}"], (lang, figure.name)
            assert catalogue(lang)[f"paper.caption.{figure.name}"], (lang, figure.name)
    figures = {f"paper.{part}.{f.name}" for f in FIGURES for part in ("name", "caption")}
    assert {key for key in catalogue("en") if key.startswith("paper.")} == figures
