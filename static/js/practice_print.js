// The printable sheet: a button that opens the browser's print dialog (the sheet's own
// style puts the answers on a page of their own).
document.getElementById("print")?.addEventListener("click", () => window.print());
document.documentElement.dataset.ready = "true";
