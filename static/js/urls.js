// Every URL the page makes, built in one place from the engine's canonical query (state.js)
// and the page's own settings. Page settings follow the engine's query in a fixed order:
// numbers, view, step, image mode, matrix view, overlap heatmap (a transposed convolution's
// only), lang, present.

// The pictures' default cell size in pixels (app/web/renders.py's DEFAULT_SCALE): left out.
const DEFAULT_SCALE = 20;

/** Image mode's settings in a link (app/web/image_page.py's ImageLink): open on `sample`
 * (null: the section closed, and nothing written), its display scale unless auto and its
 * zoom unless 1. Not `scale`: the pictures' links take that name for their cell size. */
export function imageQuery({ sample = null, scale = "auto", zoom = 1 } = {}) {
  if (!sample) return "";
  let text = `&image=${encodeURIComponent(sample)}`;
  if (scale !== "auto") text += `&image_scale=${encodeURIComponent(scale)}`;
  if (Number(zoom) !== 1) text += `&image_zoom=${Number(zoom)}`;
  return text;
}

/** The engine's query with the page's settings: numbers shown, the scatter view, the step
 * while paused (null while playing), image mode (imageQuery's; null: closed), the matrix
 * view open, the overlap heatmap (written for a transposed convolution only), the language if
 * one was asked for and presentation mode. */
export function pageQuery(query, {
  numbers = false, view = "direct", step = null, image = null, matrix = false, overlap = false,
  lang = null, present = false,
} = {}) {
  let text = query;
  if (numbers) text += "&numbers=1";
  if (view === "scatter") text += "&view=scatter";
  if (step !== null) text += `&step=${step}`;
  if (image) text += imageQuery(image);
  if (matrix) text += "&matrix=1";
  if (overlap && query.startsWith("op=transpose&")) text += "&overlap=1";
  if (lang) text += `&lang=${encodeURIComponent(lang)}`;
  if (present) text += "&present=1";
  return text;
}

/** The link students open from `href` (the page's own address): the same figure, but not
 * in presentation mode, which is the projector's view. Written as it was, not re-encoded. */
export function studentLink(href) {
  const url = new URL(href);
  const parts = url.search.slice(1).split("&").filter((part) => part && !part.startsWith("present="));
  return `${url.origin}${url.pathname}${parts.length ? `?${parts.join("&")}` : ""}${url.hash}`;
}

/** The QR code of `href` (an absolute http(s) link), as app/web/qr.py draws it. */
export function qrUrl(href) {
  return `/qr.svg?url=${encodeURIComponent(href)}`;
}

/** The page's link: `path` (the page's own) with its query. */
export function pageUrl(path, query, settings) {
  return `${path}?${pageQuery(query, settings)}`;
}

/** The embed view of the same figure, from `origin` (an <iframe> lives on another site):
 * the figure alone, so image mode's settings stay out. */
export function embedUrl(origin, query, { numbers, view, step, lang } = {}) {
  return `${origin}/embed?${pageQuery(query, { numbers, view, step, lang })}`;
}

/** A picture of the figure: `file` is animation.gif, frame.png or frame.svg. */
export function pictureUrl(file, query, { numbers = false, scale = DEFAULT_SCALE, step = null, lang = null } = {}) {
  let text = pageQuery(query, { numbers });
  if (Number(scale) !== DEFAULT_SCALE) text += `&scale=${scale}`;
  if (step !== null) text += `&step=${step}`;
  // The pictures' words in the page's language.
  if (lang) text += `&lang=${encodeURIComponent(lang)}`;
  return `/render/${file}?${text}`;
}

/** A file name that says which figure it is: convarith-conv-i5-k3-s2-p1-step4.png. */
export function pictureName(query, { numbers = false, step = null } = {}, extension) {
  const parts = pageQuery(query, { numbers }).split("&")
    .map((part) => part.replace("=", "").replace(",", "x"));
  const steps = step === null ? "" : `-step${step}`;
  return `convarith-${parts.join("-").replace(/^op/, "")}${steps}.${extension}`;
}

/** The download links: the animation, and the frame at `step` as PNG and SVG. */
export function pictureLinks(query, { numbers = false, scale = DEFAULT_SCALE, step = 0, lang = null } = {}) {
  const link = (file, frameStep, extension) => ({
    href: pictureUrl(file, query, { numbers, scale, step: frameStep, lang }),
    download: pictureName(query, { numbers, step: frameStep }, extension),
  });
  return {
    gif: link("animation.gif", null, "gif"),
    png: link("frame.png", step, "png"),
    svg: link("frame.svg", step, "svg"),
  };
}

/** An engine request: `endpoint` is frames, scatter or ranges; `lang`, the page's language,
 * in which the engine writes its refusals and notes. */
export function apiUrl(endpoint, query, lang = null) {
  // The figure's answers come in the compact form: compact.js reads them as the verbose one.
  const form = COMPACT.has(endpoint) ? "&form=compact" : "";
  return `/api/${endpoint}?${query}${lang ? `&lang=${encodeURIComponent(lang)}` : ""}${form}`;
}

/** The endpoints the page asks for in the compact form. */
const COMPACT = new Set(["frames", "scatter"]);

/** A preset's link split into the engine's query and whether it shows numbers. */
export function presetOf(href) {
  const params = new URL(href).searchParams;
  const numbers = params.get("numbers") === "1";
  params.delete("numbers");
  return { query: params.toString(), numbers };
}

/** Is `href` the link of the figure shown (the engine's query, with its numbers)? */
export function showsFigure(href, query, numbers) {
  return new URL(href).search.slice(1) === pageQuery(query, { numbers });
}

/** A size as the planner's layer grammar writes it: N when every axis agrees, else one
 * number per axis joined by x (a comma separates args). */
const layerSize = (sizes) => (sizes.every((v) => v === sizes[0]) ? String(sizes[0]) : sizes.join("x"));
const beyond = (sizes, unit) => sizes.some((v) => v !== unit);

/** The planner (/network) with a standard convolution's depthwise-separable replacement, as
 * app/web/urls.py's `separable` writes it: `params` are an answer's (sizes one number per
 * axis of the layer, p a list or a keyword; `dims` 2 where the answer has none). */
export function separableUrl({ dims = 2, i, k, s, p, d, c_in: cIn, c_out: cOut, bias }) {
  const shared = bias ? "" : ",bias=0";
  const depthwise = [`c=${cIn}`, `k=${layerSize(k)}`];
  if (beyond(s, 1)) depthwise.push(`s=${layerSize(s)}`);
  if (typeof p === "string") depthwise.push(`p=${p}`);
  else if (beyond(p, 0)) depthwise.push(`p=${layerSize(p)}`);
  if (beyond(d, 1)) depthwise.push(`d=${layerSize(d)}`);
  if (cIn > 1) depthwise.push(`g=${cIn}`);
  const layers = `conv(${depthwise.join(",")}${shared});conv(c=${cOut},k=1${shared})`;
  const size = i.every((v) => v === i[0]) ? String(i[0]) : i.join(",");
  return `/network?${dims === 2 ? "" : `dims=${dims}&`}i=${size}&c_in=${cIn}&layers=${layers}`;
}

// The grammar's own punctuation stays readable in a link, as the API's canonical query
// writes it (app/core/network.py quotes with safe="(),;=").
const readable = (text) => encodeURIComponent(text).replace(/%(28|29|2C|3B|3D)/gi, (m) => decodeURIComponent(m));

/** The network planner's query from its editor: a preset alone, else the dimensions, the
 * input size, its channels and the layers as written (each encoded; empty ones left out). */
export function networkQuery({ preset = "", dims = "", i = "", c_in = "", layers = "" } = {}) {
  if (preset) return `preset=${encodeURIComponent(preset)}`;
  const parts = [];
  // 2-D is the default, left out as the API's canonical query leaves it out.
  if (dims && dims !== "2") parts.push(`dims=${readable(dims)}`);
  if (i) parts.push(`i=${readable(i)}`);
  if (c_in) parts.push(`c_in=${readable(c_in)}`);
  if (layers) parts.push(`layers=${readable(layers)}`);
  return parts.join("&");
}

/** The planner page for a network query (the API's, or networkQuery's). */
export function networkUrl(query, lang = null) {
  const settings = lang ? `${query ? "&" : ""}lang=${encodeURIComponent(lang)}` : "";
  return query || settings ? `/network?${query}${settings}` : "/network";
}

/** A planned layer's own figure on the main page, from its single-layer `query` (fc: none). */
export function layerFigureUrl(query, lang = null) {
  return query === null ? null : pageUrl("/", query, { lang });
}

/** The same link in `lang`: every other part of `search` (location.search) kept as written,
 * `lang` last (app/web/urls.py's switch_language is the twin). */
export function languageUrl(path, search, lang) {
  const kept = search.replace(/^\?/, "").split("&")
    .filter((part) => part && part.split("=")[0] !== "lang");
  return `${path}?${[...kept, `lang=${encodeURIComponent(lang)}`].join("&")}`;
}
