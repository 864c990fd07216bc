// Material 9.7+ requests "sitemap.xml" beneath every <link rel="alternate"> on page load,
// to keep readers on the same page when they switch language. With absolute hreflang
// links those requests go to paths that do not exist (console 404s) or, on a preview
// host, to the production origin. The i18n plugin already makes the language switcher
// contextual, so those requests are answered here as failed, without touching the
// network; Material then falls back to the plain links, as it does when a sitemap is
// missing.
(function () {
  "use strict";
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
})();
