// Progressive enhancement for every page (no inline script, so a strict CSP holds).
// 1. On narrow screens the main menu collapses behind a button.
// 2. Wide tables scroll inside their own region, which keyboard users can focus (WCAG 2.1.1).
(function () {
  "use strict";
  function setUpMenu() {
    var toggle = document.querySelector("[data-fl-menu-toggle]");
    var nav = document.getElementById("fl-main-nav");
    if (!toggle || !nav) { return; }
    toggle.hidden = false;
    document.documentElement.classList.add("fl-js");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("fl-nav--open", !open);
    });
  }
  function labelFor(table) {
    var caption = table.querySelector("caption");
    return caption ? caption.textContent.trim() : "";
  }
  function setUpTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      var wrap = table.parentElement;
      if (!wrap.classList.contains("fl-table-wrap")) {
        wrap = document.createElement("div");
        wrap.className = "fl-table-wrap";
        table.parentNode.insertBefore(wrap, table);
        wrap.appendChild(table);
      }
      if (!wrap.hasAttribute("tabindex")) { wrap.setAttribute("tabindex", "0"); }
      if (!wrap.hasAttribute("role")) { wrap.setAttribute("role", "region"); }
      if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
        var label = labelFor(table);
        if (label) { wrap.setAttribute("aria-label", label); }
      }
    });
  }
  function copyButtons() {
    document.querySelectorAll("[data-fl-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-fl-copy"));
        if (!source || !navigator.clipboard) { return; }
        navigator.clipboard.writeText(source.value || source.textContent.trim()).then(function () {
          var done = button.getAttribute("data-fl-copied");
          if (done) { button.textContent = done; }
        });
      });
    });
  }
  function ready() { setUpMenu(); setUpTables(); copyButtons(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
  document.addEventListener("htmx:afterSwap", setUpTables);
})();
