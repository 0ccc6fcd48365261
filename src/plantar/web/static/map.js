// The foot-map explorer: tap, click or keyboard-select a zone or point to see its details.
(function () {
  "use strict";
  var details = JSON.parse(document.getElementById("map-details").textContent);
  var panel = document.getElementById("map-detail");
  // Every word said here comes from the page, in its language: none is kept in this file.
  var words = JSON.parse(document.getElementById("map-words").textContent);
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
    row(words.corresponds, d.corresponds);
    row(words.traditional, d.traditional);
    row(words.region, d.region);
    panel.appendChild(dl);
    // A point: the article's words and the standard location side by side.
    if (d.location || d.who) {
      var where = el("div", null, "side-by-side");
      [[words.article, d.location || words.article_silent],
       [words.standard, d.who || words.no_standard]].forEach(function (p) {
        var box = el("div");
        box.appendChild(el("h3", p[0]));
        box.appendChild(el("p", p[1]));
        where.appendChild(box);
      });
      panel.appendChild(where);
    }
    // An article step that disagrees with the standard: its place and the nearest
    // standard points, drawn side by side.
    if (d.beside && d.beside.length) {
      panel.appendChild(el("h3", words.beside));
      var row = el("div", null, "side-pictures");
      d.beside.forEach(function (b) {
        var fig = el("figure"), img = el("img");
        img.src = b.src; img.alt = b.alt; img.width = 120; img.height = 120;
        var a = el("a", b.caption);
        a.href = b.href;
        var cap = el("figcaption");
        cap.appendChild(a);
        fig.appendChild(img);
        fig.appendChild(cap);
        row.appendChild(fig);
      });
      panel.appendChild(row);
    }
    if (d.disagreement || d.match_note) {
      var dl2 = el("dl", null, "fields");
      dl2.appendChild(el("dt", words.differ));
      dl2.appendChild(el("dd", d.disagreement || d.match_note));
      panel.appendChild(dl2);
    }
    if (d.claims && d.claims.length) {
      panel.appendChild(el("h3", words.evidence_heading));
      var ul = el("ul");
      d.claims.forEach(function (c) {
        var li = el("li");
        var badge = el("span", words.evidence[c.evidence] || c.evidence, "badge badge-" + c.evidence);
        badge.title = c.meaning;
        li.appendChild(el("span", c.text + " "));
        li.appendChild(badge);
        var a = el("a", " " + words.details);
        a.href = "/library/" + encodeURIComponent(c.id);
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(el("p", note, "note"));
    var more = el("a", words.more);
    more.href = "/library/" + encodeURIComponent(id);
    panel.appendChild(more);
    var clear = el("button", words.clear, "secondary clear-selection");
    clear.type = "button";
    clear.addEventListener("click", function () {
      document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
      panel.innerHTML = "";
      panel.appendChild(el("p", words.hint, "hint"));
    });
    panel.appendChild(clear);
    if (window.matchMedia("(max-width: 60rem)").matches) panel.scrollIntoView({ block: "nearest" });
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
  // Filters apply as soon as they change.
  var form = document.querySelector("form[data-auto-apply]");
  if (form) {
    form.querySelectorAll("select, input[type=checkbox]").forEach(function (f) {
      f.addEventListener("change", function () { form.submit(); });
    });
  }

  // A finger-sized map: every zone and point can be hit over at least 24 CSS pixels, zoom
  // with pinch, the wheel or the buttons, pan by dragging once zoomed.
  var NS = "http://www.w3.org/2000/svg", MIN = 24;
  document.querySelectorAll("[data-zoom]").forEach(function (figure) {
    var svg = figure.querySelector("svg");
    if (!svg) return;
    var home = svg.viewBox.baseVal;
    var phone = window.matchMedia("(max-width: 48rem)").matches;
    var panels = svg.querySelectorAll("g.panel");
    // On a phone one view of one foot fills the frame: its labels are said on tap instead.
    if (phone && panels.length === 1) {
      var foot = panels[0].querySelector("path.foot");
      if (foot) {
        var b = foot.getBBox(), m = 10;
        home = { x: b.x - m, y: b.y - m, width: b.width + 2 * m, height: b.height + 2 * m };
        // The frame takes the foot's own shape: a wide side view is not padded with the rest.
        svg.setAttribute("width", String(home.width));
        svg.setAttribute("height", String(home.height));
      }
      figure.classList.add("cropped");
    }
    var view = { x: home.x, y: home.y, width: home.width, height: home.height };
    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].join(" "));
      var zoomed = view.width < home.width - 0.5;
      figure.classList.toggle("zoomed", zoomed);
      hits();
    }
    function zoom(factor, cx, cy) {
      var w = Math.min(home.width, Math.max(home.width / 8, view.width / factor));
      var h = w * home.height / home.width;
      if (cx === undefined) { cx = view.x + view.width / 2; cy = view.y + view.height / 2; }
      var fx = (cx - view.x) / view.width, fy = (cy - view.y) / view.height;
      view = { x: cx - fx * w, y: cy - fy * h, width: w, height: h };
      clamp(); apply();
    }
    function clamp() {
      view.x = Math.min(Math.max(view.x, home.x), home.x + home.width - view.width);
      view.y = Math.min(Math.max(view.y, home.y), home.y + home.height - view.height);
    }
    function toSvg(clientX, clientY) {
      var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
      var q = p.matrixTransform(svg.getScreenCTM().inverse());
      return [q.x, q.y];
    }
    // Invisible hit circles: around each point, and over each zone too small to hit.
    function hits() {
      var ctm = svg.getScreenCTM();
      if (!ctm) return;
      svg.dataset.measured = String(Number(svg.dataset.measured || 0) + 1);
      var r = (MIN / 2) / ctm.a;  // 12 CSS px, in the map's units at this zoom
      svg.querySelectorAll('[data-kind="zone"], [data-kind="point"]').forEach(function (node) {
        var hit = node.querySelector(":scope > circle.hit");
        if (hit) hit.remove();  // measure the shape itself, not its last hit circle
        var shape = node.getBoundingClientRect();
        var small = node.getAttribute("data-kind") === "point" || shape.width < MIN || shape.height < MIN;
        if (!small) return;
        if (!hit) {
          var bb = node.getBBox();
          hit = document.createElementNS(NS, "circle");
          hit.setAttribute("class", "hit");
          hit.setAttribute("cx", bb.x + bb.width / 2);
          hit.setAttribute("cy", bb.y + bb.height / 2);
        }
        hit.setAttribute("r", r);
        node.appendChild(hit);
      });
    }
    figure.querySelector("[data-zoom-in]").addEventListener("click", function () { zoom(1.6); });
    figure.querySelector("[data-zoom-out]").addEventListener("click", function () { zoom(1 / 1.6); });
    figure.querySelector("[data-zoom-reset]").addEventListener("click", function () {
      view = { x: home.x, y: home.y, width: home.width, height: home.height }; apply();
    });
    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !figure.classList.contains("zoomed") && e.deltaY > 0) return;
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 1.25 : 0.8, p[0], p[1]);
    }, { passive: false });
    // Pinch (two pointers) and drag (one, once zoomed); a tap stays a tap.
    var pointers = {}, start = null, moved = false;
    svg.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = [e.clientX, e.clientY];
      moved = false;
      start = { view: Object.assign({}, view), pointers: JSON.parse(JSON.stringify(pointers)) };
    });
    svg.addEventListener("pointermove", function (e) {
      if (!(e.pointerId in pointers) || !start) return;
      pointers[e.pointerId] = [e.clientX, e.clientY];
      var ids = Object.keys(pointers);
      var ctm = svg.getScreenCTM();
      if (ids.length >= 2 && start.pointers[ids[0]] && start.pointers[ids[1]]) {
        var d0 = Math.hypot(start.pointers[ids[0]][0] - start.pointers[ids[1]][0],
                            start.pointers[ids[0]][1] - start.pointers[ids[1]][1]);
        var d1 = Math.hypot(pointers[ids[0]][0] - pointers[ids[1]][0], pointers[ids[0]][1] - pointers[ids[1]][1]);
        if (d0 > 0) {
          var mid = toSvg((pointers[ids[0]][0] + pointers[ids[1]][0]) / 2, (pointers[ids[0]][1] + pointers[ids[1]][1]) / 2);
          view = Object.assign({}, start.view);
          zoom(d1 / d0, mid[0], mid[1]);
          moved = true;
        }
      } else if (figure.classList.contains("zoomed")) {
        var s = start.pointers[e.pointerId];
        if (!s) return;
        var dx = e.clientX - s[0], dy = e.clientY - s[1];
        if (!moved && Math.hypot(dx, dy) < 6) return;
        moved = true;
        view = { x: start.view.x - dx / ctm.a, y: start.view.y - dy / ctm.d, width: view.width, height: view.height };
        clamp(); apply();
      }
    });
    // A sideways swipe of one finger over the whole foot goes to the next or the previous view,
    // as the tabs do (the page scrolls up and down as ever: touch-action pan-y).
    var views = document.querySelectorAll(".map-tabs [data-swipe]");
    function swiped(e) {
      if (!start || e.pointerType === "mouse" || figure.classList.contains("zoomed")) return false;
      var s = start.pointers[e.pointerId];
      if (!s || Object.keys(start.pointers).length !== 1) return false;
      var dx = e.clientX - s[0], dy = e.clientY - s[1];
      if (Math.abs(dx) < 60 || Math.abs(dy) > Math.abs(dx) / 2) return false;
      var at = -1;
      views.forEach(function (a, i) { if (a.getAttribute("aria-current")) at = i; });
      var next = views[at + (dx < 0 ? 1 : -1)];
      if (at < 0 || !next) return false;
      moved = true;
      location.assign(next.href);
      return true;
    }
    svg.addEventListener("pointermove", function (e) {
      // Past a few pixels sideways a finger is swiping, not tapping.
      var s = start && start.pointers[e.pointerId];
      if (s && !figure.classList.contains("zoomed") && Math.abs(e.clientX - s[0]) > 10) moved = true;
    });
    function up(e) {
      if (e.type === "pointerup") swiped(e);
      delete pointers[e.pointerId];
      if (!Object.keys(pointers).length) start = null;
    }
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    // A drag or a pinch is not a tap on what lies under the finger.
    svg.addEventListener("click", function (e) { if (moved) { e.stopPropagation(); e.preventDefault(); moved = false; } }, true);
    apply();
    svg.plantarMeasure = hits;  // for a test that must measure on the layout it sees
    // Re-measured whenever the drawing's size changes (layout settling, rotation, resize).
    if (window.ResizeObserver) new ResizeObserver(function () { hits(); }).observe(svg);
    else window.addEventListener("resize", hits);
  });

  var wanted = new URLSearchParams(location.search).get("select");
  if (wanted) show(wanted);
})();
