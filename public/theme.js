// The colour theme, before the first paint: the reader's saved choice
// ("light" or "dark") or, without one, the system's. Loaded as a blocking
// script from <head> so the page never shows the wrong theme first; the
// app (WebAssembly) arrives later. The toggle button lives in index.html.
(function () {
  var KEY = "broadsheet-theme";
  var root = document.documentElement;
  var saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch (e) {
    // Storage refused (private mode): the system's theme it is.
  }
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
  function current() {
    return root.getAttribute("data-theme") || (dark && dark.matches ? "dark" : "light");
  }
  function show() {
    var button = document.querySelector("[data-theme-toggle]");
    if (button) {
      button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    }
  }
  if (saved === "light" || saved === "dark") {
    root.setAttribute("data-theme", saved);
  }
  document.addEventListener("DOMContentLoaded", show);
  if (dark && dark.addEventListener) {
    dark.addEventListener("change", show);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-theme-toggle]");
    if (!button) {
      return;
    }
    var next = current() === "dark" ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try {
      localStorage.setItem(KEY, next);
    } catch (e) {
      // Not remembered, but applied.
    }
    show();
  });
})();
