// Dashboard behaviour. Loaded from /static (the CSP forbids inline scripts); all text is set with
// textContent, never innerHTML, so source sentences cannot inject markup.
"use strict";

function showPopover(link) {
  const pop = document.getElementById("popover");
  if (!pop) return;
  pop.replaceChildren();
  const meta = document.createElement("div");
  meta.className = "pmeta";
  meta.textContent = link.dataset.meta || "";
  const quote = document.createElement("div");
  quote.className = "pquote";
  quote.textContent = link.dataset.quote || "";
  const hint = document.createElement("div");
  hint.className = "pmeta";
  hint.textContent = "Click to open the article at this sentence";
  pop.append(meta, quote, hint);
  pop.hidden = false;
  const box = link.getBoundingClientRect();
  const width = Math.min(416, document.documentElement.clientWidth - 24);
  const left = Math.max(12, Math.min(box.left + window.scrollX - 40, window.scrollX + document.documentElement.clientWidth - width - 12));
  pop.style.left = left + "px";
  pop.style.top = (box.bottom + window.scrollY + 6) + "px";
}

function hidePopover() {
  const pop = document.getElementById("popover");
  if (pop) pop.hidden = true;
}

document.addEventListener("DOMContentLoaded", () => {
  const hl = document.querySelector(".sent.hl");
  if (hl) window.requestAnimationFrame(() => hl.scrollIntoView({ block: "center" }));
  for (const link of document.querySelectorAll("a.cite[data-quote]")) {
    link.addEventListener("mouseenter", () => showPopover(link));
    link.addEventListener("focus", () => showPopover(link));
    link.addEventListener("mouseleave", hidePopover);
    link.addEventListener("blur", hidePopover);
  }
  for (const select of document.querySelectorAll("form.filters.inline select")) {
    select.addEventListener("change", () => select.form.submit());
  }
});
