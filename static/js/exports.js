// Export links and the code panel, both following the figure shown. A download is offered
// once the server has said it would draw it (a HEAD request, which draws nothing): one it
// refuses (too many pixels at this size) is disabled with the server's sentence, instead of
// a link the browser cancels without a word.
import { t } from "./messages.js";
import { copyText } from "./share.js";
import { pictureLinks } from "./urls.js";

const scaleBox = document.getElementById("export-scale");
const refusedBox = document.getElementById("export-refused");
let last = { query: "", numbers: false, step: 0, lang: null };

// A drag or playback settles before the server is asked; its answers are kept per address.
const CHECK_DELAY_MS = 250;
const VERDICTS_KEPT = 64;
const verdicts = new Map();
let checkTimer = null;

/** Why the server would refuse the picture at `href` (its sentence), or null if it would
 * send it. A request that fails on the way is no verdict: the link stays offered. */
async function refuse(href) {
  const head = await fetch(href, { method: "HEAD" });
  if (head.ok || head.status !== 422) return null;
  // HEAD carries no body: the same address's GET fails as fast, with the sentence.
  const refusal = await fetch(href, { headers: { Accept: "application/json" } });
  const body = await refusal.json().catch(() => null);
  return body?.detail ?? t("export.failed", { status: refusal.status });
}

function verdict(href) {
  if (!verdicts.has(href)) {
    const asked = refuse(href).catch(() => {
      verdicts.delete(href);
      return null;
    });
    verdicts.set(href, asked);
    if (verdicts.size > VERDICTS_KEPT) verdicts.delete(verdicts.keys().next().value);
  }
  return verdicts.get(href);
}

const anchors = () => [...document.querySelectorAll(".export-links a[data-kind]")];

/** Offer `anchor`'s picture, or disable it with `reason`; then list every reason shown. */
function judge(anchor, reason) {
  if (reason) {
    anchor.removeAttribute("href");
    anchor.setAttribute("aria-disabled", "true");
    anchor.dataset.refused = t("export.refused", { file: anchor.textContent, message: reason });
  } else {
    anchor.href = anchor.dataset.href;
    anchor.removeAttribute("aria-disabled");
    delete anchor.dataset.refused;
    anchor.dataset.checked = anchor.dataset.href;
  }
  const reasons = anchors().map((a) => a.dataset.refused).filter(Boolean);
  refusedBox.textContent = reasons.join(" ");
  refusedBox.hidden = reasons.length === 0;
}

function checkAll() {
  for (const anchor of anchors()) {
    const href = anchor.dataset.href;
    verdict(href).then((reason) => {
      if (anchor.dataset.href === href) judge(anchor, reason);
    });
  }
}

/** Point the download links at the pictures of `query` (with numbers if shown), at `step`
 * for single frames. */
export function updateExports(query, { numbers, step, lang }) {
  last = { query, numbers, step, lang };
  const links = pictureLinks(query, { numbers, scale: scaleBox.value, step, lang });
  for (const [kind, link] of Object.entries(links)) {
    const anchor = document.getElementById(`download-${kind}`);
    anchor.dataset.kind = kind;
    anchor.dataset.href = link.href;
    // Until the server answers, a refused link's last state stays (a click asks first).
    if (!anchor.hasAttribute("aria-disabled")) anchor.href = link.href;
    anchor.download = link.download;
  }
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkAll, CHECK_DELAY_MS);
}

// A click before the server's answer waits for it: the download goes ahead, or its reason
// is shown.
for (const kind of ["gif", "png", "svg"]) {
  const anchor = document.getElementById(`download-${kind}`);
  anchor.addEventListener("click", async (event) => {
    const href = anchor.dataset.href;
    if (!href || anchor.dataset.checked === href) return;
    event.preventDefault();
    const reason = await verdict(href);
    if (anchor.dataset.href !== href) return;
    judge(anchor, reason);
    if (!reason) anchor.click();
  });
}

scaleBox.addEventListener("change", () => updateExports(last.query, last));

export function renderCode(answer) {
  const code = answer.code;
  document.getElementById("code-pytorch").textContent = code.pytorch;
  document.getElementById("code-keras").textContent = code.keras ?? "";
  document.getElementById("code-keras").closest("pre").hidden = !code.keras;
  document.getElementById("code-keras-note").textContent =
    code.keras_note ?? (code.keras ? "" : t("code.keras_none"));
}

for (const button of document.querySelectorAll("button.copy-code")) {
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.target).textContent;
    if (await copyText(text)) {
      const label = button.textContent;
      button.textContent = button.dataset.done;
      setTimeout(() => { button.textContent = label; }, 1500);
    }
  });
}
