"""Brute-force references, written from the definitions rather than from the engine's formulas.

Everything here is per axis, as in the paper: a window is placed by enumerating its start
positions, a transposed convolution by scattering each input unit onto the output.
"""

from __future__ import annotations

from hypothesis import reject
from hypothesis import strategies as st

from app.core.arithmetic import Arithmetic, analyse
from app.core.parameters import ConfigError
from app.core.params import Config

Pair = tuple[int, int]


def extent(k: int, d: int) -> int:
    """Cells from the first tap of a dilated kernel to its last, counted one by one."""
    taps = [j * d for j in range(k)]
    return taps[-1] - taps[0] + 1


def window_starts(padded: int, ek: int, s: int) -> list[int]:
    """Every start, s apart, of a window that lies wholly inside the padded input."""
    return [x for x in range(0, padded, s) if x + ek <= padded]


def ceil_window_starts(i: int, p: int, ek: int, s: int) -> list[int]:
    """ceil_mode: a window may hang past the padded edge by fewer than s cells, but PyTorch
    drops one that would start in the right padding (at or past input cell i)."""
    padded = i + 2 * p
    return [x for x in range(0, padded + s, s) if x + ek <= padded + s - 1 and x - p < i]


def covered_lines(starts: list[int], k: int, d: int, grid: int) -> set[int]:
    """The grid lines the kernel's d-spaced taps reach from these starts."""
    return {x + j * d for x in starts for j in range(k) if x + j * d < grid}


def scatter(i: int, k: int, s: int, p: int, d: int) -> dict[int, set[int]]:
    """Transposed convolution by definition: input unit u adds its kernel tap j at u·s − p + j·d."""
    return {u: {u * s - p + j * d for j in range(k)} for u in range(i)}


def transpose_size(i: int, k: int, s: int, p: int, d: int, a: int) -> int:
    """The full scatter's length, cropped by p on each side, extended by a at the end."""
    full = max(u * s + j * d for u in range(i) for j in range(k)) + 1
    return full - 2 * p + a


def text(pair: Pair) -> str:
    return f"{pair[0]},{pair[1]}"


def sizes(low: int, high: int) -> st.SearchStrategy[Pair]:
    """Square most of the time, H ≠ W often enough to catch a swapped axis."""
    return st.one_of(
        st.integers(low, high).map(lambda v: (v, v)),
        st.tuples(st.integers(low, high), st.integers(low, high)),
    )


@st.composite
def raw_configs(
    draw: st.DrawFn, ops: tuple[str, ...] = ("conv", "transpose", "maxpool", "avgpool")
) -> dict[str, str | None]:
    """A query of small sizes; some are ones PyTorch rejects."""
    op = draw(st.sampled_from(ops))
    s = draw(sizes(1, 4))
    keywords = ["valid", "half", "full", *(["same"] if op == "conv" else [])]
    p = draw(st.one_of(st.sampled_from(keywords), sizes(0, 3).map(text)))
    return dict(
        op=op,
        i=text(draw(sizes(1, 12))),
        k=text(draw(sizes(1, 5))),
        s=text(s),
        p=p,
        d=text(draw(sizes(1, 3))) if op != "avgpool" else None,
        a=text(draw(sizes(0, 3))) if op == "transpose" else None,
        ceil=draw(st.sampled_from(["0", "1"])) if op in ("maxpool", "avgpool") else None,
        c_in=draw(st.none() | st.sampled_from(["1", "2", "3", "4", "6", "64"])),
        # Pooling takes none of these but their defaults; some draws are refused.
        c_out=draw(st.none() | st.sampled_from(["1", "2", "3", "8"]))
        if op in ("conv", "transpose")
        else None,
        g=draw(st.none() | st.sampled_from(["1", "2", "3"]))
        if op in ("conv", "transpose")
        else None,
        bias=draw(st.sampled_from([None, "0", "1", "false"]))
        if op in ("conv", "transpose")
        else None,
    )


@st.composite
def analysed(
    draw: st.DrawFn, ops: tuple[str, ...] = ("conv", "transpose", "maxpool", "avgpool")
) -> Arithmetic:
    """A configuration the engine accepts, analysed."""
    raw = draw(raw_configs(ops))
    try:
        return analyse(Config.from_query(raw))
    except ConfigError:
        reject()


# Named configurations and the relationship the paper gives each (None: beyond the paper);
# together they reach all 15.
NAMED: list[tuple[str, dict[str, str], int | None]] = [
    ("fig2.1", {"i": "4", "k": "3"}, 1),
    ("k1", {"k": "1"}, 1),
    ("hw-no-padding", {"i": "5,7", "k": "3,2"}, 1),
    ("fig2.2", {"i": "5", "k": "4", "p": "2"}, 2),
    ("padding-on-one-axis", {"k": "3", "p": "0,1"}, 2),
    ("half-even-kernel", {"k": "4", "p": "half"}, 2),
    ("fig2.3", {"i": "5", "k": "3", "p": "1"}, 3),
    ("same-odd", {"i": "6", "k": "5", "p": "same"}, 3),
    ("fig2.4", {"i": "5", "k": "3", "p": "2"}, 4),
    ("full", {"k": "4", "p": "full"}, 4),
    ("fig2.5", {"i": "5", "k": "3", "s": "2"}, 5),
    ("fig2.6", {"i": "5", "k": "3", "s": "2", "p": "1"}, 6),
    ("fig2.7", {"i": "6", "k": "3", "s": "2", "p": "1"}, 6),
    ("strided-half", {"i": "6", "k": "3", "s": "2", "p": "half"}, 6),
    ("fig1.5", {"op": "avgpool", "i": "5", "k": "3", "s": "1"}, 7),
    ("maxpool-default-stride", {"op": "maxpool", "i": "6", "k": "2"}, 7),
    ("pool-half", {"op": "maxpool", "i": "6", "k": "3", "s": "1", "p": "1"}, 3),
    ("pool-full", {"op": "maxpool", "i": "6", "k": "2", "s": "1", "p": "1"}, 4),
    ("pool-padded", {"op": "avgpool", "i": "6", "k": "4", "s": "1", "p": "1"}, 2),
    ("pool-strided-padded", {"op": "avgpool", "i": "6", "k": "3", "s": "2", "p": "1"}, 6),
    ("pool-dilated", {"op": "maxpool", "i": "7", "k": "3", "d": "2"}, 15),
    ("fig4.1", {"op": "transpose", "i": "2", "k": "3"}, 8),
    ("fig4.2", {"op": "transpose", "i": "6", "k": "4", "p": "2"}, 9),
    ("fig4.3", {"op": "transpose", "i": "5", "k": "3", "p": "1"}, 10),
    ("fig4.4", {"op": "transpose", "i": "7", "k": "3", "p": "2"}, 11),
    ("fig4.5", {"op": "transpose", "i": "2", "k": "3", "s": "2"}, 12),
    ("fig4.6", {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1"}, 13),
    ("transpose-crop", {"op": "transpose", "i": "3", "k": "2", "s": "2", "p": "2"}, 13),
    ("fig4.7", {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"}, 14),
    ("odd-on-one-axis", {"op": "transpose", "i": "3", "s": "2", "a": "0,1"}, 14),
    ("fig5.1", {"i": "7", "k": "3", "d": "2"}, 15),
    ("dilated-on-one-axis", {"i": "7", "k": "3", "d": "1,2", "s": "2", "p": "1"}, 15),
    ("same-dilated", {"i": "7", "k": "3", "d": "2", "p": "same"}, 15),
    ("same-even-kernel", {"i": "6", "k": "4", "p": "same"}, None),
    ("ceil", {"op": "maxpool", "i": "5", "k": "2", "ceil": "1"}, None),
    ("ceil-drop", {"op": "maxpool", "i": "3", "k": "2", "s": "2", "p": "1", "ceil": "1"}, None),
    ("ceil-exact", {"op": "avgpool", "i": "6", "k": "2", "ceil": "1"}, None),
    ("transpose-dilated", {"op": "transpose", "i": "3", "d": "2"}, None),
]
