"""The page reads only fields the answers' schema names: every field the scripts take from an
engine answer (and from the parts they name by their usual variables) is declared in
/openapi.json, so renaming a field there without the page fails here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

STATIC = Path(__file__).resolve().parent.parent / "static" / "js"
# The scripts' names for an answer, and for its parts: name -> the schemas it may be.
HOLDERS: dict[str, tuple[str, ...]] = {
    "answer": ("FramesAnswer", "ScatterAnswer", "NetworkAnswer", "MatrixAnswer", "CausalAnswer"),
    "data": ("FramesAnswer", "ScatterAnswer", "NetworkAnswer"),
    "rel": ("Relationship",),
    "code": ("Code",),
    "direct": ("DirectConvolution",),
    "eq": ("Sides",),
    "values": ("FigureValues", "ScatterValues", "MatrixValues"),
    "f": ("Frame", "ScatterFrame"),
    "frame": ("Frame", "ScatterFrame"),
    "separable": ("Separable",),
}
# answer.<part>.<field>: the part's schema.
PARTS: dict[str, tuple[str, ...]] = {
    "transpose": ("Transpose",),
    "canvas": ("Canvas",),
    "grid": ("Grid",),
    "padding": ("Sides",),
    "values": ("FigureValues", "ScatterValues", "MatrixValues"),
    "matrix": ("UnrolledMatrix",),
    "im2col": ("Im2col",),
    "relationship": ("Relationship",),
    "code": ("Code",),
    "separable": ("Separable",),
}
_STRINGS = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'')
_TEMPLATES = re.compile(r"`(?:\\.|[^`\\])*`")
_EXPRESSIONS = re.compile(r"\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_ACCESS = re.compile(r"(?<![\w.$])(\w+)\.([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?")
# Methods of arrays and objects, not fields.
_METHODS = {
    "map",
    "length",
    "flat",
    "some",
    "every",
    "filter",
    "forEach",
    "slice",
    "at",
    "join",
    "push",
}


def _code(path: Path) -> str:
    """The script without comments and string text; a template literal keeps its ${...}
    expressions, which read fields too."""
    code = _COMMENTS.sub("", path.read_text("utf-8"))
    code = _TEMPLATES.sub(lambda m: " ".join(_EXPRESSIONS.findall(m.group(0))), code)
    return _STRINGS.sub('""', code)


def _read_fields() -> list[tuple[str, str, tuple[str, ...]]]:
    """(file, field, schemas it must be in) for every answer field the scripts read."""
    out = []
    for path in sorted(STATIC.glob("*.js")):
        for holder, field, sub in _ACCESS.findall(_code(path)):
            if holder not in HOLDERS or field in _METHODS:
                continue
            out.append((path.name, field, HOLDERS[holder]))
            if holder in ("answer", "data") and field in PARTS and sub and sub not in _METHODS:
                out.append((path.name, sub, PARTS[field]))
    return out


@pytest.fixture(scope="module")
def components(client: TestClient) -> dict[str, Any]:
    schemas: dict[str, Any] = client.get("/openapi.json").json()["components"]["schemas"]
    return schemas


def test_the_scan_finds_the_page_reading_answers() -> None:
    fields = {field for _, field, _ in _read_fields()}
    assert {"input_shape", "frames", "transpose", "equivalent_padding", "formula_mathml"} <= fields


def test_every_field_the_page_reads_is_declared(components: dict[str, Any]) -> None:
    unknown = [
        (name, field)
        for name, field, schemas in _read_fields()
        if not any(field in components[s]["properties"] for s in schemas)
    ]
    assert unknown == []
