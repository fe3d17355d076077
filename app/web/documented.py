"""The answers' shapes as OpenAPI documents them: app/core/schema.py's declarations, with
each field's docstring as its description and no field left undeclared, plus the ranges
answer, whose fields are the declared size parameters."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field, create_model

from app.core import schema
from app.core.parameters import SIZES

for declared in schema.ANSWERS:
    # additionalProperties: false, so the fuzzer's schema check catches an undeclared field.
    declared.__pydantic_config__ = ConfigDict(  # type: ignore[attr-defined]
        use_attribute_docstrings=True, extra="forbid"
    )

AxisRange = list[int] | None
_RANGE_FIELDS: dict[str, Any] = {
    p.name: (
        list[AxisRange],
        Field(
            description=f"The {p.noun}'s accepted values with the others held: [low, high] "
            "for the height, then for the width; null where no value fits.",
            min_length=2,
            max_length=2,
        ),
    )
    for p in SIZES
}
RangesAnswer = create_model(
    "RangesAnswer",
    __config__=ConfigDict(extra="forbid"),
    __doc__="Per size parameter, the values the engine accepts with the others held fixed "
    "(the page's slider bounds), and the padding keywords this configuration accepts.",
    p_keywords=(list[str], Field(description="The padding keywords accepted here.")),
    **_RANGE_FIELDS,
)


def inherit_descriptions(openapi: dict[str, Any]) -> dict[str, Any]:
    """pydantic reads a TypedDict's field docstrings from its own class body only, so an
    answer extending another (FramesAnswer extends ArithmeticAnswer) gets the base's here."""
    components = openapi.get("components", {}).get("schemas", {})
    for declared in schema.ANSWERS:
        own = components.get(declared.__name__, {}).get("properties", {})
        for base in getattr(declared, "__orig_bases__", ()):
            inherited = components.get(getattr(base, "__name__", ""), {}).get("properties", {})
            for name, field in inherited.items():
                if name in own and "description" in field:
                    own[name].setdefault("description", field["description"])
    return openapi
