// Export links and the code panel, both following the figure shown.
import { t } from "./messages.js";
import { copyText } from "./share.js";
import { pictureLinks } from "./urls.js";

const scaleBox = document.getElementById("export-scale");
let last = { query: "", numbers: false, step: 0, lang: null };

/** Point the download links at the pictures of `query` (with numbers if shown), at `step`
 * for single frames. */
export function updateExports(query, { numbers, step, lang }) {
  last = { query, numbers, step, lang };
  const links = pictureLinks(query, { numbers, scale: scaleBox.value, step, lang });
  for (const [kind, link] of Object.entries(links)) {
    const anchor = document.getElementById(`download-${kind}`);
    anchor.href = link.href;
    anchor.download = link.download;
  }
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
