"""The JSON answers' shapes, declared once: the builders in app/core are typed by them
(mypy holds the code to them) and /openapi.json documents them field by field (the web layer
reads each field's docstring), so the fuzzer's schema check holds every body to them too.

typing_extensions' TypedDict, not typing's: pydantic reads only that one on Python 3.11.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired

from typing_extensions import TypedDict

from app.core.parameters import Kind, Op, PaddingMode

# Two numbers, height then width: every shape, size and step of the plane's drawings.
HW = list[int]
# One number per axis of the layer, depth first: [W] in 1-D, [H, W] in 2-D, [D, H, W] in 3-D.
PerAxis = list[int]
GridKind = Literal["input", "padding", "inserted"]
CanvasKind = Literal["output", "cropped"]
# A convolution's kind (app/core/kinds.py classifies).
LayerKind = Literal["standard", "grouped", "depthwise", "pointwise"]


class Params(TypedDict):
    """The configuration as the engine resolved it: every size one number per axis of the
    layer, depth first ([W] in 1-D, [H, W] in 2-D, [D, H, W] in 3-D)."""

    dims: int
    """The layer's spatial dimensions: 1, 2 or 3."""
    i: PerAxis
    """Input size, one number per axis of the layer."""
    k: PerAxis
    """Kernel size, one number per axis of the layer."""
    s: PerAxis
    """Stride, one number per axis of the layer (pooling's default is the kernel size)."""
    p: PerAxis | str
    """Padding, one number per axis of the layer, or the keyword given (valid, same,
    tf_same, full, half, causal)."""
    d: PerAxis
    """Dilation, one number per axis of the layer."""
    a: PerAxis
    """Output padding (transposed convolution), one number per axis of the layer."""
    ceil: bool
    """Pooling's ceil_mode."""
    c_in: int
    """Input channels."""
    c_out: int
    """Output channels as given (convolutions; pooling leaves it 1 and keeps c_in, see
    output_volume)."""
    g: int
    """Groups (convolutions)."""
    bias: bool
    """Whether a convolution has a bias per output channel."""
    padding_mode: PaddingMode
    """What the padding cells hold (convolution): zeros, reflect, replicate or circular."""
    count_include_pad: bool
    """Average pooling: whether each window's divisor counts its padding cells."""
    divisor_override: int
    """Average pooling: the divisor of every window, or 0 for none (PyTorch's None)."""
    x: str | None
    """The input's numbers as given (rows separated by ';'), or null for the paper's (or the
    seed's)."""
    w: str | None
    """The kernel's weights as given, or a preset's name, or null."""
    seed: int
    """The seed of the random numbers where x or w is left out; 0 for the paper's numbers."""


class ParamCount(TypedDict):
    """The layer's learnable parameters, as PyTorch's ``sum(p.numel() for p in
    layer.parameters())`` counts them; all zero for pooling."""

    total: int
    """Weights plus biases: the layer as configured (seed 002's N(C·K² + 1) for a
    convolution with a bias and g = 1)."""
    weights: int
    """The weight tensor's entries: the count without bias (N·C·K² at g = 1, divided by g)."""
    biases: int
    """One per output channel with bias=1, else 0."""


class Sides(TypedDict):
    """Cells per side."""

    top: int
    """Cells above (rows)."""
    bottom: int
    """Cells below (rows)."""
    left: int
    """Cells to the left (columns)."""
    right: int
    """Cells to the right (columns)."""


class Relationship(TypedDict):
    """The paper's relationship this configuration falls under."""

    number: int | None
    """Its number in the paper (1 to 15), or null where the paper has none (PyTorch's
    asymmetric 'same' padding, ceil_mode, a transposed convolution's dilation)."""
    title: str
    """Its title."""
    formula: str
    """The formula, as text."""
    substituted: str
    """The formula with this configuration's numbers, per axis where the axes differ."""
    formula_mathml: str
    """The formula as a MathML <math> element."""
    substituted_mathml: list[str]
    """The substituted formula as MathML: one element, or one per axis where they differ."""


class Code(TypedDict):
    """Code that builds this exact layer."""

    pytorch: str
    """The torch.nn line (defaults left out), with its input and output shapes."""
    keras: str | None
    """The Keras layers computing exactly the same, or null where none does."""
    keras_note: str | None
    """Why Keras differs or has no exact equivalent, or null."""
    output_shape: list[int]
    """PyTorch's output shape for a batch of one: (N, C, *output_shape), so (N, C, L) in
    1-D, (N, C, H, W) in 2-D and (N, C, D, H, W) in 3-D."""


class DirectConvolution(TypedDict):
    """The convolution a transposed one is the transpose of (the paper's framing)."""

    op: Literal["conv"]
    """Always conv."""
    input_shape: PerAxis
    """Its input: the transposed convolution's output, one number per axis of the layer."""
    output_shape: PerAxis
    """Its output, one number per axis of the layer; the transposed convolution's input
    unless output padding reaches past the stride."""
    kernel: PerAxis
    """Its kernel size: the transposed convolution's, one number per axis of the layer."""
    stride: PerAxis
    """Its stride: the transposed convolution's, one number per axis of the layer."""
    padding: PerAxis
    """Its padding: the transposed convolution's p, one number per axis of the layer."""
    dilation: PerAxis
    """Its dilation: the transposed convolution's, one number per axis of the layer."""


class Transpose(TypedDict):
    """A transposed convolution as the paper draws it: a stride-1 convolution over the input
    stretched by s − 1 zeros between units."""

    stretched_shape: PerAxis
    """The input stretched: (i − 1)s + 1, one number per axis of the layer."""
    equivalent_padding: Sides
    """Padding per side of the plane of the equivalent stride-1 convolution; negative means
    a crop."""
    equivalent_sides: list[PerAxis]
    """The equivalent stride-1 convolution's padding as [before, after] per axis of the
    layer, depth first; negative means a crop."""
    equivalent_stride: PerAxis
    """Always 1 on every axis of the layer."""
    kernel_flipped: bool
    """Always true: the drawn kernel is PyTorch's weight turned 180°."""
    direct: DirectConvolution
    """The direct convolution this one is the transpose of."""


class LayerCost(TypedDict):
    """One layer of a depthwise-separable replacement."""

    weight_shape: list[int]
    """Its weight as PyTorch stores it: [c_in, 1, *k] for the depthwise layer,
    [c_out, c_in, 1, …] (1 on every axis of the layer) for the pointwise one."""
    params: int
    """Learned parameters, the bias included when the standard layer has one."""
    macs: int
    """Multiply-accumulates for one input, over the standard layer's output size."""


class SeparableTotal(TypedDict):
    """Both layers of the replacement together."""

    params: int
    """Learned parameters of the depthwise and pointwise layers."""
    macs: int
    """Multiply-accumulates of the two layers."""


class SeparableRatio(TypedDict):
    """The replacement's cost over the standard layer's, exactly."""

    params: float
    """Its parameters over the standard layer's."""
    macs: float
    """Its MACs over the standard layer's; equal to the approximation, since both layers
    keep the output size."""


class Separable(TypedDict):
    """A standard convolution's depthwise-separable replacement (MobileNet's): a depthwise
    k×k convolution (c_in → c_in, g = c_in, the same stride, padding and dilation) then a
    pointwise 1×1 (c_in → c_out)."""

    depthwise: LayerCost
    """The depthwise k×k layer."""
    pointwise: LayerCost
    """The pointwise 1×1 layer."""
    total: SeparableTotal
    """The two layers together."""
    ratio: SeparableRatio
    """The replacement's cost over the standard layer's."""
    approximation: float
    """1/c_out + 1/∏k (k in 1-D, kh·kw in 2-D, kd·kh·kw in 3-D): the seeds' 1/N + 1/K² for
    the same ratio."""


class WindowSpan(TypedDict):
    """The input cells one window reads, first and last, in input coordinates: a row or column
    below 0 or past the input is padding."""

    rows: HW
    """Its first and last row."""
    cols: HW
    """Its first and last column."""


class PaddingCase(TypedDict):
    """One way of padding the same convolution."""

    padding: Literal["same", "tf_same", "explicit"]
    """Which padding: PyTorch's 'same', TensorFlow's SAME (p=tf_same), or explicit numbers."""
    p: PerAxis | None
    """For the explicit padding, its p, one number per axis of the layer; null for the
    keywords."""
    query: str | None
    """The canonical query of the layer padded this way; null where refused."""
    sides: Sides | None
    """The padding per side of the plane (a 1-D layer's top and bottom are 0; axis_sides
    has every axis); null where refused."""
    output_shape: PerAxis | None
    """The output's spatial shape, one number per axis of the layer; null where refused."""
    first_window: WindowSpan | None
    """What output cell (0, 0) reads in the plane (first_spans has every axis); null where
    refused."""
    last_window: WindowSpan | None
    """What the last output cell (bottom right) reads; null where refused."""
    axis_sides: list[PerAxis] | None
    """The padding as [before, after] per axis of the layer, depth first; null where
    refused."""
    first_spans: list[PerAxis] | None
    """What the first output cell reads, as [first, last] input cell per axis of the layer,
    depth first (below 0 or past the input is padding); null where refused."""
    last_spans: list[PerAxis] | None
    """What the last output cell reads, as [first, last] input cell per axis of the layer,
    depth first; null where refused."""
    refusal: str | None
    """Why this padding is refused here (PyTorch's 'same' with a stride above 1), or null."""


class PaddingComparison(TypedDict):
    """PyTorch's 'same', TensorFlow's SAME and an explicit padding of one convolution side by
    side: where each pads, the output shape, and where the first and last windows fall."""

    cases: list[PaddingCase]
    """PyTorch's 'same', TensorFlow's SAME, then the explicit padding: the configuration's own
    numbers, or ⌊k̂/2⌋ per axis where it is padded by a keyword."""


class ArithmeticAnswer(TypedDict):
    """Shapes, padding, the paper's relationship, notes and code for one configuration."""

    op: Op
    """The operation."""
    query: str
    """The canonical query naming this configuration: what links, caches and ETags use."""
    params: Params
    """The configuration as resolved."""
    dims: int
    """The layer's spatial dimensions, 1, 2 or 3: how many numbers each per-axis size has."""
    input_shape: PerAxis
    """The input, one number per axis of the layer ([W], [H, W] or [D, H, W])."""
    padded_shape: PerAxis
    """The grid the kernel slides over, one number per axis of the layer: the padded input
    (for a transposed convolution, the stretched and padded input)."""
    kernel_shape: PerAxis
    """The kernel, one number per axis of the layer."""
    effective_kernel_shape: PerAxis
    """The dilated kernel's extent, k + (k − 1)(d − 1) (relationship 15), one number per
    axis of the layer."""
    output_shape: PerAxis
    """The output's spatial shape as PyTorch computes it, one number per axis of the layer."""
    output_volume: list[int]
    """The output as [channels, *output_shape]: c_out channels for a convolution, c_in for
    pooling (it keeps the channels)."""
    weight_shape: list[int]
    """The weight tensor as PyTorch stores it: [c_out, c_in/g, *kernel_shape] for
    Conv1d/2d/3d, [c_in, c_out/g, *kernel_shape] for ConvTranspose1d/2d/3d; [] for pooling,
    which has none."""
    param_count: ParamCount
    """Learnable parameters, with and without the bias."""
    macs: int
    """Multiply-accumulates for one input (a batch of one): the kernel's multiply-adds over
    every output position, padding cells included, bias additions not counted. 0 for pooling,
    which compares or sums rather than multiplies. Exact; past 2⁵³ a JavaScript reader
    rounds it."""
    flops: int
    """Floating-point operations, counted as 2 × MACs (one multiply and one add each), the
    convention of seed 002's C·H·W·K²·N cost; 0 for pooling."""
    padding: Sides
    """PyTorch's padding per side of the plane ('same' may put one more cell bottom/right);
    a 1-D layer's top and bottom are 0, a 3-D layer's depth sides are in ``sides``."""
    sides: list[PerAxis]
    """The padding as [before, after] per axis of the layer, depth first (causal padding
    is [d(k − 1), 0])."""
    relationship: Relationship
    """The paper's relationship for this configuration, with its numbers substituted."""
    notes: list[str]
    """What a learner should notice here, as sentences."""
    code: Code
    """PyTorch and Keras code for this layer."""
    transpose: Transpose | None
    """For op=transpose, the paper's view of it; otherwise null."""
    kind: LayerKind | None
    """A convolution's kind, first match winning: pointwise (a kernel of 1 on every axis of
    the layer: 1×1, or 1 in 1-D, 1×1×1 in 3-D), depthwise
    (g = c_in > 1; c_out a multiple of c_in), grouped (1 < g < c_in) or standard (g = 1).
    A transposed convolution is classified alike. Null for pooling."""
    separable: Separable | None
    """For a standard convolution (op=conv), the cost of its depthwise-separable replacement
    against its own; null for any other layer."""
    padding_comparison: PaddingComparison | None
    """For op=conv, PyTorch's 'same', TensorFlow's SAME and an explicit padding side by side;
    null for any other operation."""


# A drawing answer's matrices: rows of numbers (1-D and 2-D layers, the plane), or a 3-D
# layer's depth slices of rows of numbers; the entries are left open so one type holds both.
Numbers = list[list[Any]]
NullableNumbers = list[list[Any]]
Counts = list[list[Any]]


class Grid(TypedDict):
    """The grid the paper draws."""

    shape: HW
    """Rows and columns of the drawn grid; a 3-D layer's [depth, rows, columns]."""
    kinds: list[list[GridKind]] | list[list[list[GridKind]]]
    """Per row, per column (a 3-D layer: per depth slice first): an input unit, padding, or
    a zero a transposed convolution inserts between units."""


class Frame(TypedDict):
    """One animation step: one output cell."""

    output: HW
    """The output cell [row, column]; a 3-D layer's [slice, row, column]."""
    cells: list[HW]
    """The grid cells the kernel covers (only the d-spaced ones), in the kernel's order
    (a 3-D layer's [z, r, c], the kernel's depth first)."""
    window: list[int]
    """The whole (dilated) kernel's extent: top, left, bottom, right, inclusive (a 3-D
    layer's z0, r0, c0, z1, r1, c1); under ceil_mode it may hang past the grid."""


class FigureValues(TypedDict):
    """Numbers as PyTorch computes them: the link's x and w, else random ones from its seed,
    else the paper's 5×5 input and 3×3 kernel, tiled. Every input channel carries the same
    input and every weight slice the same kernel; the output is output channel 0. Whole
    numbers are written as integers, others to six decimals."""

    input: Numbers
    """The input's values (a 3-D layer's: depth slices of rows)."""
    grid: NullableNumbers
    """The input on the drawn grid, the padding holding what the padding mode puts there;
    null for max pooling's −∞ padding."""
    kernel: Numbers | None
    """The kernel as PyTorch stores it; null for pooling."""
    taps: Numbers | None
    """The kernel as it sits on the drawn grid (turned 180° for a transposed convolution,
    flipped on all three axes in 3-D)."""
    output: Numbers
    """Output channel 0's values (the mean to four decimals), as PyTorch computes them: the
    drawn slice's sums times ``channels``."""
    channels: int
    """The equal input slices output channel 0 adds up: c_in/g for a convolution (its
    group's channels), 1 for pooling (each channel alone)."""
    divisors: Counts | None
    """Average pooling: what each output cell's window sum is divided by (the override, the
    window with its padding, or its input cells alone); null for other operations."""
    shows_padding: bool
    """Whether the padding cells' numbers are printed: a padding mode other than zeros fills
    them from the input; zero padding stays blank, as the paper draws it."""


class Overlap(TypedDict):
    """A transposed convolution's kernel copies per output cell: where the kernel size is
    not a multiple of the stride they pile up unevenly — the checkerboard."""

    counts: Counts
    """Output-shaped: how many kernel copies add up in each output cell (conv_transpose2d
    of an all-ones input with an all-ones kernel; od×oh×ow in 3-D, conv_transpose3d's)."""
    uneven: list[str]
    """The axes ("depth", "height", "width") where cells every copy can reach gather
    unequal counts, or some cell none at all; empty when even."""
    alternative: str | None
    """Where uneven, the nearest configuration with the same output size that is even (the
    kernel size a multiple of the stride), as a canonical query; null when even or when no
    kernel size helps (a dilation sharing a factor with the stride)."""


class FramesAnswer(ArithmeticAnswer):
    """The arithmetic plus the drawn grid, one frame per output cell and the numbers."""

    grid: Grid
    """The grid the kernel slides over, as the paper draws it."""
    frames: list[Frame]
    """One per output cell, row-major from the top-left, as the paper's animations."""
    values: FigureValues
    """The numbers of the paper's chapter-1 figures, for this configuration."""
    overlap: Overlap | None
    """For op=transpose, the kernel copies per output cell; null otherwise."""


class CanvasOffset(TypedDict):
    """Where output cell [0, 0] sits on the canvas."""

    top: int
    """The canvas row of output row 0 (the padding p cropped above)."""
    left: int
    """The canvas column of output column 0."""
    front: NotRequired[int]
    """A 3-D layer's: the canvas slice of output slice 0 (absent in 1-D and 2-D)."""


class Canvas(TypedDict):
    """Every cell a kernel copy reaches."""

    shape: HW
    """Rows and columns of the canvas; a 3-D layer's [depth, rows, columns]."""
    kinds: list[list[CanvasKind]] | list[list[list[CanvasKind]]]
    """Per cell (a 3-D layer: per slice first): inside the output, or cropped away by the
    padding."""
    offset: CanvasOffset
    """Where the output sits on the canvas."""


class ScatterFrame(TypedDict):
    """One step of the scatter view: one input unit."""

    input: HW
    """The input unit [row, column]; a 3-D layer's [slice, row, column]."""
    cells: list[HW]
    """The canvas cells its kernel copy writes, row-major over the kernel (depth first)."""


class ScatterValues(TypedDict):
    """The scatter view's numbers on the figure's input and kernel (as FigureValues), every
    input channel and weight slice alike; canvas and output are output channel 0's."""

    input: Numbers
    """The input's values (a 3-D layer's: depth slices of rows)."""
    kernel: Numbers
    """The kernel as PyTorch stores it."""
    canvas: Numbers
    """Every kernel copy added up, over the c_in/g input channels of the group."""
    output: Numbers
    """The canvas with the padding cropped: PyTorch's output channel 0."""
    channels: int
    """The equal input slices added up: c_in/g."""


class ScatterAnswer(ArithmeticAnswer):
    """The arithmetic plus a transposed convolution as each input unit scattering the
    kernel onto a canvas."""

    canvas: Canvas
    """The canvas the kernel copies land on, and where the output sits on it."""
    frames: list[ScatterFrame]
    """One per input unit, row-major."""
    values: ScatterValues
    """The numbers on the paper's tiled input and kernel."""
    overlap: Overlap | None
    """The kernel copies per output cell (as in the frames answer)."""


class ParameterAnswer(TypedDict):
    """One query parameter, as declared (app/core/parameters.py)."""

    name: str
    """The query name, in links and on every endpoint."""
    kind: Kind
    """choice, pair (N or H,W), padding (a pair or a keyword), flag (0 or 1), count (one
    whole number: channels, groups) or matrix (numbers, rows separated by ';')."""
    default: str | bool | list[int] | int | None
    """The value when left out (pooling's stride defaults to its kernel size); null for
    numbers left out (the paper's)."""
    low: NotRequired[int]
    """The smallest value the limits allow (for a matrix, the fewest numbers)."""
    high: NotRequired[int]
    """The largest value the limits allow (for a matrix, the most numbers it may hold)."""
    reach: NotRequired[int]
    """The slider's largest value (drawable sizes); the number box takes up to high."""
    choices: NotRequired[list[str]]
    """A choice's values; for the kernel weights w, the presets' names."""
    keywords: NotRequired[list[str]]
    """The padding's keywords."""
    keyword_ops: NotRequired[dict[str, list[Op]]]
    """Keywords only some operations take, with those operations."""
    ops: list[Op]
    """The operations that take it."""
    always: bool
    """Written in the canonical query even at its default."""


class Refusal(TypedDict):
    """A configuration PyTorch rejects, or one past the documented limits."""

    detail: str
    """A sentence saying what to change."""
    parameter: str
    """The query parameter to change."""
    reason: Literal["invalid", "drawing"]
    """drawing: the configuration is valid but past a drawing limit (the grid, the frames,
    a picture's size), and /api/arithmetic answers it; invalid: anything else."""


ANSWERS: tuple[type, ...] = (
    Params,
    ParamCount,
    Sides,
    Relationship,
    Code,
    DirectConvolution,
    Transpose,
    LayerCost,
    SeparableTotal,
    SeparableRatio,
    Separable,
    ArithmeticAnswer,
    Grid,
    Frame,
    FigureValues,
    Overlap,
    FramesAnswer,
    CanvasOffset,
    Canvas,
    ScatterFrame,
    ScatterValues,
    ScatterAnswer,
    ParameterAnswer,
    Refusal,
)
"""Every declared shape, for the web layer to configure for documentation."""


NetworkOp = Literal["conv", "transpose", "maxpool", "avgpool", "fc"]


class LayerArgs(TypedDict):
    """A layer's arguments as resolved (defaults filled in); null where the operation has none."""

    c: int
    """Output channels (pooling: the input's, kept), or a fully connected layer's units."""
    k: HW | None
    """Kernel size."""
    s: HW | None
    """Stride (pooling's default is the kernel size)."""
    p: HW | str | None
    """Padding: [height, width], or the keyword given (valid, same, full, half)."""
    padding: Sides | None
    """PyTorch's padding per side ('same' may put one more cell bottom/right)."""
    d: HW | None
    """Dilation."""
    a: HW | None
    """Output padding (transposed convolution)."""
    g: int | None
    """Groups (convolutions)."""
    ceil: bool | None
    """Pooling's ceil_mode."""
    bias: bool | None
    """Whether the layer adds a learned bias (convolutions and fc)."""
    side: bool
    """A side branch (a ResNet shortcut): it reads this layer's input, and so does the next
    layer; its output is not carried on."""


class NetworkLayer(TypedDict):
    """One layer of the stack: its shapes, cost and receptive field."""

    index: int
    """Its place in the stack, from 1."""
    op: NetworkOp
    """The operation: conv, transpose, maxpool, avgpool or fc (fully connected)."""
    text: str
    """The layer in canonical form, as the grammar writes it."""
    args: LayerArgs
    """The arguments as resolved."""
    input_shape: list[int]
    """What it reads: [C, H, W], or [units] after a fully connected layer."""
    output_shape: list[int]
    """What it produces: [C, H, W], or [units] for fc."""
    weight_shape: list[int]
    """The weight as PyTorch stores it; [] for pooling."""
    params: int
    """Learned parameters, the bias included."""
    macs: int
    """Multiply-accumulates for one input (padding cells included; pooling counts 0)."""
    flops: int
    """2 × macs."""
    receptive_field: HW | None
    """Input cells (of the network's input) one output cell's field spans, [height, width];
    null for fc and from the first transposed convolution on."""
    jump: HW | None
    """Input cells between adjacent output cells (the product of the strides); null as
    receptive_field."""
    start: list[float] | None
    """The centre of output cell [0, 0]'s field, in input coordinates (may be negative or a
    half); null as receptive_field."""
    query: str | None
    """The single-layer canonical query of this layer, for the main figure; null for fc."""


class NetworkTotals(TypedDict):
    """The whole stack, side branches included."""

    params: int
    """Learned parameters."""
    macs: int
    """Multiply-accumulates for one input."""
    flops: int
    """2 × macs."""
    output_shape: list[int]
    """The last layer's output (side branches excepted)."""


class NetworkAnswer(TypedDict):
    """A stack of layers planned with PyTorch's shape rules."""

    query: str
    """The canonical query naming this network: what the answer cache keys on."""
    input_shape: list[int]
    """The network's input, [C, H, W]."""
    layers: list[NetworkLayer]
    """Every layer, in order."""
    totals: NetworkTotals
    """Sums over the layers."""


ANSWERS += (LayerArgs, NetworkLayer, NetworkTotals, NetworkAnswer)


class SampleAnswer(TypedDict):
    """A bundled picture image mode can filter (``/api/filter?sample=NAME``)."""

    name: str
    """The sample's name, as the query gives it."""
    about: str
    """What a learner sees in it."""
    height: int
    """Its height in pixels."""
    width: int
    """Its width in pixels."""


ANSWERS += (SampleAnswer,)


class UnrolledMatrix(TypedDict):
    """The layer as a matrix on the unrolled vectors (input and output read row by row from
    the top-left), as the paper's section 4.1 writes a convolution: vec(y) = C · vec(x)."""

    shape: HW
    """[rows, columns]: one row per output cell, one column per input cell."""
    count: int
    """Kernel weights placed in the matrix: the entries."""
    nonzeros: int | None
    """Distinct cells holding a weight (fewer than ``count`` where a reflecting, replicating
    or circular padding reads an input cell twice); null where not counted (a padding mode
    other than zeros past the listing limit)."""
    density: float | None
    """nonzeros / (rows × columns)."""
    entries: list[list[int]] | None
    """[row, column, kr, kc] per weight: the kernel weight w[kr][kc] (as PyTorch stores it)
    sits at (row, column); sorted by row, then kr, then kc. A 3-D layer's are [row, column,
    kd, kr, kc], its vectors unrolled slice by slice. Null past the listing limit."""


class Im2col(TypedDict):
    """A convolution as libraries compute it: every window unrolled into a column (PyTorch's
    F.unfold), then one matrix product with the flattened kernel."""

    shape: HW
    """[kernel cells, output cells]: k_h·k_w rows, o_h·o_w columns (3-D: k_d·k_h·k_w and
    o_d·o_h·o_w)."""
    values: int
    """The values the patch matrix holds, k_h·k_w·o_h·o_w, against the input's ``input``."""
    input: int
    """The input's values, i_h·i_w (3-D: i_d·i_h·i_w)."""
    cells: list[list[HW | None]] | None
    """One list per column (output cell, row-major), one entry per kernel tap (row-major):
    the input cell [r, c] (3-D: [z, r, c]) it reads, or null where it reads zero padding.
    Null past the listing limit."""


class MatrixValues(TypedDict):
    """The product on the figure's numbers (as FigureValues: every input channel and weight
    slice alike, output channel 0)."""

    input: list[float]
    """vec(x): the input's values row by row (3-D: slice by slice)."""
    kernel: Numbers
    """The kernel as PyTorch stores it (3-D: slices of rows)."""
    output: list[float]
    """C · vec(x) times ``channels``: the figure's output row by row."""
    channels: int
    """The equal input slices output channel 0 adds up: c_in/g."""


class MatrixAnswer(ArithmeticAnswer):
    """The arithmetic plus the layer as a matrix and, for a convolution, as im2col."""

    matrix: UnrolledMatrix
    """For op=conv, C; for op=transpose, the transposed layer's own matrix (the transpose
    of the direct convolution's C)."""
    im2col: Im2col | None
    """For op=conv, the patch matrix; null for a transposed convolution."""
    values: MatrixValues | None
    """The numbers; null past the listing limit."""


ANSWERS += (UnrolledMatrix, Im2col, MatrixValues, MatrixAnswer)


# The compact form of the frames and scatter answers (form=compact): the same answer with the
# per-cell and per-frame lists replaced by the patterns they are products of. Rebuilding the
# verbose answer from it is written out in the README and tested (tests/test_compact.py).
Form = Literal["verbose", "compact"]


class FlatMatrix(TypedDict):
    """A matrix as its shape and its numbers row-major in one list."""

    shape: HW
    """Rows and columns; a 3-D layer's depth, rows and columns."""
    data: list[float | None]
    """Row-major: entry [r][c] is data[r · columns + c]; a 3-D entry [z][r][c] is
    data[(z · rows + r) · columns + c]."""


class CompactGrid(TypedDict):
    """The drawn grid's kinds as a row pattern and a column pattern (and a depth pattern)."""

    shape: HW
    """Rows and columns of the drawn grid; a 3-D layer's [depth, rows, columns]."""
    rows: list[GridKind]
    """Each row's kind. Cell (r, c) is padding if rows[r] or cols[c] is, else inserted if
    either is, else input."""
    cols: list[GridKind]
    """Each column's kind."""
    slices: list[GridKind] | None
    """A 3-D layer's depth slices' kinds: cell (z, r, c) is the strongest of slices[z],
    rows[r] and cols[c] (padding over inserted over input); null in 1-D and 2-D."""


class CompactCanvas(TypedDict):
    """The scatter canvas's kinds as a row pattern and a column pattern."""

    shape: HW
    """Rows and columns of the canvas; a 3-D layer's [depth, rows, columns]."""
    rows: list[CanvasKind]
    """Each row's kind: cell (r, c) is output only where rows[r] and cols[c] both are."""
    cols: list[CanvasKind]
    """Each column's kind."""
    slices: list[CanvasKind] | None
    """A 3-D layer's depth slices' kinds: cell (z, r, c) is output only where slices[z],
    rows[r] and cols[c] all are; null in 1-D and 2-D."""
    offset: CanvasOffset
    """Where the output sits on the canvas (as in the verbose answer)."""


class AxisPair(TypedDict):
    """One list per axis."""

    rows: list[int]
    """Along the height."""
    cols: list[int]
    """Along the width."""


class DepthFrames(TypedDict):
    """A 3-D layer's frames along the depth, as origins and taps are along rows and columns."""

    origins: list[int]
    """Each frame slice's first grid slice."""
    taps: list[int]
    """The kernel's depth offsets from the origin: j × d."""
    bound: int
    """A tap is drawn only where origin + tap is below this (the grid's depth)."""
    extent: int
    """The dilated kernel's depth."""


class CompactFrames(TypedDict):
    """Every frame as one kernel pattern at row and column origins. Frame n is frame row
    n // shape[1] and column n % shape[1]; its cells are [r0 + tr, c0 + tc] for tr in
    taps.rows with r0 + tr < bounds[0], for tc in taps.cols with c0 + tc < bounds[1]
    (row-major over the kernel), r0 = origins.rows[n // shape[1]], c0 = origins.cols[...].
    A 3-D layer's frames are depth-major, the depth first in shape, bounds and extent (see
    ``depth`` and the README's compact form)."""

    count: int
    """Frames: shape[0] × shape[1] (× shape[2] in 3-D)."""
    shape: HW
    """Frames per axis (the output's shape; the input's in the scatter view); a 3-D
    layer's [od, oh, ow]."""
    origins: AxisPair
    """Each frame row's and column's first grid (or canvas) line."""
    taps: AxisPair
    """The kernel's offsets from the origin: j × d."""
    bounds: HW
    """A tap is drawn only where origin + tap is below this (the grid's or canvas's shape;
    a 3-D grid's depth first)."""
    extent: HW | None
    """The frames view: the window is [r0, c0, r0 + extent[0] − 1, c0 + extent[1] − 1]
    (3-D: the depth's extent first); null in the scatter view."""
    depth: DepthFrames | None
    """A 3-D layer's frames (or input units) along the depth; null in 1-D and 2-D."""


class CompactFigureValues(TypedDict):
    """FigureValues with every matrix flat."""

    input: FlatMatrix
    """The input's values."""
    grid: FlatMatrix
    """The input on the drawn grid; null for max pooling's −∞ padding."""
    kernel: FlatMatrix | None
    """The kernel as PyTorch stores it; null for pooling."""
    taps: FlatMatrix | None
    """The kernel as it sits on the drawn grid."""
    output: FlatMatrix
    """Output channel 0's values."""
    channels: int
    """The equal input slices output channel 0 adds up."""
    divisors: FlatMatrix | None
    """Average pooling's divisors; null for other operations."""
    shows_padding: bool
    """Whether the padding cells' numbers are printed."""


class CompactScatterValues(TypedDict):
    """ScatterValues with every matrix flat."""

    input: FlatMatrix
    """The input's values."""
    kernel: FlatMatrix
    """The kernel as PyTorch stores it."""
    canvas: FlatMatrix
    """Every kernel copy added up."""
    output: FlatMatrix
    """The canvas with the padding cropped."""
    channels: int
    """The equal input slices added up: c_in/g."""


class CompactOverlap(TypedDict):
    """Overlap with its counts flat."""

    counts: FlatMatrix
    """Output-shaped: the kernel copies adding up in each output cell."""
    uneven: list[str]
    """The axes whose lines gather unequal counts, or none somewhere."""
    alternative: str | None
    """The nearest even configuration with the same output size, as a canonical query."""


class CompactFramesAnswer(ArithmeticAnswer):
    """The frames answer, form=compact."""

    form: Literal["compact"]
    """Always compact: verbose answers carry no form."""
    grid: CompactGrid
    """The grid the kernel slides over, as row and column kinds."""
    frames: CompactFrames
    """Every frame, as origins and taps."""
    values: CompactFigureValues
    """The numbers, every matrix flat."""
    overlap: CompactOverlap | None
    """For op=transpose, the kernel copies per output cell; null otherwise."""


class CompactScatterAnswer(ArithmeticAnswer):
    """The scatter answer, form=compact."""

    form: Literal["compact"]
    """Always compact: verbose answers carry no form."""
    canvas: CompactCanvas
    """The canvas, as row and column kinds."""
    frames: CompactFrames
    """Every input unit's kernel copy, as origins and taps."""
    values: CompactScatterValues
    """The numbers, every matrix flat."""
    overlap: CompactOverlap | None
    """The kernel copies per output cell."""


ANSWERS += (
    FlatMatrix,
    CompactGrid,
    CompactCanvas,
    AxisPair,
    DepthFrames,
    CompactFrames,
    CompactFigureValues,
    CompactScatterValues,
    CompactOverlap,
    CompactFramesAnswer,
    CompactScatterAnswer,
)


class CausalCode(TypedDict):
    """The stack in code: PyTorch pads on the left itself; Keras says padding="causal"."""

    pytorch: str
    """The stack as PyTorch modules (F.pad then Conv1d per layer)."""
    keras: str
    """The stack as Keras layers."""


class CausalAnswer(TypedDict):
    """A stack of dilated causal 1-D convolutions and what one output reads."""

    query: str
    """The canonical query naming this stack."""
    k: int
    """Every layer's kernel size."""
    dilations: list[int]
    """The layers' dilations, first layer first."""
    length: int
    """The sequence's length, kept by every layer."""
    target: int
    """The output whose tree is drawn."""
    field: int
    """The receptive field, 1 + (k − 1)·Σd, padding included."""
    field_sum: str
    """The field's arithmetic with the numbers."""
    padding: list[int]
    """Each layer's left padding, d(k − 1)."""
    levels: list[list[int]]
    """The positions reached at each level: 0 is the input, the last the output."""
    edges: list[list[int]]
    """Every tap read, as [layer, source, target, tap]; a negative source is padding."""
    paths: list[list[int]]
    """[input position, paths from it to the output]: its gradient with all weights 1."""
    padding_reads: list[int]
    """How many padding cells each layer reads."""
    summary: str
    """What the output reads, in the request's language."""
    notes: list[str]
    """Padding in the field, holes, and path counts, in the request's language."""
    code: CausalCode
    """The stack in PyTorch and Keras."""


ANSWERS += (CausalCode, CausalAnswer)
