// Small conveniences shared by every page. No inline script anywhere: the
// Content-Security-Policy allows only files served from this site.
(function () {
  "use strict";

  // Coming back to a page (history) restores fields disabled just before leaving.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-autosubmit] [disabled]").forEach(function (f) {
      f.disabled = false;
    });
  });

  // A panel marked data-fold-narrow (a list's filters) is open as served; a phone
  // folds it behind its summary line, and it opens again when the screen widens
  // (where the summary line is hidden and could not open it).
  var narrow = window.matchMedia("(max-width: 600px)");
  var panels = document.querySelectorAll("details[data-fold-narrow]");
  function fit() {
    panels.forEach(function (panel) { panel.open = !narrow.matches; });
  }
  if (panels.length) {
    fit();
    narrow.addEventListener("change", fit);
  }

  // Filter forms marked data-autosubmit apply a choice as soon as it is made.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.querySelectorAll("select, input[type=checkbox], input[type=date]").forEach(function (el) {
      el.addEventListener("change", function () {
        // Drop empty fields so the address stays short and shareable.
        form.querySelectorAll("input, select").forEach(function (f) {
          if (!f.value) { f.disabled = true; }
        });
        form.submit();
      });
    });
  });
})();
