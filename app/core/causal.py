"""A stack of dilated causal 1-D convolutions (WaveNet's), as the tree of what one output reads.

A causal layer pads d(k − 1) zeros on the left only, so output t reads inputs t − d(k − 1),
…, t − d, t: never the future, and the sequence keeps its length. Stacked with growing
dilations (1, 2, 4, 8, …) the last output's field grows to 1 + (k − 1)·Σd. Drawn top-down:
from the chosen output, each layer's k taps reach back d apart; a tap left of position 0
reads the layer's padding.

The number of paths from an input to the output is what the output's gradient with respect to
that input is when every weight is 1: with k = 2 and doubling dilations each input in the
field is reached exactly once; with equal dilations the middle inputs are reached most often.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.catalogue import Sentence
from app.core.parameters import ConfigError
from app.core.schema import CausalAnswer


@dataclass(frozen=True)
class CausalLimits:
    # The drawing's bounds: a node per position and layer, an edge per tap (k ≤ 8, ≤ 12
    # layers over 256 positions: at most 24,576 edges).
    max_kernel: int = 8
    max_layers: int = 12
    max_dilation: int = 1024
    max_length: int = 256
    max_text: int = 128  # characters of the dilations' list


CAUSAL_LIMITS = CausalLimits()


@dataclass(frozen=True)
class CausalStack:
    k: int
    dilations: tuple[int, ...]
    length: int
    # The output whose tree is drawn; the last by default.
    target: int

    @property
    def field(self) -> int:
        """The receptive field: 1 + (k − 1)·Σd, padding included."""
        return 1 + (self.k - 1) * sum(self.dilations)

    def query(self) -> str:
        """The canonical link: every value written out, the target only when not the last."""
        dilations = ",".join(str(d) for d in self.dilations)
        text = f"k={self.k}&d={dilations}&n={self.length}"
        return text if self.target == self.length - 1 else f"{text}&t={self.target}"

    def padding(self, layer: int) -> int:
        """Zeros on the left of layer ``layer``'s input (layers count from 0)."""
        return self.dilations[layer] * (self.k - 1)


@dataclass(frozen=True)
class Edge:
    """One tap: layer ``layer`` (0-based) reads position ``source`` of its input (negative:
    the padding) for position ``target`` of its output, with weight ``tap``."""

    layer: int
    source: int
    target: int
    tap: int


@dataclass(frozen=True)
class Tree:
    # Positions reached at each level: 0 is the input, len(dilations) the output.
    reached: tuple[tuple[int, ...], ...]
    edges: tuple[Edge, ...]
    # Paths from each reached input position to the output (the gradient with all weights 1).
    paths: dict[int, int]
    # Padding cells read at each layer (its input's level).
    padding_reads: tuple[int, ...]


def _whole(name: str, text: str, low: int, high: int) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        raise ConfigError(name, "refusal.causal_whole", name=name, got=repr(text[:20]))
    value = int(text)
    if not low <= value <= high:
        raise ConfigError(name, "refusal.causal_range", name=name, low=low, high=high, got=value)
    return value


def parse_causal(k: str, d: str, n: str, t: str | None = None) -> CausalStack:
    """A stack from a link's text: kernel size, dilations ("1,2,4,8"), length, target."""
    limits = CAUSAL_LIMITS
    kernel = _whole("k", k, 1, limits.max_kernel)
    if len(d) > limits.max_text:
        raise ConfigError("d", "refusal.causal_text", limit=limits.max_text)
    parts = [part for part in d.replace(" ", "").split(",")]
    if not d.strip() or any(not part for part in parts):
        raise ConfigError("d", "refusal.causal_dilations", got=repr(d[:20]))
    if len(parts) > limits.max_layers:
        raise ConfigError("d", "refusal.causal_layers", limit=limits.max_layers, got=len(parts))
    dilations = tuple(_whole("d", part, 1, limits.max_dilation) for part in parts)
    length = _whole("n", n, 1, limits.max_length)
    target = length - 1 if t is None or not t.strip() else _whole("t", t, 0, length - 1)
    return CausalStack(kernel, dilations, length, target)


def tree(stack: CausalStack) -> Tree:
    """What the target output reads, layer by layer down to the input."""
    layers = len(stack.dilations)
    reached: list[set[int]] = [set() for _ in range(layers + 1)]
    reached[layers] = {stack.target}
    edges: list[Edge] = []
    padding_reads = [0] * layers
    for layer in range(layers - 1, -1, -1):
        d = stack.dilations[layer]
        padding: set[int] = set()
        for target in sorted(reached[layer + 1]):
            for tap in range(stack.k):
                source = target - d * (stack.k - 1 - tap)
                edges.append(Edge(layer, source, target, tap))
                if source >= 0:
                    reached[layer].add(source)
                else:
                    padding.add(source)
        padding_reads[layer] = len(padding)
    # Paths: from the output down, each position passes its count to what it reads (edges
    # were listed top layer first).
    paths = {stack.target: 1}
    below: dict[int, int] = {}
    layer = layers - 1
    for edge in edges:
        if edge.layer != layer:
            paths, below, layer = below, {}, edge.layer
        if edge.source >= 0:
            below[edge.source] = below.get(edge.source, 0) + paths[edge.target]
    if layers:
        paths = below
    return Tree(
        tuple(tuple(sorted(level)) for level in reached),
        tuple(sorted(edges, key=lambda e: (e.layer, e.target, e.tap))),
        dict(sorted(paths.items())),
        tuple(padding_reads),
    )


def pytorch_code(stack: CausalStack) -> str:
    """PyTorch has no causal padding keyword: pad d(k − 1) on the left, then convolve."""
    dilations = ", ".join(str(d) for d in stack.dilations)
    if len(stack.dilations) == 1:
        dilations += ","  # a tuple of one
    return (
        "import torch.nn.functional as F\n"
        "from torch import nn\n\n\n"
        "class CausalConv1d(nn.Conv1d):\n"
        "    def __init__(self, channels, kernel_size, dilation):\n"
        "        super().__init__(channels, channels, kernel_size, dilation=dilation)\n"
        "        self.left = dilation * (kernel_size - 1)\n\n"
        "    def forward(self, x):\n"
        "        return super().forward(F.pad(x, (self.left, 0)))\n\n\n"
        f"stack = nn.Sequential(*(CausalConv1d(1, {stack.k}, d) for d in ({dilations})))\n"
        f"# (N, C, L): (1, 1, {stack.length}) -> (1, 1, {stack.length})\n"
    )


def keras_code(stack: CausalStack) -> str:
    layers = ",\n".join(
        f'    keras.layers.Conv1D(1, kernel_size={stack.k}, dilation_rate={d}, padding="causal")'
        for d in stack.dilations
    )
    return (
        "from tensorflow import keras\n\n"
        f"stack = keras.Sequential([\n{layers},\n])\n"
        f"# (N, L, C): (1, {stack.length}, 1) -> (1, {stack.length}, 1)\n"
    )


def field_sum(stack: CausalStack) -> str:
    """The field's arithmetic with the numbers: 1 + (2 − 1)·(1 + 2 + 4 + 8) = 16."""
    dilations = " + ".join(str(d) for d in stack.dilations)
    total = f"({dilations})" if len(stack.dilations) > 1 else dilations
    return f"1 + ({stack.k} − 1)·{total} = {stack.field}"


def causal_answer(stack: CausalStack, lang: str) -> CausalAnswer:
    """What /api/causal answers and the page draws: the tree, its field and the sentences."""
    found = tree(stack)
    first = stack.target - stack.field + 1
    inputs = found.reached[0]
    notes = []
    if first < 0:
        notes.append(Sentence("note.causal_padding", {"count": -first}))
    skipped = (stack.target - max(first, 0) + 1) - len(inputs)
    if skipped:
        notes.append(Sentence("note.causal_holes", {"count": skipped}))
    counts = found.paths.values()
    if counts and min(counts) == max(counts) == 1:
        notes.append(Sentence("note.causal_once"))
    elif counts:
        notes.append(Sentence("note.causal_paths", {"least": min(counts), "most": max(counts)}))
    return {
        "query": stack.query(),
        "k": stack.k,
        "dilations": list(stack.dilations),
        "length": stack.length,
        "target": stack.target,
        "field": stack.field,
        "field_sum": field_sum(stack),
        "padding": [stack.padding(layer) for layer in range(len(stack.dilations))],
        "levels": [list(level) for level in found.reached],
        "edges": [[e.layer, e.source, e.target, e.tap] for e in found.edges],
        "paths": [[position, count] for position, count in found.paths.items()],
        "padding_reads": list(found.padding_reads),
        "summary": Sentence(
            "note.causal_summary",
            {
                "t": stack.target,
                "first": max(first, 0),
                "last": stack.target,
                "field": stack.field,
                "sum": field_sum(stack),
            },
        ).say(lang),
        "notes": [note.say(lang) for note in notes],
        "code": {"pytorch": pytorch_code(stack), "keras": keras_code(stack)},
    }
