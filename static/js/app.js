// Quick exit: leave for a neutral page and replace this history entry,
// so the Back button does not return here.
(function () {
  "use strict";

  function quickExit(event) {
    var link = document.getElementById("quick-exit");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.hidden = true;
    var leave = function () { window.location.replace(link.href); };
    // Sign out on this device too, so Back or a reopened tab shows only the login
    // page. The content is hidden at once; leaving waits for the sign-out briefly.
    Promise.race([signOut(link.dataset.signOut), new Promise(function (r) { setTimeout(r, 1500); })])
      .then(leave, leave);
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

  // Three presses of Shift within a second and a half.
  var shiftPresses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (t) { return now - t < 1500; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) quickExit();
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
})();
