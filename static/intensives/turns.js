// The turn-taking conversation: a gentle countdown for the current turn. The server
// says how many seconds are left (so two devices agree whatever their clocks); the
// page works without this script, which only shows the minutes counting down.
(function () {
  "use strict";
  var ticking = null;
  var current = null;

  function show(timer, seconds) {
    if (seconds <= 0) {
      timer.textContent = timer.dataset.over;
      return;
    }
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    timer.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function start() {
    var timer = document.querySelector("[data-seconds-left]");
    if (timer === current) return;  // the same turn, still counting
    clearInterval(ticking);
    current = timer;
    if (!timer) return;
    var ends = Date.now() + parseInt(timer.dataset.secondsLeft, 10) * 1000;
    var tick = function () {
      show(timer, Math.max(0, Math.round((ends - Date.now()) / 1000)));
    };
    timer.hidden = false;
    tick();
    ticking = setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", start);
  // A new turn arrived (this device tapped, or the other one did): start again.
  document.addEventListener("htmx:afterSettle", start);
})();
