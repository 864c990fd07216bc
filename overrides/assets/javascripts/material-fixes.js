// Three fixes to Material for MkDocs 9.8 behaviour; loaded right before Material's bundle.
// Fixes 2 and 3 rely on Material internals (listed in overrides/README.md); when one is
// missing after an upgrade, the fix reports it on the console (the browser tests fail on
// console errors) instead of quietly doing nothing.
(function () {
  "use strict";

  function missing(what, fix) {
    console.error("material-fixes.js: " + what + " is missing (Material changed?); " + fix + " is not applied.");
  }

  // 1. Material 9.7+ requests "sitemap.xml" beneath every <link rel="alternate"> on page
  // load, to keep readers on the same page when they switch language. With absolute
  // hreflang links those requests go to paths that do not exist (console 404s) or, on a
  // preview host, to the production origin. The i18n plugin already makes the language
  // switcher contextual, so those requests fail here without touching the network and
  // Material falls back to the plain links, as it does when a sitemap is missing.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__sitemapProbe = /\/sitemap\.xml$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__sitemapProbe) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
  };

  // 2. Material stores the colour scheme in localStorage on every page load, which leaves a
  // trace of this site on a shared device even if the reader never chose a scheme. Store it
  // only once the reader actually uses the light/dark toggle.
  var store = window.__md_set;
  var schemeChosen = false;
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "__palette") schemeChosen = true;
  }, true);
  if (typeof store === "function") {
    window.__md_set = function (key) {
      if (key === "__palette" && !schemeChosen) return;
      return store.apply(this, arguments);
    };
  } else {
    missing("window.__md_set", "keeping the colour scheme out of localStorage");
  }

  // 3. Below Material's desktop breakpoint the navigation is an off-screen drawer opened by a
  // <label>, which the keyboard cannot reach, while the drawer's hidden links stay in the
  // Tab order. Replace the label with a real button (site.css hides the closed drawer from
  // the Tab order, and hides this button where Material hides the label).
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  var nav = document.querySelector(".md-nav--primary");
  if (!drawer || !label) {
    missing(drawer ? 'the header\'s <label for="__drawer">' : "the #__drawer toggle", "the keyboard menu button");
  } else {
    var menu = document.createElement("button");
    menu.type = "button";
    menu.className = label.className;
    menu.setAttribute("data-drawer-button", "");
    menu.innerHTML = label.innerHTML;
    if (nav && nav.getAttribute("aria-label")) menu.setAttribute("aria-label", nav.getAttribute("aria-label"));
    label.parentNode.insertBefore(menu, label);
    label.hidden = true;
    var sync = function () { menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    var setOpen = function (open) {
      drawer.checked = open;
      drawer.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
    };
    sync();
    drawer.addEventListener("change", sync);
    menu.addEventListener("click", function () {
      setOpen(!drawer.checked);
      if (drawer.checked) {
        // Wait for the drawer to become visible (site.css) before moving focus into it.
        setTimeout(function () {
          var first = document.querySelector(".md-sidebar--primary a");
          if (first) first.focus();
        }, 50);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        setOpen(false);
        menu.focus();
      }
    });
  }
})();
