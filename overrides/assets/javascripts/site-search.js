// Search in the reader's language (issue 6), on Pagefind's per-language index.
//
// Nothing of Pagefind is downloaded until the reader opens search: then pagefind.js is
// imported from the site's own /pagefind/ folder and picks the index matching <html lang>
// (Hungarian stemming and accent folding on Hungarian pages, English on English ones).
// search-stemmers.js comes with it: for some languages (Hungarian) each query word is stemmed
// here first, because Pagefind drops accents before stemming (see that file).
// The dialog is Material's search markup (partials/site-search.html) driven by Material's
// #__search toggle; this script adds what Material's own search code would do (keys, result
// list) plus a real dialog: focus moves in and back out, Tab stays inside, and a live region
// reads the number of results.
//
// Keys: "/", "s" or "f" open search when the focus is not in a text field (as in Material);
// arrows move between the field and the results; Enter opens the chosen or first result;
// Esc closes and returns the focus to where it was.
//
// Needs from a Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval' (the module
// import and Pagefind's WebAssembly) and connect-src 'self' (the index files). No worker,
// no eval, no inline script or style attribute.
(function () {
  "use strict";

  var MAX_RESULTS = 10;
  var TYPING_PAUSE_MS = 120;

  var root = document.querySelector("[data-site-search]");
  var opener = document.querySelector("[data-site-search-open]");
  var toggle = document.getElementById("__search");
  if (!root || !opener) return; // a page without the site's header: no search to drive
  if (!toggle) {
    // Material's private search toggle (see overrides/README.md): without it the dialog
    // cannot open, so say so instead of leaving a dead button.
    console.error("site-search.js: Material's #__search toggle is missing; update site-search.js for this Material version");
    return;
  }
  var form = root.querySelector("[data-site-search-form]");
  var input = root.querySelector("[data-site-search-input]");
  var meta = root.querySelector("[data-site-search-meta]");
  var list = root.querySelector("[data-site-search-results]");
  var closeButton = root.querySelector("[data-site-search-close]");

  var isOpen = false;
  var returnFocus = null;
  var pagefind = null;
  var stem = null;
  var loading = null;
  var searchSeq = 0;
  var typingTimer = null;

  function text(name, count) {
    return (root.getAttribute("data-" + name) || "").replace("{n}", String(count));
  }

  function setMeta(message) {
    if (meta.textContent !== message) meta.textContent = message;
  }

  // Material listens to this checkbox's change event (scroll lock on phones).
  function setToggle(value) {
    if (toggle.checked === value) return;
    toggle.checked = value;
    toggle.dispatchEvent(new Event("change"));
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    var active = document.activeElement;
    returnFocus = active && active !== document.body && !root.contains(active) ? active : opener;
    root.removeAttribute("inert");
    opener.setAttribute("aria-expanded", "true");
    setToggle(true);
    input.focus();
    input.select();
    load();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    opener.setAttribute("aria-expanded", "false");
    setToggle(false);
    root.setAttribute("inert", "");
    var target = returnFocus && document.contains(returnFocus) ? returnFocus : opener;
    returnFocus = null;
    // The opener is hidden on wide screens while search is open; it is back now.
    target.focus();
  }

  // Resolves once Pagefind and the stemmer are loaded (or loading failed: see `pagefind`).
  function load() {
    if (pagefind) return Promise.resolve();
    if (loading) return loading;
    setMeta(text("loading"));
    var url = new URL(root.getAttribute("data-bundle") + "pagefind.js", document.baseURI).href;
    var stemmersUrl = new URL(root.getAttribute("data-stemmers"), document.baseURI).href;
    var language = (document.documentElement.lang || "").toLowerCase().split("-")[0];
    loading = Promise.all([
      import(url).then(function (module) {
        // Options must be set before init; noWorker keeps Pagefind on the page (see header).
        return module.options({ noWorker: true, excerptLength: 24 })
          .then(function () { return module.init(); })
          .then(function () { return module; });
      }),
      import(stemmersUrl),
    ])
      .then(function (modules) {
        pagefind = modules[0];
        stem = modules[1].stemmers[language] || null;
        loading = null;
        search();
      })
      .catch(function (error) {
        loading = null;
        setMeta(text("error"));
        if (window.console) console.warn("Search could not load:", error);
      });
    return loading;
  }

  function schedule() {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(search, TYPING_PAUSE_MS);
  }

  // One query as the dialog runs it: each word stemmed (unless the query has a "quoted
  // phrase", which asks Pagefind for those exact words), then the first `limit` results.
  // Pages still waiting for their translation (the default language's text, which
  // hooks/untranslated_pages.py gives the Pagefind filter `translation: pending`) come after
  // the language's own pages, each group in Pagefind's order: a reader of a partly translated
  // language finds the pages in their language first. The second search reads only the
  // filter index, no page data.
  function find(query, limit) {
    var terms = stem && query.indexOf('"') < 0 ? query.split(/\s+/).map(stem).join(" ") : query;
    return Promise.all([
      pagefind.search(terms),
      pagefind.search(terms, { filters: { translation: "pending" } }),
    ]).then(function (responses) {
      var pending = {};
      responses[1].results.forEach(function (result) { pending[result.id] = true; });
      var results = responses[0].results;
      var ordered = results.filter(function (result) { return !pending[result.id]; })
        .concat(results.filter(function (result) { return pending[result.id]; }));
      return Promise.all(ordered.slice(0, limit).map(function (result) {
        return result.data();
      })).then(function (pages) {
        return { total: results.length, pages: pages };
      });
    });
  }

  function search() {
    var query = input.value.trim();
    var seq = ++searchSeq;
    if (!pagefind) {
      load();
      return;
    }
    if (!query) {
      list.textContent = "";
      setMeta(text("initial"));
      return;
    }
    find(query, MAX_RESULTS)
      .then(function (found) {
        if (seq === searchSeq) render(found.pages, found.total);
      })
      .catch(function (error) {
        if (seq !== searchSeq) return;
        setMeta(text("error"));
        if (window.console) console.warn("Search failed:", error);
      });
  }

  // The same search without the dialog, so that tests/test_search.py runs its many probes
  // through this file's query pipeline rather than a copy of it.
  window.__siteSearch = {
    query: function (query, limit) {
      return load().then(function () {
        if (!pagefind) throw new Error("site-search.js: Pagefind could not be loaded");
        return find(String(query).trim(), limit || MAX_RESULTS);
      });
    },
  };

  // Entities Pagefind may leave in titles and excerpts.
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
  function decode(value) {
    return String(value || "").replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (all, name) {
      if (name[0] === "#") {
        var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
      }
      var known = ENTITIES[name.toLowerCase()];
      return known === undefined ? all : known;
    });
  }

  // Pagefind's excerpt is text with <mark> around the matches. Only those marks become
  // elements; everything else is inserted as text, so no page content can become markup.
  function appendExcerpt(target, excerpt) {
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "<mark>") { marked = true; continue; }
      if (parts[i] === "</mark>") { marked = false; continue; }
      var content = decode(parts[i].replace(/<[^>]*>/g, ""));
      if (!content) continue;
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = content;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(content));
      }
    }
  }

  function sameSiteUrl(value) {
    try {
      var url = new URL(value, document.baseURI);
      return url.origin === location.origin ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function render(pages, total) {
    list.textContent = "";
    pages.forEach(function (page) {
      var href = sameSiteUrl(page.url);
      if (!href) return;
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      var title = document.createElement("p");
      title.className = "site-search__title";
      title.textContent = decode((page.meta && page.meta.title) || href);
      // A pending page's English title and excerpt inside an Arabic dialog (and the other
      // way round) keep their own direction: the first letter decides.
      title.dir = "auto";
      var excerpt = document.createElement("p");
      excerpt.className = "site-search__excerpt";
      excerpt.dir = "auto";
      appendExcerpt(excerpt, page.excerpt);
      article.append(icon, title, excerpt);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    if (!total) setMeta(text("none"));
    else setMeta(text(total === 1 ? "count-one" : "count-other", total));
  }

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll("a[href]"));
  }

  // Material fades the clear button out (opacity 0) while the field is empty.
  function visible(element) {
    if (!element.getClientRects().length) return false;
    var style = getComputedStyle(element);
    return style.visibility !== "hidden" && style.opacity !== "0";
  }

  // Everything Tab may reach while search is open: the dialog's controls, and the quick
  // exit, which stays on top of the dialog and must stay reachable.
  function tabStops() {
    var inside = Array.prototype.slice.call(root.querySelectorAll("button, input, a[href]"));
    var quickExit = document.querySelector("[data-quick-exit]");
    if (quickExit) inside.push(quickExit);
    return inside.filter(function (element) { return !element.disabled && visible(element); });
  }

  function isTextField(element) {
    if (!element || element === document.body) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag !== "INPUT") return false;
    return !/^(button|checkbox|radio|range|reset|submit|color|file|image)$/i.test(element.type);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (!isOpen) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !isTextField(event.target)) {
        event.preventDefault(); // the key must not be typed into the field it opens
        open();
      }
      return;
    }
    var links = resultLinks();
    var index = links.indexOf(document.activeElement);
    switch (event.key) {
      case "Escape":
        event.preventDefault();
        close();
        break;
      case "ArrowDown":
      case "ArrowUp":
        if (document.activeElement !== input && index < 0) return;
        event.preventDefault();
        var stops = [input].concat(links);
        var at = stops.indexOf(document.activeElement);
        var next = (at + (event.key === "ArrowDown" ? 1 : -1) + stops.length) % stops.length;
        stops[next].focus();
        break;
      case "Enter":
        if (document.activeElement === input && links.length) {
          event.preventDefault();
          links[0].click();
        }
        break;
      case "Tab":
        var all = tabStops();
        var position = all.indexOf(document.activeElement);
        if (!all.length) return;
        event.preventDefault();
        var step = event.shiftKey ? -1 : 1;
        all[(position + step + all.length) % all.length].focus();
        break;
    }
  });

  opener.addEventListener("click", open);
  if (closeButton) closeButton.addEventListener("click", close);
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var links = resultLinks();
    if (links.length) links[0].click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      input.focus();
      search();
    }, 0);
  });
  // Material's overlay is a <label for="__search">, and Material unchecks the toggle itself
  // on some navigations: follow the checkbox.
  toggle.addEventListener("change", function () {
    if (toggle.checked) open();
    else close();
  });
  // Following a result within the same page, or coming back to this page, closes search.
  list.addEventListener("click", function (event) {
    if (event.target.closest("a[href]")) close();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && isOpen) close();
  });
})();
