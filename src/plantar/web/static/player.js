// The hands-free guided player. It reads the session (steps and spoken cues, computed on the
// server by plantar.guide) from <script id="session-data" type="application/json">, and needs
// no touch once started: a countdown per step, a spoken cue and a soft beep at each change,
// "switch foot" moments, the screen kept awake. ?speed=N runs the clock N times faster (demos,
// tests). Keys: space pause/resume, n next, b back, q stop. What to know first (the plan's
// warnings, a check not done) stands above the stage until Start.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("session-data").textContent);
  var steps = data.steps;
  var speed = Math.max(1, Number(new URLSearchParams(location.search).get("speed")) || 1);
  var $ = function (id) { return document.getElementById(id); };
  var voice = $("voice");
  var index = -1, remaining = 0, paused = true, started = false, finished = false;
  var lastTick = 0, timer = null, wakeLock = null, done = [];
  var startedAt = null, played = 0;  // for "Save to my journal" (practice.js)
  var total = steps.reduce(function (s, x) { return s + x.seconds; }, 0);

  function fmt(sec) {
    sec = Math.max(0, Math.ceil(sec));
    var m = Math.floor(sec / 60), s = sec % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function elapsedBefore(i) {
    var t = 0;
    for (var k = 0; k < i; k++) t += steps[k].seconds;
    return t;
  }
  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      beep.ctx = beep.ctx || new Ctx();
      var ctx = beep.ctx, osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(); osc.stop(ctx.currentTime + 0.3);
    } catch (e) { /* sound is a nicety; the screen still shows everything */ }
  }
  function say(text) {
    $("cue").textContent = text;  // the last cue is always visible (and read by screen readers)
    if (!voice.checked || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    var u = new SpeechSynthesisUtterance(text);
    u.rate = 0.95;
    window.speechSynthesis.speak(u);
  }
  async function keepAwake() {
    try {
      if ("wakeLock" in navigator && !wakeLock) {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", function () { wakeLock = null; });
      }
    } catch (e) { /* not granted: the session still runs */ }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && started && !paused && !finished) keepAwake();
  });

  function show(i, announce) {
    index = i;
    var step = steps[i], next = steps[i + 1];
    remaining = step.seconds;
    $("step-count").textContent = "Step " + (i + 1) + " of " + steps.length;
    $("step-title").textContent = step.title;
    $("step-foot").textContent = step.foot_label || "";
    $("step-instruction").textContent = step.instruction;
    $("step-next").textContent = next ? "Next: " + next.title : "Last step";
    var demo = $("demo");
    if (step.demo) { demo.src = step.demo; demo.alt = "How to do it: " + step.title; demo.hidden = false; }
    else { demo.hidden = true; demo.removeAttribute("src"); }
    var sw = $("switch-foot");
    sw.hidden = !step.switch_foot;
    if (step.switch_foot) sw.textContent = step.switch_foot;
    render();
    if (announce) { beep(); say(step.cue || (step.title + ". " + step.instruction)); }
  }
  function render() {
    $("countdown").textContent = fmt(remaining);
    var spent = elapsedBefore(index) + (steps[index].seconds - remaining);
    var bar = $("progress");
    bar.max = total; bar.value = spent;
    bar.setAttribute("aria-valuetext", fmt(spent) + " of " + fmt(total));
    $("pause").textContent = paused ? (started ? "Resume" : "Start") : "Pause";
    $("pause").setAttribute("aria-pressed", paused ? "false" : "true");
  }
  function tick(now) {
    if (paused || finished) return;
    var dt = (now - lastTick) / 1000 * speed;
    lastTick = now;
    remaining -= dt;
    played += dt;
    if (remaining <= 0) {
      done.push(index);
      if (index + 1 < steps.length) show(index + 1, true); else return finish();
    }
    render();
    timer = requestAnimationFrame(tick);
  }
  function play() {
    if (finished) return;
    if (!started) { startedAt = new Date().toISOString(); }
    if (!started) {
      started = true; show(0, true); document.body.classList.add("running");
      // The warnings and safety notes were read before Start; the stage now has the screen.
      var before = $("before-start");
      if (before) { before.hidden = true; $("stage").scrollIntoView({ block: "start" }); }
    }
    paused = false; lastTick = performance.now(); keepAwake();
    timer = requestAnimationFrame(tick); render();
  }
  function pause() {
    paused = true; if (timer) cancelAnimationFrame(timer);
    if (wakeLock) { wakeLock.release(); wakeLock = null; }
    render();
  }
  function toggle() { if (paused) play(); else pause(); }
  function go(delta) {
    if (!started || finished) return;
    var target = index + delta;
    if (target < 0) target = 0;
    if (target >= steps.length) { done.push(index); return finish(); }
    if (delta > 0) done.push(index);
    show(target, true);
    if (!paused) lastTick = performance.now();
  }
  function finish() {
    finished = true; paused = true;
    if (timer) cancelAnimationFrame(timer);
    if (wakeLock) { wakeLock.release(); wakeLock = null; }
    document.body.classList.remove("running");
    $("stage").hidden = true;
    var end = $("finished");
    end.hidden = false;
    $("summary").textContent = "You did " + new Set(done).size + " of " + steps.length + " steps.";
    beep();
    say(data.farewell || "Well done. Rest now.");
    document.dispatchEvent(new CustomEvent("plantar:finished", { detail: {
      startedAt: startedAt, seconds: played, done: new Set(done).size, steps: steps.length } }));
    end.focus();
  }
  $("pause").addEventListener("click", toggle);
  $("next").addEventListener("click", function () { go(1); });
  $("back").addEventListener("click", function () { go(-1); });
  $("stop").addEventListener("click", function () { if (started) finish(); });
  document.addEventListener("keydown", function (e) {
    // Keys belong to the player unless a person is typing into a field.
    var t = e.target;
    if (t && (t.tagName === "SELECT" || t.tagName === "TEXTAREA" ||
        (t.tagName === "INPUT" && !/^(checkbox|radio|button|submit)$/.test(t.type)))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === " " || e.key === "Spacebar") { e.preventDefault(); toggle(); }
    else if (e.key === "n") go(1);
    else if (e.key === "b") go(-1);
    else if (e.key === "q" && started) finish();
  });
  window.plantarPlayer = { state: function () {
    return { index: index, started: started, paused: paused, finished: finished, done: done.length };
  } };
})();
