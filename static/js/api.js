// The engine's API, with a bounded cache so a slider dragged back and forth, or prefetched
// neighbours, answer without a round trip.
import { expand } from "./compact.js";
import { apiUrl } from "./urls.js";

const CACHE_SIZE = 256;
// Most recently used last: the oldest untouched answer goes first.
const cache = new Map();
// The answers on screen, never evicted by guesses fetched around them.
let held = new Set();
// The page's language (templates/base.html's <html lang>): the engine's sentences in it.
const LANG = globalThis.document?.documentElement.lang || null;

export class ConfigRefused extends Error {
  /** `reason` is "drawing" for a valid layer too large to draw (its arithmetic answers). */
  constructor(detail, parameter, reason) {
    super(detail);
    this.parameter = parameter;
    this.reason = reason;
  }
}

function remember(key, promise) {
  cache.set(key, promise);
  if (cache.size > CACHE_SIZE) {
    for (const old of cache.keys()) {
      if (!held.has(old)) {
        cache.delete(old);
        break;
      }
    }
  }
  // A failed network request is not kept; a refused configuration is (it stays refused).
  promise.catch((error) => {
    if (!(error instanceof ConfigRefused)) cache.delete(key);
  });
  return promise;
}

async function get(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (response.status === 422 && body) throw new ConfigRefused(body.detail, body.parameter, body.reason);
  if (!response.ok || !body) throw new Error(String(response.status));
  return expand(body);
}

function cached(endpoint, query) {
  const url = apiUrl(endpoint, query, LANG);
  const known = cache.get(url);
  if (!known) return remember(url, get(url));
  // Used again: it moves to the end, away from eviction.
  cache.delete(url);
  cache.set(url, known);
  return known;
}

/** Is the answer of `endpoint` for `query` cached (or on its way)? */
export function has(endpoint, query) {
  return cache.has(apiUrl(endpoint, query, LANG));
}

/** Keep these answers (`[endpoint, query]` pairs: what is on screen) however many others
 * are fetched; the ones held before may go again. */
export function hold(requests) {
  held = new Set(requests.map(([endpoint, query]) => apiUrl(endpoint, query, LANG)));
}

/** Shapes, formula, notes and code, without the figure: what a layer too large to draw
 * still has (a promise; cached). */
export const arithmetic = (query) => cached("arithmetic", query);

/** The arithmetic, grid and frames of a configuration (a promise; cached). */
export const frames = (query) => cached("frames", query);

/** The scatter view of a transposed convolution (a promise; cached). */
export const scatter = (query) => cached("scatter", query);

/** The layer as a matrix and as im2col (a promise; cached). */
export const matrix = (query) => cached("matrix", query);

/** Each parameter's accepted values with the others held fixed (a promise; cached). */
export const ranges = (query) => cached("ranges", query);

/** Seed the cache with an answer the server embedded in the page (`endpoint`: arithmetic,
 * frames, scatter or ranges). */
export function prime(endpoint, query, body) {
  cache.set(apiUrl(endpoint, query, LANG), Promise.resolve(expand(body)));
}

/** A stack of layers planned: shapes, costs and fields per layer (a promise; cached);
 * `query` as urls.js's networkQuery writes it. */
export const network = (query) => cached("network", query);

/** A stack of dilated causal convolutions: what one output reads (a promise; cached). */
export const causal = (query) => cached("causal", query);
