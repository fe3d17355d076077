"""What a learner should notice about a configuration, in plain sentences.

The shapes come from app/core/arithmetic.py; this module only puts them into words, one
sentence for both axes where they agree and one per axis where they differ. Each note is a
catalogue sentence (``note.*`` in app/locales), said in the answer's language; where English
changes its words with a number (row or rows, is or are) the catalogue has one sentence per
form, so every language words each case its own way.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.arithmetic import (
    AXIS_NAMES,
    Arithmetic,
    AxisShape,
    ceil_windows,
    direct_of_transpose,
    in_axis,
    pool_output,
)
from app.core.catalogue import DEFAULT_LANG, Sentence
from app.core.formatting import pair_scalar

AXIS_KEYS = ("row", "column", "both")  # axis 0, 1, or 2 for both at once


def notes(arith: Arithmetic, lang: str = DEFAULT_LANG) -> list[str]:
    """What a learner should notice about this configuration, said in ``lang``."""
    return [note.say(lang) for note in note_sentences(arith)]


def note_sentences(arith: Arithmetic) -> list[Sentence]:
    """What a learner should notice about this configuration, as catalogue sentences."""
    c = arith.config
    out: list[Sentence] = []
    if c.op == "conv" or (c.op in ("maxpool", "avgpool") and not c.ceil):
        out.extend(_coverage_notes(arith))
    if c.padding_keyword == "same":
        out.extend(_same_notes(arith))
    if c.padding_keyword == "tf_same":
        out.extend(_tf_same_notes(arith))
    if c.padding_keyword == "full" and c.op == "conv":
        out.append(Sentence("note.full"))
    if c.padding_keyword == "half" and any(k % 2 == 0 for k in c.k) and c.op == "conv":
        out.append(Sentence("note.half_even"))
    out.extend(_dilation_notes(arith))
    if c.op == "maxpool" and any(p > 0 for p in c.p):
        out.append(Sentence("note.maxpool_padding"))
    if c.op == "avgpool" and any(p > 0 for p in c.p):
        out.append(Sentence("note.avgpool_padding"))
    if c.op in ("maxpool", "avgpool") and c.ceil:
        out.extend(_ceil_notes(arith))
    if c.op == "transpose":
        out.extend(_transpose_notes(arith))
    return out


Where = Sentence | str


def _per_axis(
    arith: Arithmetic, sentence: Callable[[int, AxisShape, Where], Sentence | None]
) -> list[Sentence]:
    """One sentence for both axes when they agree, else one per axis that has something."""
    if in_axis(0, arith.config) == "":
        text = sentence(2, arith.axes[0], "")
        return [text] if text else []
    out = []
    for axis, ax in enumerate(arith.axes):
        text = sentence(axis, ax, Sentence(f"where.{AXIS_NAMES[axis]}"))
        if text:
            out.append(text)
    return out


def _count(count: int) -> str:
    """The catalogue's form for a count of lines: one, or many."""
    return "one" if count == 1 else "many"


def _coverage_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(axis: int, ax: AxisShape, where: Where) -> Sentence | None:
        out: list[Sentence] = []
        rest = (ax.i + ax.before + ax.after - ax.ek) % ax.s
        if rest:
            kname = "k̂" if ax.d > 1 else "k"
            formula = (
                f"(i + 2p − {kname}) mod s = ({ax.i} + {ax.before + ax.after} − {ax.ek}) mod "
                f"{ax.s} = {rest}"
            )
            key = f"note.uncovered_{_count(rest)}_{AXIS_KEYS[axis]}"
            out.append(Sentence(key, {"n": rest, "formula": formula, "where": where}))
        if ax.s > ax.ek:
            out.append(Sentence("note.stride_skips", {"s": ax.s, "ek": ax.ek, "where": where}))
        if len(out) == 2:
            return Sentence("note.both", {"first": out[0], "second": out[1]})
        return out[0] if out else None

    return _per_axis(arith, sentence)


def _dilation_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(axis: int, ax: AxisShape, where: Where) -> Sentence | None:
        if ax.d == 1:
            return None
        return Sentence("note.dilation", {"d": ax.d, "k": ax.k, "ek": ax.ek, "where": where})

    c = arith.config
    if c.d[0] == c.d[1] and c.k[0] == c.k[1]:
        text = sentence(2, arith.axes[0], "")
        return [text] if text else []
    return _per_axis(arith, sentence)


def _same_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(axis: int, ax: AxisShape, where: Where) -> Sentence | None:
        if ax.before == ax.after:
            return None
        values = {
            "total": ax.before + ax.after,
            "where": where,
            "before": ax.before,
            "after": ax.after,
        }
        return Sentence(f"note.same_{AXIS_KEYS[axis]}", values)

    return _per_axis(arith, sentence)


def _tf_same_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(axis: int, ax: AxisShape, where: Where) -> Sentence | None:
        values = {
            "o": ax.o,
            "formula": f"max(({ax.o} − 1)·{ax.s} + {ax.ek} − {ax.i}, 0)",
            "total": ax.before + ax.after,
            "where": where,
            "before": ax.before,
            "after": ax.after,
        }
        return Sentence(f"note.tf_same_{AXIS_KEYS[axis]}", values)

    return _per_axis(arith, sentence)


def _ceil_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(axis: int, ax: AxisShape, where: Where) -> Sentence | None:
        floor_o = pool_output(ax.i, ax.before, ax.ek, ax.s, False)
        rounded = ceil_windows(ax.i, ax.before, ax.ek, ax.s)
        if rounded > ax.o:
            start = (rounded - 1) * ax.s
            return Sentence(f"note.ceil_drops_{AXIS_KEYS[axis]}", {"start": start, "where": where})
        if ax.o > floor_o:
            added = ax.o - floor_o
            key = f"note.ceil_adds_{_count(added)}_{AXIS_KEYS[axis]}"
            return Sentence(key, {"n": added, "where": where})
        return None

    return [Sentence("note.ceil"), *_per_axis(arith, sentence)]


def _transpose_notes(arith: Arithmetic) -> list[Sentence]:
    c = arith.config
    out: list[Sentence] = []
    both = in_axis(0, c) == ""
    for axis, ax in enumerate(arith.axes):
        where = in_axis(axis, c)
        first = Sentence(
            "note.side_top_left" if both else ("note.side_top", "note.side_left")[axis]
        )
        last = Sentence(
            "note.side_bottom_right" if both else ("note.side_bottom", "note.side_right")[axis]
        )
        values = {
            "where": where,
            "n": ax.s - 1,
            "stretched": ax.stretched,
            "pad": _equivalent_padding(ax, first, last),
        }
        out.append(Sentence(f"note.transpose_drawn_{_count(ax.s - 1)}", values))
        if both:
            break
    out.append(Sentence("note.transpose_flipped"))
    direct = direct_of_transpose(arith)
    in_shape = direct["input_shape"]
    out_shape = direct["output_shape"]
    assert isinstance(in_shape, list) and isinstance(out_shape, list)
    conv = (
        f"Conv2d(k={pair_scalar(c.k)}, s={pair_scalar(c.s)}, p={pair_scalar(c.p)}"
        + (f", d={pair_scalar(c.d)}" if c.d != (1, 1) else "")
        + ")"
    )
    maps = {
        "conv": conv,
        "h": in_shape[0],
        "w": in_shape[1],
        "oh": out_shape[0],
        "ow": out_shape[1],
    }
    out.append(Sentence("note.transpose_of", maps))
    if list(out_shape) != list(arith.input_shape):
        out.append(Sentence("note.transpose_not_back"))
    elif any(a > 0 for a in c.a):
        h, w = arith.output_shape
        ah, aw = c.a
        values = {
            "h": h - ah,
            "w": w - aw,
            "oh": out_shape[0],
            "ow": out_shape[1],
            "a": pair_scalar(c.a),
            "ph": h,
            "pw": w,
        }
        out.append(Sentence("note.transpose_picks", values))
    return out


def _equivalent_padding(ax: AxisShape, first: Sentence, last: Sentence) -> Sentence:
    """How the stretched input is padded, or cropped where p exceeds d(k − 1), on each side."""
    sides = {"first": first, "last": last}
    if ax.grid_before >= 0:
        if ax.a:
            return Sentence("note.pad_a", {**sides, "p": ax.grid_before, "pa": ax.grid_after})
        return Sentence("note.pad", {**sides, "p": ax.grid_before})
    crop = -ax.grid_before
    if not ax.a:
        cropped = Sentence("note.crop", {"crop": crop})
    elif ax.grid_after < 0:
        cropped = Sentence("note.crop_a", {**sides, "crop": crop, "after": -ax.grid_after})
    elif ax.grid_after == 0:
        cropped = Sentence("note.crop_first", {**sides, "crop": crop})
    else:
        cropped = Sentence("note.crop_pad", {**sides, "crop": crop, "after": ax.grid_after})
    # Cropping keeps the drawing honest: the trimmed stretched cells never reach the output.
    return Sentence("note.cropped", {"sides": cropped})
