// Export links, the embed code and the code panel, all following the figure shown.
import { t } from "./messages.js";
import { copyText } from "./share.js";

const scaleBox = document.getElementById("export-scale");
let lastQuery = "";
let lastStep = 0;

/** A file name that says which figure it is: convarith-conv-i5-k3-s2-p1-step4.png. */
function fileName(query, step, extension) {
  const parts = query.split("&").map((part) => part.replace("=", "").replace(",", "x"));
  const steps = step === null ? "" : `-step${step}`;
  return `convarith-${parts.join("-").replace(/^op/, "")}${steps}.${extension}`;
}

function link(id, path, query, step, extension) {
  const anchor = document.getElementById(id);
  const scale = scaleBox.value === "20" ? "" : `&scale=${scaleBox.value}`;
  const stepQuery = step === null ? "" : `&step=${step}`;
  anchor.href = `/render/${path}?${query}${scale}${stepQuery}`;
  anchor.download = fileName(query, step, extension);
}

/** Point the download links at the pictures of `query`, at `step` for single frames. */
export function updateExports(query, step) {
  lastQuery = query;
  lastStep = step;
  link("download-gif", "animation.gif", query, null, "gif");
  link("download-png", "frame.png", query, step, "png");
  link("download-svg", "frame.svg", query, step, "svg");
}

scaleBox.addEventListener("change", () => updateExports(lastQuery, lastStep));

/** An <iframe> of the embed view, sized for a slide. */
export function embedCode(query, title) {
  const attr = (text) =>
    text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
  return `<iframe src="${attr(`${location.origin}/embed?${query}`)}" width="720" ` +
    `height="520" title="${attr(title)}" loading="lazy" style="border:0"></iframe>`;
}

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
