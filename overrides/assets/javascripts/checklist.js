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

  // A page coming back from the back/forward cache still shows what was ticked before.
  // On a shared device that could reveal what a child ticked, so start empty again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll(".task-list-item input[type=checkbox]").forEach(function (box) {
      box.checked = box.defaultChecked;
    });
  });
})();
