// Gentle words, never policed. Below each textarea marked data-gentle-hint, a quiet
// line notices wording that often lands as blame or as minimising, and offers a
// gentler way to say it. It never blocks sending, changes nothing typed, and sends
// nothing anywhere. The wording list is recovery/gentle.py, given to the page as
// JSON (<meta id="gentle-hints">) so the browser and the server read the same entries.
(function () {
  "use strict";
  var data = document.getElementById("gentle-hints");
  if (!data) return;
  var config = JSON.parse(data.content);
  var patterns = config.patterns.map(function (entry) {
    return { key: entry.key, re: new RegExp(entry.source, entry.flags), kind: entry.kind, gentler: entry.gentler };
  });
  var WAIT_MS = 700; // let a sentence finish before saying anything about it

  function firstMatch(text) {
    for (var i = 0; i < patterns.length; i++) {
      if (patterns[i].re.test(text)) return patterns[i];
    }
    return null;
  }

  // The live region exists, empty, before anything is said in it, so screen readers
  // announce it when it fills.
  function regionFor(field) {
    var id = field.id + "-gentle-hint";
    var region = document.getElementById(id);
    if (!region) {
      region = document.createElement("span"); // inside the field's <p>
      region.id = id;
      region.className = "gentle-hint";
      region.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", region);
    }
    return region;
  }

  function show(field) {
    var region = regionFor(field);
    var match = firstMatch(field.value);
    var key = match ? match.key : "";
    if (region.dataset.key === key) return;
    region.dataset.key = key;
    region.textContent = "";
    if (!match) return;
    var lead = document.createElement("strong");
    lead.textContent = config.lead;
    var settings = document.createElement("a");
    settings.href = config.settings_url;
    settings.textContent = config.settings_label;
    region.append(lead, " " + match.kind + " " + match.gentler + " ", settings);
  }

  // The server need not repeat the hint after the form is sent (accounts/hints.py).
  function markForm(form) {
    if (!form || form.querySelector('input[name="' + config.field + '"]')) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = config.field;
    input.value = "1";
    form.append(input);
  }

  function setUp(root) {
    root.querySelectorAll("textarea[data-gentle-hint]").forEach(function (field) {
      markForm(field.form);
      show(field);
    });
  }

  var timers = new WeakMap();
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-gentle-hint]")) return;
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(function () { show(field); }, WAIT_MS));
  });
  document.addEventListener("htmx:load", function (event) { setUp(event.detail.elt); });
  setUp(document);

  // Read-only, for checking in a real browser that it notices what the server does.
  window.gentleHints = Object.freeze({
    match: function (text) { var m = firstMatch(text); return m ? m.key : null; }
  });
})();
