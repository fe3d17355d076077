// A 3-D layer drawn as the paper's 2-D figure: each side's depth slices in a row, one empty
// column between them, so the drawing code keeps working on one plane of cells. A cell
// [z, r, c] of a D×H×W volume sits at [r, z·(W + 1) + c] of that row; the empty columns are
// "gap" cells, never drawn. Nothing here reads the page.

/** The row of `shape`'s ([D, H, W]) slices: its plane's shape, and the two ways between a
 * volume's cell and the plane's. */
export function sliceRow([d, h, w]) {
  const pitch = w + 1;
  return {
    depth: d,
    slice: [h, w],
    shape: [h, d * pitch - 1],
    /** The plane's cell of volume cell [z, r, c]. */
    toPlane: ([z, r, c]) => [r, z * pitch + c],
    /** The volume's cell at the plane's [r, x], or null in a gap between slices. */
    fromPlane: ([r, x]) => {
      const c = x % pitch;
      return c === w ? null : [Math.floor(x / pitch), r, c];
    },
    /** The plane's box [top, left, bottom, right] of slice z. */
    sliceBox: (z) => [0, z * pitch, h - 1, z * pitch + w - 1],
  };
}

/** Step n of an od×oh×ow output walk, depth-major (z·oh·ow + r·ow + c), as its cell. */
export function stepCell(n, [, oh, ow]) {
  return [Math.floor(n / (oh * ow)), Math.floor(n / ow) % oh, n % ow];
}

/** The step computing output cell [z, r, c]. */
export function cellStep([z, r, c], [, oh, ow]) {
  return (z * oh + r) * ow + c;
}

/** The grid's slices the kernel reaches at a frame: the depths of its cells, in order. */
export function slicesOf(cells) {
  return [...new Set(cells.map(([z]) => z))].sort((a, b) => a - b);
}

/** The plane's windows of a 3-D frame's window [z0, r0, c0, z1, r1, c1]: the plane window
 * [r0, c0, r1, c1] on each slice in `slices` (those the kernel's taps reach). */
export function sliceWindows(row, [, r0, c0, , r1, c1], slices) {
  return slices.map((z) => {
    const [, x] = row.toPlane([z, r0, c0]);
    return [r0, x, r1, x + (c1 - c0)];
  });
}

/** The frames (steps) whose window covers volume cell [z, r, c]: each axis apart, a frame
 * line covers x where its origin plus one of the kernel's offsets is x. `geometry` is the
 * compact frames' ({shape, origins, taps, depth: {origins, taps}}). */
export function volumeFeeds(geometry, [z, r, c]) {
  const covering = (x, origins, taps) => {
    const offsets = new Set(taps);
    return origins.flatMap((origin, a) => (offsets.has(x - origin) ? [a] : []));
  };
  const { shape: [, oh, ow], origins, taps, depth } = geometry;
  const zs = covering(z, depth.origins, depth.taps);
  const rows = covering(r, origins.rows, taps.rows);
  const cols = covering(c, origins.cols, taps.cols);
  return zs.flatMap((a) => rows.flatMap((b) => cols.map((e) => (a * oh + b) * ow + e)));
}
