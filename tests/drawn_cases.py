"""The drawn answers' reference: configurations, and a hash of each answer's drawn part
(grid or canvas, frames, values, overlap) as the cell-by-cell engine gave it.

``python -m tests.drawn_cases`` wrote tests/cases/drawn.json with the engine that built
every frame cell by cell in Python; the array engine must give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any

from app.core.answer import frames_answer, scatter_answer
from app.core.arithmetic import analyse
from app.core.figures import FIGURES
from app.core.parameters import ConfigError
from app.core.params import Config

DRAWN_KEYS = {
    "frames": ("grid", "frames", "values", "overlap"),
    "scatter": ("canvas", "frames", "values", "overlap"),
}


# The computed matrices of a drawn answer's values.
NUMBERS = ("output", "canvas")


def pair(rng: random.Random, low: int, high: int) -> str:
    if rng.random() < 0.7:
        return str(rng.randint(low, high))
    return f"{rng.randint(low, high)},{rng.randint(low, high)}"


def random_query(rng: random.Random, op: str) -> dict[str, str]:
    """A query of small to middling sizes, every option of its operation in play."""
    big = rng.random() < 0.2
    q = {
        "op": op,
        "i": pair(rng, 1, 40 if big else 12),
        "k": pair(rng, 1, 6),
        "s": pair(rng, 1, 4),
        "p": rng.choice(["valid", "half", "full", *(["same"] if op == "conv" else [])])
        if rng.random() < 0.3
        else pair(rng, 0, 3),
    }
    if op != "avgpool":
        q["d"] = pair(rng, 1, 3)
    if op == "transpose":
        q["a"] = pair(rng, 0, 3)
    if op in ("maxpool", "avgpool"):
        q["ceil"] = rng.choice(["0", "1"])
    if op == "avgpool":
        q["count_include_pad"] = rng.choice(["0", "1"])
        if rng.random() < 0.3:
            q["divisor_override"] = str(rng.randint(1, 9))
    if op in ("conv", "transpose"):
        q["c_in"] = rng.choice(["1", "2", "4"])
        q["g"] = rng.choice(["1", "2"])
        q["c_out"] = rng.choice(["2", "4"])
    if op == "conv" and rng.random() < 0.4:
        q["padding_mode"] = rng.choice(["zeros", "reflect", "replicate", "circular"])
    numbers = rng.random()
    if numbers < 0.3:
        q["seed"] = str(rng.randint(1, 999))
    elif numbers < 0.45 and op in ("conv", "transpose"):
        q["w"] = rng.choice(["box_blur", "sobel_x", "1,-2.5;0.25,3"])
    elif numbers < 0.55:
        q["x"] = "1,0.5,-2;3,4,0"
        q["i"] = "2,3"
    return q


def queries() -> list[tuple[str, dict[str, str]]]:
    """The paper's figures in both views where they apply, and random ones of every op."""
    out: list[tuple[str, dict[str, str]]] = []
    for figure in FIGURES:
        out.append(("frames", dict(figure.query)))
        if figure.query.get("op") == "transpose":
            out.append(("scatter", dict(figure.query)))
    # Near today's limits: the arrays must agree at size too.
    for q in (
        {"op": "conv", "i": "64", "k": "3", "p": "1", "seed": "5"},
        {"op": "conv", "i": "131", "k": "4", "s": "1"},
        {"op": "conv", "i": "100", "k": "5", "s": "2", "p": "2", "padding_mode": "reflect"},
        {"op": "transpose", "i": "60", "k": "4", "s": "2", "p": "1", "seed": "3"},
        {
            "op": "avgpool",
            "i": "101",
            "k": "3",
            "s": "2",
            "p": "1",
            "ceil": "1",
            "count_include_pad": "0",
        },
        {"op": "maxpool", "i": "127", "k": "3", "s": "1", "p": "1", "d": "2"},
    ):
        out.append(("frames", q))
    out.append(
        ("scatter", {"op": "transpose", "i": "60", "k": "4", "s": "2", "p": "1", "seed": "3"})
    )
    rng = random.Random(12)
    wanted = {
        ("frames", "conv"): 140,
        ("frames", "transpose"): 100,
        ("frames", "maxpool"): 90,
        ("frames", "avgpool"): 90,
        ("scatter", "transpose"): 140,
    }
    for (view, op), count in wanted.items():
        found = 0
        while found < count:
            q = random_query(rng, op)
            try:
                arith = analyse(Config.from_query(q))
                build = frames_answer if view == "frames" else scatter_answer
                build(arith)
            except ConfigError:
                continue
            out.append((view, q))
            found += 1
    return out


def drawn_hash(view: str, answer: Any) -> str:
    drawn = {key: answer[key] for key in DRAWN_KEYS[view]}
    body = json.dumps(drawn, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(body).hexdigest()


def main() -> None:
    cases = []
    for view, q in queries():
        arith = analyse(Config.from_query(q))
        answer = (frames_answer if view == "frames" else scatter_answer)(arith)
        case: dict[str, Any] = {"view": view, "query": q, "sha256": drawn_hash(view, answer)}
        if q.get("w") == "box_blur":
            # Ninths are not exact in binary: a sum's last bit depends on its order, so these
            # keep their numbers, to be compared as numbers.
            case["numbers"] = {k: v for k, v in answer["values"].items() if k in NUMBERS}
        cases.append(case)
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
    with open("tests/cases/drawn.json", "w") as f:
        f.write("[\n" + lines + "\n]\n")


if __name__ == "__main__":
    main()
