"""What a learner should notice about a configuration, in plain sentences.

The shapes come from app/core/arithmetic.py; this module only puts them into words, one
sentence for every axis of the layer where they agree and one per axis where they differ: a
1-D layer has one axis (its cells), a 3-D layer three (slices, rows and columns). Each note is a
catalogue sentence (``note.*`` in app/locales), said in the answer's language; where English
changes its words with a number (row or rows, is or are) the catalogue has one sentence per
form, so every language words each case its own way.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.arithmetic import (
    Arithmetic,
    AxisShape,
    ceil_windows,
    direct_of_transpose,
    in_axis,
    pool_output,
)
from app.core.catalogue import DEFAULT_LANG, Sentence
from app.core.formatting import pair_scalar, pair_size

# The catalogue's word for each axis of a layer, depth first, and for every axis at once.
LAYER_KEYS = {1: ("cell",), 2: ("row", "column"), 3: ("slice", "row", "column")}
EVERY_KEY = {1: "cell", 2: "both", 3: "all"}
WHERE = {1: ("width",), 2: ("height", "width"), 3: ("depth", "height", "width")}


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
    if c.padding_keyword == "causal":
        out.append(_causal_note(arith))
    if c.padding_keyword == "full" and c.op == "conv":
        out.append(Sentence("note.full"))
    if c.padding_keyword == "half" and any(k % 2 == 0 for k in c.axes("k")) and c.op == "conv":
        out.append(Sentence("note.half_even"))
    out.extend(_dilation_notes(arith))
    if c.op == "maxpool" and any(p > 0 for p in c.axes("p")):
        out.append(Sentence("note.maxpool_padding"))
    if c.op == "avgpool" and any(p > 0 for p in c.axes("p")):
        out.append(Sentence("note.avgpool_padding"))
    if c.op in ("maxpool", "avgpool") and c.ceil:
        out.extend(_ceil_notes(arith))
    if c.op == "transpose":
        out.extend(_transpose_notes(arith))
    return out


Where = Sentence | str


def _per_axis(
    arith: Arithmetic, sentence: Callable[[str, AxisShape, Where], Sentence | None]
) -> list[Sentence]:
    """One sentence for every axis of the layer when they agree (a 1-D layer's one axis
    included), else one per axis that has something. ``sentence`` gets the catalogue's word
    for the axis (``row``, ``column``, ``slice``, ``cell``, or ``both``/``all`` at once)."""
    dims = arith.config.dims
    axes = arith.layer_axes
    if in_axis(0, arith.config) == "":
        text = sentence(EVERY_KEY[dims], axes[-1], "")
        return [text] if text else []
    out = []
    for key, name, ax in zip(LAYER_KEYS[dims], WHERE[dims], axes, strict=True):
        text = sentence(key, ax, Sentence(f"where.{name}"))
        if text:
            out.append(text)
    return out


def _count(count: int) -> str:
    """The catalogue's form for a count of lines: one, or many."""
    return "one" if count == 1 else "many"


def _coverage_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(key: str, ax: AxisShape, where: Where) -> Sentence | None:
        out: list[Sentence] = []
        rest = (ax.i + ax.before + ax.after - ax.ek) % ax.s
        if rest:
            kname = "k̂" if ax.d > 1 else "k"
            formula = (
                f"(i + 2p − {kname}) mod s = ({ax.i} + {ax.before + ax.after} − {ax.ek}) mod "
                f"{ax.s} = {rest}"
            )
            name = f"note.uncovered_{_count(rest)}_{key}"
            out.append(Sentence(name, {"n": rest, "formula": formula, "where": where}))
        if ax.s > ax.ek:
            out.append(Sentence("note.stride_skips", {"s": ax.s, "ek": ax.ek, "where": where}))
        if len(out) == 2:
            return Sentence("note.both", {"first": out[0], "second": out[1]})
        return out[0] if out else None

    return _per_axis(arith, sentence)


def _dilation_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(key: str, ax: AxisShape, where: Where) -> Sentence | None:
        if ax.d == 1:
            return None
        return Sentence("note.dilation", {"d": ax.d, "k": ax.k, "ek": ax.ek, "where": where})

    c = arith.config
    if len(set(c.axes("d"))) == 1 and len(set(c.axes("k"))) == 1:
        text = sentence("", arith.layer_axes[-1], "")
        return [text] if text else []
    return _per_axis(arith, sentence)


def _same_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(key: str, ax: AxisShape, where: Where) -> Sentence | None:
        if ax.before == ax.after:
            return None
        values = {
            "total": ax.before + ax.after,
            "where": where,
            "before": ax.before,
            "after": ax.after,
        }
        return Sentence(f"note.same_{key}", values)

    return _per_axis(arith, sentence)


def _tf_same_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(key: str, ax: AxisShape, where: Where) -> Sentence | None:
        values = {
            "o": ax.o,
            "formula": f"max(({ax.o} − 1)·{ax.s} + {ax.ek} − {ax.i}, 0)",
            "total": ax.before + ax.after,
            "where": where,
            "before": ax.before,
            "after": ax.after,
        }
        return Sentence(f"note.tf_same_{key}", values)

    return _per_axis(arith, sentence)


def _causal_note(arith: Arithmetic) -> Sentence:
    """A causal convolution (1-D): all of its d(k − 1) padding on the left."""
    ax = arith.layer_axes[-1]
    values = {"left": ax.before, "reach": ax.before, "i": ax.i, "o": ax.o, "s": ax.s}
    return Sentence("note.causal_same_length" if ax.s == 1 else "note.causal_strided", values)


def _ceil_notes(arith: Arithmetic) -> list[Sentence]:
    def sentence(key: str, ax: AxisShape, where: Where) -> Sentence | None:
        floor_o = pool_output(ax.i, ax.before, ax.ek, ax.s, False)
        rounded = ceil_windows(ax.i, ax.before, ax.ek, ax.s)
        if rounded > ax.o:
            start = (rounded - 1) * ax.s
            return Sentence(f"note.ceil_drops_{key}", {"start": start, "where": where})
        if ax.o > floor_o:
            added = ax.o - floor_o
            name = f"note.ceil_adds_{_count(added)}_{key}"
            return Sentence(name, {"n": added, "where": where})
        return None

    dims = arith.config.dims
    ceil = Sentence(("note.ceil_1d", "note.ceil", "note.ceil_3d")[dims - 1])
    return [ceil, *_per_axis(arith, sentence)]


# The sides a transposed convolution's equivalent padding names, per axis of the layer
# (first, last), and for every axis at once.
_FIRST_SIDES = {1: ("left",), 2: ("top", "left"), 3: ("front", "top", "left")}
_LAST_SIDES = {1: ("right",), 2: ("bottom", "right"), 3: ("back", "bottom", "right")}
_EVERY_SIDE = {
    1: ("left", "right"),
    2: ("top_left", "bottom_right"),
    3: ("front_top_left", "back_bottom_right"),
}


def _transpose_notes(arith: Arithmetic) -> list[Sentence]:
    c = arith.config
    dims = c.dims
    out: list[Sentence] = []
    both = in_axis(0, c) == ""
    for axis, ax in enumerate(arith.layer_axes):
        where = "" if both else Sentence(f"where.{WHERE[dims][axis]}")
        first, last = (
            _EVERY_SIDE[dims] if both else (_FIRST_SIDES[dims][axis], _LAST_SIDES[dims][axis])
        )
        values = {
            "where": where,
            "n": ax.s - 1,
            "stretched": ax.stretched,
            "pad": _equivalent_padding(
                ax, Sentence(f"note.side_{first}"), Sentence(f"note.side_{last}")
            ),
        }
        out.append(Sentence(f"note.transpose_drawn_{_count(ax.s - 1)}", values))
        if both:
            break
    out.append(
        Sentence(
            ("note.transpose_flipped_1d", "note.transpose_flipped", "note.transpose_flipped_3d")[
                dims - 1
            ]
        )
    )
    direct = direct_of_transpose(arith)
    in_shape = direct["input_shape"]
    out_shape = direct["output_shape"]
    k, s, p, d = (c.axes(name) for name in ("k", "s", "p", "d"))
    conv = (
        f"Conv{dims}d(k={pair_scalar(k)}, s={pair_scalar(s)}, p={pair_scalar(p)}"
        + (f", d={pair_scalar(d)}" if any(v != 1 for v in d) else "")
        + ")"
    )
    if dims == 2:
        maps: dict[str, object] = {
            "conv": conv,
            "h": in_shape[0],
            "w": in_shape[1],
            "oh": out_shape[0],
            "ow": out_shape[1],
        }
        out.append(Sentence("note.transpose_of", maps))
    else:
        shapes = {"conv": conv, "input": pair_size(in_shape), "output": pair_size(out_shape)}
        out.append(Sentence(f"note.transpose_of_{dims}d", shapes))
    output = arith.layer_shape("o")
    if list(out_shape) != arith.layer_shape("i"):
        out.append(Sentence("note.transpose_not_back"))
    elif any(a > 0 for a in c.axes("a")):
        a = c.axes("a")
        unpadded = [o - pad for o, pad in zip(output, a, strict=True)]
        if dims == 2:
            values = {
                "h": unpadded[0],
                "w": unpadded[1],
                "oh": out_shape[0],
                "ow": out_shape[1],
                "a": pair_scalar(a),
                "ph": output[0],
                "pw": output[1],
            }
            out.append(Sentence("note.transpose_picks", values))
        else:
            picks = {
                "unpadded": pair_size(unpadded),
                "input": pair_size(out_shape),
                "a": pair_scalar(a),
                "output": pair_size(output),
            }
            out.append(Sentence(f"note.transpose_picks_{dims}d", picks))
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
