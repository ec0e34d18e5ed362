// Quick exit: leave for a neutral page and replace this history entry,
// so the Back button does not return here.
(function () {
  "use strict";

  function quickExit(event) {
    var link = document.getElementById("quick-exit");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.hidden = true;
    var leave = function () {
      // Opened from the home screen there is no history to replace: the app's window
      // may stay under the outside site, so it keeps nothing at all to show.
      document.title = "";
      document.body.replaceChildren();
      window.location.replace(link.href);
    };
    // Sign out on this device too, so Back or a reopened tab shows only the login
    // page, and clear what this app keeps. The content is hidden at once; leaving
    // waits for both briefly.
    Promise.race([
      Promise.all([signOut(link.dataset.signOut), clearAppState()]),
      new Promise(function (r) { setTimeout(r, 1500); })
    ]).then(leave, leave);
  }

  // Everything the app keeps in this browser except its static files (styles,
  // scripts, icons): the service worker's other caches, and this site's storage.
  function clearAppState() {
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* blocked */ }
    if (!window.caches) return Promise.resolve();
    return window.caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("static-") !== 0;
      }).map(function (name) { return window.caches.delete(name); }));
    });
  }

  function signOut(url) {
    if (!url || !window.fetch) return Promise.resolve();
    var token = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    var body = new URLSearchParams({ csrfmiddlewaretoken: token });
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-quick-exit]")) quickExit(event);
  });

  // Three presses of Shift on its own within a second and a half. Shift used with
  // another key (Shift+Tab to go back, a capital letter) does not count.
  var shiftPresses = [];
  var shiftWithAnotherKey = false;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" && event.shiftKey) shiftWithAnotherKey = true;
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (shiftWithAnotherKey) {
      shiftWithAnotherKey = false;
      shiftPresses = [];
      return;
    }
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (t) { return now - t < 1500; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) quickExit();
  });

  // Installable on a phone's home screen: the service worker keeps only static files
  // and a neutral offline page (templates/installable/sw.js).
  document.addEventListener("DOMContentLoaded", function () {
    var url = document.body.dataset.serviceWorker;
    if (!url || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(url).catch(function () { /* not offered */ });
  });

  // After the idle limit, hide the page by going to the login page (the server
  // ends the session at the same limit), so an unattended screen shows nothing.
  document.addEventListener("DOMContentLoaded", function () {
    var seconds = parseInt(document.body.dataset.idleSeconds || "0", 10);
    if (!seconds) return;
    var timer;
    var reset = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        document.body.hidden = true;
        window.location.replace(document.body.dataset.idleUrl);
      }, seconds * 1000);
    };
    ["keydown", "pointerdown", "scroll", "input"].forEach(function (name) {
      document.addEventListener(name, reset, { passive: true });
    });
    reset();
  });

  // Pre-fill time zone pickers from the browser, when still on the default.
  document.addEventListener("DOMContentLoaded", function () {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("select[name=timezone]").forEach(function (select) {
      if (select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) {
        select.value = zone;
      }
    });
  });
  // A form that was not saved shows its error summary (templates/_error_summary.html):
  // focus moves to it, and if the form was posted to an address of its own the page's
  // address comes back, so reloading never lands on a POST-only URL.
  function showErrorSummary(root) {
    var summary = root.matches && root.matches("[data-error-summary]")
      ? root : root.querySelector("[data-error-summary]");
    if (!summary) return;
    var url = summary.dataset.pageUrl;
    if (url && url !== window.location.pathname) window.history.replaceState(null, "", url);
    summary.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { showErrorSummary(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    showErrorSummary(event.target);
  });

  // htmx: a re-rendered form with its errors (422) replaces the old one, as a full
  // page would; while a request runs, the area it will update says it is busy.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.target) event.detail.target.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.target) event.detail.target.removeAttribute("aria-busy");
  });

  // Messages added by htmx (templates/_messages_oob.html) float as toasts; the live
  // region has already announced them. They fade after a while, but not while the
  // pointer rests on them or a click keeps them; a click on one dismisses it.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    event.detail.target.querySelectorAll(".toast").forEach(function (toast) {
      var hide = function () { if (!toast.matches(":hover")) toast.remove(); else setTimeout(hide, 2000); };
      setTimeout(hide, 8000);
      toast.addEventListener("click", function () { toast.remove(); });
    });
  });

  // The navigation's "More" menu (a <details>, so it works without JavaScript):
  // Escape closes it and returns focus to it; so does a tap outside it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.nav-more[open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.nav-more[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  // Polled fragments (the navigation's count of what's new) rest while the tab is hidden;
  // they refresh as soon as it is shown again.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (document.hidden && event.target.closest("[data-poll-when-visible]")) event.preventDefault();
  });
})();
