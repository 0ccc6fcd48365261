// The foot-map explorer: tap, click or keyboard-select a zone or point to see its details.
(function () {
  "use strict";
  var details = JSON.parse(document.getElementById("map-details").textContent);
  var panel = document.getElementById("map-detail");
  // The small print under every detail: the server's vocabulary, not a copy kept here.
  var note = panel.getAttribute("data-note");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function show(id, node) {
    var d = details[id];
    if (!d) return;
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach(function (n) {
      n.classList.add("selected");
    });
    panel.innerHTML = "";
    panel.appendChild(el("h2", d.title));
    panel.appendChild(el("p", d.chart, "muted"));
    var dl = el("dl", null, "fields");
    function row(k, v) { if (v) { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } }
    row("Said to correspond to", d.corresponds);
    row("Region", d.region);
    row("Where (article)", d.location);
    row("Where (WHO standard)", d.who);
    row("Chart disagreement", d.disagreement || d.match_note);
    panel.appendChild(dl);
    if (d.claims && d.claims.length) {
      panel.appendChild(el("h3", "What the evidence says"));
      var ul = el("ul");
      d.claims.forEach(function (c) {
        var li = el("li");
        var badge = el("span", c.evidence, "badge badge-" + c.evidence);
        badge.title = c.meaning;
        li.appendChild(el("span", c.text + " "));
        li.appendChild(badge);
        var a = el("a", " details");
        a.href = "/library/" + encodeURIComponent(c.id);
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(el("p", note, "note"));
    var more = el("a", "More in the library");
    more.href = "/library/" + encodeURIComponent(id);
    panel.appendChild(more);
  }
  document.querySelectorAll("svg [data-id][data-kind]").forEach(function (node) {
    var kind = node.getAttribute("data-kind");
    if (kind !== "zone" && kind !== "point") return;
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    var t = node.querySelector("title");
    if (t) node.setAttribute("aria-label", t.textContent);
    node.addEventListener("click", function () { show(node.getAttribute("data-id"), node); });
    node.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(node.getAttribute("data-id"), node); }
    });
  });
  // A map with buttons in it is a group of controls, no longer one picture (an image may not
  // hold interactive parts: axe's nested-interactive).
  document.querySelectorAll(".map-figure svg[role=img]").forEach(function (svg) {
    if (svg.querySelector("[role=button]")) svg.setAttribute("role", "group");
  });
  var wanted = new URLSearchParams(location.search).get("select");
  if (wanted) show(wanted);
})();
