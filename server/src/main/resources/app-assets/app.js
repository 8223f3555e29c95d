// The inbox's own script: only what htmx does not do by itself. No inline script exists (the CSP forbids it).
(function () {
  "use strict";

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : null;
  }

  // Every htmx request carries the CSRF token (the page's forms carry it as a hidden field).
  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // Notices can be dismissed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss]");
    if (button) {
      var notice = button.closest(".problems, .notice");
      if (notice) {
        notice.remove();
      }
    }
  });
})();
