// The home journal, kept in this browser only (localStorage "plantar.journal"): each finished
// guided session with pain before and after (0-10) and a note; a course is a number of
// sessions of one plan ("session 3 of 10"). The journal page (/journal) lists, charts,
// exports (CSV, JSON) and restores it. A logged-in practice account also gets the session
// (practice.js); this works without one, and offline.
//
// Its words come from the page (<script id="journal-words">, in the page's language):
// patterns with named holes ("{number}") and, for a count, its plural forms keyed by the
// categories of Intl.PluralRules (English one/other; Russian one/few/many).
(function () {
  "use strict";
  var KEY = "plantar.journal";
  var COURSES = "plantar.courses";
  var wordsBlock = document.getElementById("journal-words");
  var W = wordsBlock ? JSON.parse(wordsBlock.textContent) : null;
  var lang = document.documentElement.lang || "en";
  var fill = window.plantarWords.fill, plural = window.plantarWords.plural;  // prefs.js

  function read(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (e) { return fallback; }
  }
  function write(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
  function entries() {
    var all = read(KEY, []);
    return Array.isArray(all) ? all.filter(valid) : [];
  }
  function score(v) { return v === null || (Number.isInteger(v) && v >= 0 && v <= 10); }
  function valid(e) {
    return e && typeof e.id === "string" && typeof e.at === "string" && !isNaN(Date.parse(e.at)) &&
      typeof e.title === "string" && typeof e.plan === "string" && score(e.before) &&
      score(e.after) && typeof e.note === "string";
  }
  // One entry per session (its start time and plan): saving twice changes it, never doubles.
  function save(entry) {
    var all = entries().filter(function (e) { return e.id !== entry.id; });
    all.push(entry);
    all.sort(function (a, b) { return a.at < b.at ? -1 : 1; });
    write(KEY, all);
  }
  function courses() { var c = read(COURSES, {}); return c && typeof c === "object" ? c : {}; }
  // Which session of its plan an entry is, and of how many when a course is set.
  function progress(entry, all) {
    var same = all.filter(function (e) { return e.plan === entry.plan && e.at <= entry.at; });
    var length = courses()[entry.plan];
    return length ? fill(W.session_of_course, { number: same.length, count: length })
      : fill(W.session_of_plan, { number: same.length });
  }
  window.plantarJournal = { entries: entries, save: save, progress: progress };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  // Dates as the browser's own locale writes them when it is of the page's language (an
  // English page keeps en-GB or en-US), else as the page's language does.
  var locale = (navigator.language || "").split("-")[0].toLowerCase() === lang.split("-")[0].toLowerCase()
    ? [] : [lang];
  function when(iso) {
    return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  }

  // The player's end screen: save this session here.
  function playerForm() {
    var box = document.querySelector("[data-journal]");
    if (!box) return;
    var form = box.querySelector("form");
    var status = box.querySelector("[data-journal-local]");
    var finished = null;
    document.addEventListener("plantar:finished", function (e) { finished = e.detail; box.hidden = false; });
    function number(name) {
      var v = form.querySelector('[name="' + name + '"]').value.trim();
      return v === "" ? null : Number(v);
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!finished) return;
      var started = finished.startedAt ? new Date(finished.startedAt) : new Date();
      var entry = {
        id: started.toISOString() + " " + location.search,
        at: started.toISOString(),
        title: box.getAttribute("data-title") || W.guided_session,
        plan: location.search.replace(/[?&](speed|lang)=[^&]*/g, ""),  // one plan in any language
        seconds: Math.max(1, Math.round(finished.seconds || 0)),
        done: finished.done, steps: finished.steps,
        before: number("pain_before"), after: number("pain_after"),
        note: form.querySelector('[name="note"]').value
      };
      if (!valid(entry)) { status.textContent = W.pain_range; return; }
      save(entry);
      status.innerHTML = "";
      var said = progress(entry, entries());  // inside a sentence: its first letter small
      status.append(fill(W.saved, { progress: said.charAt(0).toLocaleLowerCase(lang) + said.slice(1) }) + " ");
      var a = el("a", box.hasAttribute("data-logged-in") ? W.journal_here : W.see_journal);
      a.href = "/journal";
      status.append(a);
    });
  }

  // The journal page.
  function chart(all) {
    var rated = all.filter(function (e) { return e.before !== null || e.after !== null; });
    var ns = "http://www.w3.org/2000/svg", w = 320, h = 160, pad = 24;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", W.chart_label);
    function line(x1, y1, x2, y2, cls) {
      var l = document.createElementNS(ns, "line");
      l.setAttribute("x1", x1); l.setAttribute("y1", y1); l.setAttribute("x2", x2); l.setAttribute("y2", y2);
      l.setAttribute("class", cls); svg.appendChild(l);
    }
    function label(x, y, text) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", x); t.setAttribute("y", y); t.textContent = text; t.setAttribute("class", "axis");
      svg.appendChild(t);
    }
    [0, 5, 10].forEach(function (v) {
      var y = h - pad - v * (h - 2 * pad) / 10;
      line(pad, y, w - 8, y, "grid"); label(2, y + 4, String(v));
    });
    var step = rated.length > 1 ? (w - pad - 16) / (rated.length - 1) : 0;
    ["before", "after"].forEach(function (key) {
      var points = rated.map(function (e, i) {
        return e[key] === null ? null : [pad + 8 + i * step, h - pad - e[key] * (h - 2 * pad) / 10];
      }).filter(Boolean);
      if (!points.length) return;
      var path = document.createElementNS(ns, "polyline");
      path.setAttribute("points", points.map(function (p) { return p.join(","); }).join(" "));
      path.setAttribute("class", "series-" + key);
      svg.appendChild(path);
      points.forEach(function (p) {
        var c = document.createElementNS(ns, "circle");
        c.setAttribute("cx", p[0]); c.setAttribute("cy", p[1]); c.setAttribute("r", 3.5);
        c.setAttribute("class", "series-" + key); svg.appendChild(c);
      });
    });
    return svg;
  }

  function csv(all) {
    var head = W.csv_columns;  // the columns' names, in the page's language
    function cell(v) {
      var s = v === null || v === undefined ? "" : String(v);
      return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    // A byte-order mark first: a spreadsheet then reads the file as UTF-8 (Cyrillic names).
    return String.fromCharCode(0xfeff) + [head.join(",")].concat(all.map(function (e) {
      return [e.at, e.plan, e.title, e.seconds, e.done, e.steps, e.before, e.after, e.note].map(cell).join(",");
    })).join("\r\n") + "\r\n";
  }
  function download(name, type, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }

  function page() {
    var root = document.querySelector("[data-home-journal]");
    if (!root) return;
    var list = root.querySelector("[data-entries]");
    var empty = root.querySelector("[data-empty]");
    var figure = root.querySelector("[data-chart]");
    var status = root.querySelector("[data-journal-page-status]");
    function render() {
      var all = entries();
      list.innerHTML = ""; figure.innerHTML = "";
      empty.hidden = all.length > 0;
      root.querySelectorAll("[data-needs-entries]").forEach(function (n) { n.hidden = !all.length; });
      if (!all.length) return;
      figure.appendChild(chart(all));
      var plans = {};
      all.slice().reverse().forEach(function (e) {
        var li = el("li", null, "entry");
        li.appendChild(el("strong", when(e.at)));
        li.appendChild(document.createTextNode(" · "));
        var a = el("a", e.title); a.href = "/plan" + e.plan; li.appendChild(a);
        var parts = [progress(e, all), fill(plural(W.steps_done, e.steps), { done: e.done, count: e.steps }),
          fill(W.minutes, { minutes: Math.round(e.seconds / 60) })];
        if (e.before !== null || e.after !== null) {
          parts.push(fill(W.pain, { before: e.before === null ? "–" : e.before,
            after: e.after === null ? "–" : e.after }));
        }
        li.appendChild(el("p", parts.join(" · ")));
        if (e.note) li.appendChild(el("p", e.note, "note-text"));
        var del = el("button", W.delete, "secondary small");
        del.type = "button";
        del.setAttribute("aria-label", fill(W.delete_label, { when: when(e.at) }));
        del.addEventListener("click", function () {
          write(KEY, entries().filter(function (x) { return x.id !== e.id; })); render();
        });
        li.appendChild(del);
        list.appendChild(li);
        plans[e.plan] = e.title;
      });
      var box = root.querySelector("[data-courses]");
      box.innerHTML = "";
      Object.keys(plans).forEach(function (plan) {
        var label = el("label", fill(W.course_label, { title: plans[plan] }) + " ", "field");
        var input = el("input");
        input.type = "number"; input.min = "1"; input.max = "100"; input.inputMode = "numeric";
        input.value = courses()[plan] || "";
        input.addEventListener("change", function () {
          var c = courses(), n = Number(input.value);
          if (input.value === "") delete c[plan];
          else if (Number.isInteger(n) && n >= 1 && n <= 100) c[plan] = n;
          else { status.textContent = W.course_range; return; }
          write(COURSES, c); status.textContent = ""; render();
        });
        label.appendChild(input);
        box.appendChild(label);
      });
    }
    root.querySelector("[data-export-csv]").addEventListener("click", function () {
      download("plantar-journal.csv", "text/csv", csv(entries()));
    });
    root.querySelector("[data-export-json]").addEventListener("click", function () {
      download("plantar-journal.json", "application/json",
        JSON.stringify({ journal: entries(), courses: courses() }, null, 1));
    });
    root.querySelector("[data-import]").addEventListener("change", function (ev) {
      var file = ev.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var data = JSON.parse(text);
        var got = Array.isArray(data.journal) ? data.journal : [];
        var bad = got.filter(function (e) { return !valid(e); }).length;
        if (bad || !got.length) {
          var refused = new Error(fill(W.not_entries, { bad: bad, count: got.length }));
          refused.plantar = true;
          throw refused;
        }
        got.forEach(save);
        if (data.courses && typeof data.courses === "object") write(COURSES, Object.assign(courses(), data.courses));
        status.textContent = fill(plural(W.restored, got.length), { count: got.length });
        render();
      }).catch(function (err) {
        // The browser's own reason (not JSON, not readable) is in English whatever the page's
        // language: an English page shows it, as it always has; another says its own words.
        var own = err && err.plantar;
        var reason = own ? err.message
          : (lang.split("-")[0] === "en" && err && err.message) || W.not_journal;
        status.textContent = fill(W.nothing_restored, { reason: reason });
      });
      ev.target.value = "";
    });
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!W) return;  // a page that gives it no words shows nothing of it
    playerForm(); page();
  });
})();
