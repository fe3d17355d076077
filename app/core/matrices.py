"""A matrix of numbers as a link writes it: rows separated by ``;``, values by ``,``
(``x=3,3,2;0,0,1;3,1,2``). The input ``x`` and the kernel ``w`` are given this way, and the
canonical query writes them back the same way, so a link keeps a learner's own numbers.
"""

from __future__ import annotations

import re

from app.core.parameters import ConfigError

Matrix = tuple[tuple[float, ...], ...]

# Six digits either side of the point: pixel values, kernel fractions (1/16 = 0.0625) and
# anything a learner types by hand, with no exponent to blow a value up.
_NUMBER = re.compile(r"^[+-]?(?:\d{1,6}(?:\.\d{0,6})?|\.\d{1,6})$", re.ASCII)


def parse_matrix(name: str, text: str, max_values: int) -> Matrix:
    """``"1,2;3,4"`` -> ((1.0, 2.0), (3.0, 4.0)); every row as long as the first."""
    rows = [row.strip() for row in text.strip().strip(";").split(";")]
    count = sum(row.count(",") + 1 for row in rows)
    if count > max_values:
        raise ConfigError(
            name, "refusal.matrix_count", name=name, limit=f"{max_values:,}", got=f"{count:,}"
        )
    matrix: list[tuple[float, ...]] = []
    for r, row in enumerate(rows):
        values = [v.strip() for v in row.split(",")]
        for value in values:
            if not _NUMBER.match(value):
                raise ConfigError(
                    name, "refusal.matrix_number", name=name, value=repr(value[:20]), row=r + 1
                )
        if matrix and len(values) != len(matrix[0]):
            raise ConfigError(
                name,
                "refusal.matrix_row",
                name=name,
                first=len(matrix[0]),
                row=r + 1,
                count=len(values),
            )
        matrix.append(tuple(float(v) + 0.0 for v in values))
    return tuple(matrix)


def number_text(value: float) -> str:
    """A value as the canonical query writes it: ``3``, ``-0.5``, ``0.0625``."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def matrix_text(matrix: Matrix) -> str:
    return ";".join(",".join(number_text(v) for v in row) for row in matrix)


def matrix_shape(matrix: Matrix) -> tuple[int, int]:
    return (len(matrix), len(matrix[0]))


def resized(numbers: Matrix, size: tuple[int, int]) -> Matrix:
    """``numbers`` cut or extended with 0 to ``size``, from the top-left (as the page keeps a
    learner's numbers when a size changes)."""
    return tuple(
        tuple(
            numbers[r][c] if r < len(numbers) and c < len(numbers[0]) else 0.0
            for c in range(size[1])
        )
        for r in range(size[0])
    )
