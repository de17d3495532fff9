// Scroll the highlighted source sentence into view on the article page. No inline scripts (CSP).
document.addEventListener("DOMContentLoaded", () => {
  const hl = document.querySelector(".sent.hl");
  if (hl) hl.scrollIntoView({ block: "center" });
});
