// Notifications on this device (Settings): where the browser can take Web Push
// notifications, show the button; on a click, ask the person, subscribe through the
// service worker with the site's public key, and send the subscription in the form's
// hidden field. Nothing happens without the person's click.
(function () {
  "use strict";

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-push-form]");
    var status = document.querySelector("[data-push-status]");
    if (!form || !status) return;
    var say = function (text) { status.textContent = text; };
    var messages = form.dataset;
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      say(messages.unsupported);
      return;
    }
    form.hidden = false;
    if (Notification.permission === "denied") say(messages.blocked);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      say(messages.working);
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") throw new Error("blocked");
        return navigator.serviceWorker.register(document.body.dataset.serviceWorker).then(function () {
          return navigator.serviceWorker.ready;
        });
      }).then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(form.dataset.publicKey),
        });
      }).then(function (subscription) {
        form.querySelector("input[name=subscription]").value = JSON.stringify(subscription.toJSON());
        form.submit();
      }).catch(function (error) {
        button.disabled = false;
        say(error && error.message === "blocked" ? messages.blocked : messages.failed);
      });
    });
  });
})();
