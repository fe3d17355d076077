// The embed code a person pastes into a slide or a course page.

const attr = (text) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/** An <iframe> of the embed view at `src` (urls.js's embedUrl), sized for a slide. */
export function iframeCode(src, title) {
  return `<iframe src="${attr(src)}" width="720" ` +
    `height="520" title="${attr(title)}" loading="lazy" style="border:0"></iframe>`;
}
