// The "QR code" dialog: the page's current link as a large QR code (drawn by the server,
// app/web/qr.py) with the link written under it, for students to scan off the projector
// (without presentation mode: that is the projector's view, not a phone's).
import { isLoopback } from "./share.js";
import { qrUrl, studentLink } from "./urls.js";

/** The dialog over `dialog`; `t` is the catalogue. `open()` shows the link on screen now,
 * `refresh()` follows a new one while it is open. */
export function createQrDialog(dialog, { t }) {
  const image = dialog.querySelector("#qr-image");
  const link = dialog.querySelector("#qr-link");
  const loopback = dialog.querySelector("#qr-loopback");
  let shown = null;

  function paint() {
    const href = studentLink(location.href);
    if (href === shown) return;
    shown = href;
    image.src = qrUrl(href);
    image.alt = t("qr.image", { url: href });
    link.textContent = href;
    // A loopback address opens this computer only: the code would lead students nowhere.
    const local = isLoopback(location.hostname);
    loopback.hidden = !local;
    loopback.textContent = local ? t("qr.loopback", { host: location.host }) : "";
  }

  dialog.querySelector("#qr-close").addEventListener("click", () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });

  return {
    open() {
      paint();
      if (!dialog.open) dialog.showModal();
    },
    refresh() {
      if (dialog.open) paint();
    },
  };
}
