// Remembered settings live in the browser only (localStorage): contrast, minutes, voice.
// Its few words come from the page (<script id="prefs-words">, in the page's language).
(function () {
  "use strict";
  var root = document.documentElement;
  function words() {
    var block = document.getElementById("prefs-words");
    return block ? JSON.parse(block.textContent) : {};
  }
  // A pattern's holes filled: fill("Step {number} of {count}", {number: 1, count: 9}).
  function fill(pattern, values) {
    return String(pattern || "").replace(/\{(\w+)\}/g, function (hole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : hole;
    });
  }
  // The form of a count's sentence for n (forms keyed by the page language's plural category).
  var plurals = window.Intl && Intl.PluralRules
    ? new Intl.PluralRules(root.lang || "en") : null;
  function plural(forms, n) {
    var category = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    return forms[category] || forms.other;
  }
  // For the page's other scripts (player.js, journal.js): this script runs before them.
  window.plantarWords = { fill: fill, plural: plural };
  function apply() {
    var high = localStorage.getItem("plantar.contrast") === "high";
    if (high) root.setAttribute("data-contrast", "high"); else root.removeAttribute("data-contrast");
    document.querySelectorAll("[data-toggle-contrast]").forEach(function (b) {
      b.setAttribute("aria-pressed", high ? "true" : "false");
    });
  }
  apply();
  // Installable and offline: the service worker keeps the app's pages, the library and the
  // last plans (browsers allow it on https and on this computer's own address only).
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    // The offline page lists the plans kept on this device.
    var kept = document.querySelector("[data-kept-plans]");
    if (kept && window.caches) {
      var said = words();
      caches.keys().then(function (names) {
        var name = names.filter(function (n) { return n.indexOf("plantar-plans-") === 0; })[0];
        return name ? caches.open(name).then(function (c) { return c.keys(); }) : [];
      }).then(function (requests) {
        requests.reverse().forEach(function (r) {
          var url = new URL(r.url);
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = url.pathname + url.search;
          var what = new URLSearchParams(url.search).getAll("goals").concat(
            new URLSearchParams(url.search).getAll("routine")).join(", ");
          a.textContent = fill(url.pathname === "/player" ? said.kept_session : said.kept_plan, { what: what });
          li.appendChild(a);
          kept.appendChild(li);
        });
        if (requests.length) kept.hidden = false;
      });
    }
    apply();
    // The menu stands open in the header's line on a wide screen, folded on a phone; a tap
    // outside or Escape folds it again.
    var menu = document.querySelector("[data-menu]");
    if (menu) {
      var wide = window.matchMedia("(min-width: 48rem)");
      var fit = function () { menu.open = wide.matches; };
      fit();
      wide.addEventListener("change", fit);
      document.addEventListener("click", function (e) {
        if (!wide.matches && menu.open && !menu.contains(e.target)) menu.open = false;
      });
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && !wide.matches && menu.open) {
          menu.open = false; menu.querySelector("summary").focus();
        }
      });
    }
    // Buttons marked data-print print the page (no inline handlers: the CSP forbids them).
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-toggle-contrast]").forEach(function (b) {
      b.addEventListener("click", function () {
        var high = localStorage.getItem("plantar.contrast") === "high";
        localStorage.setItem("plantar.contrast", high ? "normal" : "high");
        apply();
      });
    });
    // The plan's print and PDF stay complete: folded details open for printing, and fold
    // again after.
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details[data-print-open]:not([open])").forEach(function (d) {
        d.open = true; opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; }); opened = [];
    });
    // Minutes: a preset or a typed number, never both (a typed number clears the preset, a
    // preset clears the number); the last length used is offered again next time.
    document.querySelectorAll("[data-minutes]").forEach(function (box) {
      var typed = box.querySelector("input[type=number]");
      var presets = box.querySelectorAll("input[type=radio]");
      var remembered = localStorage.getItem("plantar.minutes");
      if (remembered !== null && !typed.dataset.fromServer) {
        var preset = box.querySelector("input[type=radio][value='" + CSS.escape(remembered) + "']");
        if (preset) { preset.checked = true; typed.value = ""; }
        else { presets.forEach(function (r) { r.checked = false; }); typed.value = remembered; }
      }
      typed.addEventListener("input", function () {
        if (typed.value) presets.forEach(function (r) { r.checked = false; });
        localStorage.setItem("plantar.minutes", typed.value);
      });
      presets.forEach(function (r) {
        r.addEventListener("change", function () {
          if (r.checked) { typed.value = ""; localStorage.setItem("plantar.minutes", r.value); }
        });
      });
    });
    // A screen of questions: once something is ticked, "None of these" steps aside (a tap
    // on it would drop the ticks) and Next becomes the main button.
    document.querySelectorAll("form[data-ticks]").forEach(function (f) {
      var sync = function () {
        f.classList.toggle("has-ticks", !!f.querySelector("input[type=checkbox]:checked"));
      };
      f.addEventListener("change", sync);
      sync();
    });
    // Inputs marked data-remember keep their last value across visits.
    document.querySelectorAll("[data-remember]").forEach(function (el) {
      var key = "plantar." + el.getAttribute("data-remember");
      var saved = localStorage.getItem(key);
      if (saved !== null && !el.dataset.fromServer) {
        if (el.type === "checkbox") el.checked = saved === "true"; else el.value = saved;
      }
      el.addEventListener("change", function () {
        localStorage.setItem(key, el.type === "checkbox" ? String(el.checked) : el.value);
      });
    });
  });
})();
