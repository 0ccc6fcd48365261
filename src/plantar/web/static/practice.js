// The practice journal's small enhancements; every page works without them.
// 1. Times are printed in UTC by the server; show them in the reader's own time zone.
// 2. Foot chart: tapping a region or zone on the map picks it (and its foot) in the form.
// 3. Guided player: "Save to my journal" at the end, for a logged-in person.
// 4. Signing asked to confirm: bring the question into view, its button in focus.
(function () {
  "use strict";

  function localTimes() {
    document.querySelectorAll("time[data-local]").forEach(function (t) {
      var when = new Date(t.getAttribute("datetime"));
      if (isNaN(when)) return;
      t.title = t.textContent;
      // In the page's language (the server's words are in it), the reader's time zone.
      t.textContent = when.toLocaleString(document.documentElement.lang || undefined, {
        day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit"
      });
    });
  }

  function chartPicker() {
    var map = document.querySelector("[data-chart-map]");
    var select = document.querySelector("[data-chart-target]");
    if (!map || !select) return;
    var pickable = map.querySelectorAll('[data-kind="region"], [data-kind="zone"]');
    function pick(node) {
      var id = node.getAttribute("data-id"), foot = node.getAttribute("data-foot");
      if (!select.querySelector('option[value="' + CSS.escape(id) + '"]')) return;
      select.value = id;
      document.querySelectorAll("[data-chart-side]").forEach(function (radio) {
        radio.checked = radio.value === foot;
      });
      map.querySelectorAll(".picked").forEach(function (n) { n.classList.remove("picked"); });
      node.classList.add("picked");
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    pickable.forEach(function (node) {
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      var name = node.querySelector("title");
      var pattern = map.getAttribute("data-pick-" + node.getAttribute("data-foot"));
      if (name && pattern) node.setAttribute("aria-label", pattern.replace("{name}", name.textContent));
      node.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(node); }
      });
    });
    map.addEventListener("click", function (e) {
      // Zones lie over their region: the innermost mark under the finger wins.
      var node = e.target.closest('[data-kind="zone"], [data-kind="region"]');
      if (node && map.contains(node)) pick(node);
    });
  }

  function journal() {
    var box = document.querySelector("[data-journal]");
    if (!box) return;
    var finished = null, csrf = null;
    var status = box.querySelector("[data-journal-status]");
    var words = JSON.parse(box.getAttribute("data-words") || "{}");  // the page's language
    function number(name) {
      var v = box.querySelector('[name="' + name + '"]').value.trim();
      return v === "" ? null : Number(v);
    }
    document.addEventListener("plantar:finished", function (e) {
      finished = e.detail;
      fetch("/api/v1/me", { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) return null;
        return r.json();
      }).then(function (me) {
        if (!me) return;  // not logged in: the session is kept on this device only
        csrf = me.csrf_token;
        box.setAttribute("data-logged-in", "");
      }).catch(function () { /* offline: nothing to offer */ });
    });
    box.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      if (!finished || !csrf) return;
      var body = {
        started_at: finished.startedAt,
        duration_seconds: Math.max(1, Math.round(finished.seconds)),
        plan_request: JSON.parse(box.getAttribute("data-plan-request")),
        pain_before: number("pain_before"),
        pain_after: number("pain_after"),
        note: box.querySelector('[name="note"]').value
      };
      status.textContent = words.saving;
      fetch("/api/v1/journal", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; });
      }).then(function (res) {
        if (res.ok) {
          status.innerHTML = "";
          status.append(words.saved + " ");
          var a = document.createElement("a");
          a.href = "/practice/journal"; a.textContent = words.see;
          status.append(a);
          box.querySelector("button[type=submit]").disabled = true;
        } else {
          status.textContent = res.data.detail || words.failed;
        }
      }).catch(function () { status.textContent = words.offline; });
    });
  }

  function confirmSign() {
    var box = document.getElementById("confirm-sign");
    if (!box) return;
    box.scrollIntoView({ block: "center" });
    var button = box.querySelector("button");
    if (button) button.focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
    chartPicker();
    journal();
    confirmSign();
  });
})();
