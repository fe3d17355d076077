// Copying to the clipboard, with a fallback where the Clipboard API is refused, and
// whether a link can reach anyone else.

/** Copy `text`; resolves to whether it worked. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
  }
}

// Names of this computer: a link on one of them opens nothing on a student's device.
const LOOPBACK_NAMES = new Set(["localhost", "0.0.0.0", "::1", "[::1]", "::", "[::]"]);

/** Is `hostname` (as location.hostname gives it) a loopback or unspecified address? */
export function isLoopback(hostname) {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return LOOPBACK_NAMES.has(host) || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host);
}
