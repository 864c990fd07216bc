// Quick exit (issue 6), after GOV.UK's "Exit this page". The button is a real link and works
// without this script; the script adds what a link alone cannot do:
// - hide the page the moment the reader asks to leave (slow connections show the old page
//   for a while otherwise), then leave with location.replace(), so that Back does not bring
//   the page they were reading back;
// - Shift pressed three times on its own, each press within 5 s of the last, does the same;
//   a role="status" live region says how many presses are left, in the page's language;
// - a page restored from the back/forward cache is shown again, not left blank.
// Strings come from data attributes on the button (partials/quick-exit.html).
(function () {
  "use strict";

  var PRESSES = 3;
  var WINDOW_MS = 5000;

  var button = document.querySelector("[data-quick-exit]");
  if (!button) return;
  var status = document.querySelector("[data-quick-exit-status]");
  var skip = document.querySelector("[data-quick-exit-skip]");

  var presses = 0;
  var timer = null;
  var shiftDown = false;
  var shiftCombined = false;
  var savedTitle = null;

  function text(name, count) {
    return (button.getAttribute("data-quick-exit-" + name) || "").replace("{n}", String(count));
  }

  function announce(message) {
    if (status) status.textContent = message;
  }

  function resetPresses() {
    presses = 0;
    clearTimeout(timer);
    timer = null;
  }

  function leave() {
    resetPresses();
    announce("");
    if (!document.body.classList.contains("quick-exit-active")) {
      document.body.classList.add("quick-exit-active");
      var overlay = document.createElement("div");
      overlay.className = "quick-exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = text("leaving");
      document.body.appendChild(overlay);
      // The tab title would still name the page until the neutral site has loaded.
      savedTitle = document.title;
      document.title = "";
    }
    window.location.replace(button.href);
  }

  function restore() {
    document.body.classList.remove("quick-exit-active");
    var overlays = document.querySelectorAll(".quick-exit-overlay");
    for (var i = 0; i < overlays.length; i++) overlays[i].remove();
    if (savedTitle !== null) document.title = savedTitle;
    savedTitle = null;
    resetPresses();
    shiftDown = false;
    announce("");
  }

  // Any click leaves, with modifiers too: a new tab would leave this page on screen.
  button.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  // On phones Material's open menu dims the page with an overlay that also covers the header;
  // the button still shows through, and a tap on it must leave, not just close the menu.
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest(".md-overlay")) return;
    var box = button.getBoundingClientRect();
    if (event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom) {
      event.preventDefault();
      leave();
    }
  }, true);

  // The skip link moves focus without adding a "#quick-exit" history entry, which would
  // survive location.replace() and lead Back to this page.
  if (skip) {
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      button.focus();
    });
  }

  // Shift counts only on its own: Shift+A, Ctrl+Shift and the like do not, and any other
  // key starts the count again. Capturing listeners that never stop the event, so Material's
  // own keys (Esc, /, s, p, n) are untouched.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        shiftDown = true;
        shiftCombined = event.ctrlKey || event.altKey || event.metaKey;
      }
      return;
    }
    if (shiftDown) shiftCombined = true;
    if (presses) {
      resetPresses();
      announce("");
    }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var alone = shiftDown && !shiftCombined;
    shiftDown = false;
    if (!alone) return;
    presses += 1;
    clearTimeout(timer);
    if (presses >= PRESSES) {
      leave();
      return;
    }
    var left = PRESSES - presses;
    announce(text(left === 1 ? "presses-one" : "presses-other", left));
    timer = setTimeout(function () {
      resetPresses();
      announce(text("expired"));
    }, WINDOW_MS);
  }, true);

  // Switching windows in the middle of Shift+something must not leave Shift "down".
  window.addEventListener("blur", function () {
    shiftDown = false;
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) restore();
  });

  // Full-screen search on phones keeps the button on top; it leaves this much room at the
  // right (read by site-search.css).
  function measure() {
    var box = (button.closest(".quick-exit") || button).getBoundingClientRect();
    var rtl = document.body.getAttribute("dir") === "rtl";
    var room = rtl ? box.right : document.documentElement.clientWidth - box.left;
    document.documentElement.style.setProperty("--quick-exit-width", Math.max(0, Math.ceil(room)) + "px");
  }
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(measure).observe(button);
  }
  window.addEventListener("resize", measure);
  measure();
})();
