// Export links, the embed code and the code panel, all following the figure shown.
import { t } from "./messages.js";
import { copyText } from "./share.js";

/** Point the download links at the pictures of `query`, at `step` for single frames. */
export function updateExports(query, step) {
  document.getElementById("download-gif").href = `/render/animation.gif?${query}`;
  document.getElementById("download-png").href = `/render/frame.png?${query}&step=${step}`;
  document.getElementById("download-svg").href = `/render/frame.svg?${query}&step=${step}`;
}

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
