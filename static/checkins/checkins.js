// Weekly check-ins: show the server's answer when a save is refused (a form
// error or a stale joint-note edit), instead of htmx's default of ignoring it.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    // The requesting form carries the marker; event.detail.elt is the swap target.
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    if ((status === 409 || status === 422) && form && form.closest("[data-checkin-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
