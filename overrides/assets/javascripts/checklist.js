// Checklist pages: the print button, and ticks that are never kept.
(function () {
  "use strict";

  // The button is hidden in the HTML: it only works with JavaScript. No inline onclick,
  // because the Content-Security-Policy forbids inline handlers.
  document.querySelectorAll("[data-checklist-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Ticks are never kept. Browsers bring back a checkbox's state on reload and on Back
  // (form restoration), and a page from the back/forward cache still shows its ticks; on a
  // shared device that could reveal what a child ticked, so every showing starts empty.
  // (autocomplete="off" would stop form restoration without JavaScript, but HTML does not
  // allow it on checkboxes.)
  window.addEventListener("pageshow", function () {
    document.querySelectorAll(".task-list-item input[type=checkbox]").forEach(function (box) {
      box.checked = box.defaultChecked;
    });
  });
})();
