// The hands-free guided player. It reads the session (steps, short spoken cues, the foot
// changes, computed on the server by plantar.guide) from <script id="session-data">, and
// needs no touch once started.
//
// Time is the wall clock: the session's position is worked out from Date.now() at each tick,
// so a background tab or a locked screen (where timers slow or stop) finds the right step on
// its return, speaking only that one. The timeline holds the plan's steps and two kinds of
// hold that are not part of the plan's time: a "get ready" countdown before the first step and
// a pause at each change of foot (its length picked before Start). Stop, q and leaving the
// page ask first. Headphone and lock-screen buttons reach it through the Media Session API
// (a silent loop keeps the page the active media session). ?speed=N runs the clock N times
// faster (demos, tests). Keys: space pause/resume, n next, b back, q stop.
//
// Every word it shows or says comes from the page (<script id="player-words">, made by the
// template in the page's language): sentences with numbers are patterns with named holes
// ("{number}"), and a count's sentence comes in its plural forms, keyed by the categories of
// Intl.PluralRules for the page's language (English one/other; Russian one/few/many).
// Speech: an English page speaks with the browser's default voice, as it always has; a page
// in another language (words.speech_lang, "ru-RU") speaks only with a voice of that language,
// and says on screen (#no-voice) when the browser has none, rather than read Russian in an
// English voice.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("session-data").textContent);
  var steps = data.steps;
  if (!steps.length) return;
  var W = JSON.parse(document.getElementById("player-words").textContent);
  var fill = window.plantarWords.fill, plural = window.plantarWords.plural;  // prefs.js
  var speed = Math.max(1, Number(new URLSearchParams(location.search).get("speed")) || 1);
  var $ = function (id) { return document.getElementById(id); };
  var voice = $("voice"), readSteps = $("read-steps");

  var slots = [];          // {kind: "ready" | "switch" | "step", step, seconds, start}
  var timelineLength = 0;
  var started = false, paused = true, finished = false;
  var pos = 0;             // session seconds into the timeline while paused
  var anchor = null;       // {wall, pos} while running
  var current = -1;        // the slot on screen
  var timer = null, wakeLock = null;
  var done = new Set(), skipped = new Set();
  var startedAt = null, played = 0, playedFrom = null;

  function build(switchPause) {
    slots = [];
    var t = 0;
    function add(kind, step, seconds) {
      if (seconds <= 0) return;
      slots.push({ kind: kind, step: step, seconds: seconds, start: t });
      t += seconds;
    }
    add("ready", 0, data.ready_seconds);
    steps.forEach(function (s, i) {
      if (s.foot_call && i > 0) add("switch", i, switchPause);
      add("step", i, s.seconds);
    });
    timelineLength = t;
  }

  function now() { return Date.now(); }
  function position() {
    if (!anchor) return pos;
    return Math.min(timelineLength, anchor.pos + (now() - anchor.wall) / 1000 * speed);
  }
  function slotAt(p) {
    for (var k = 0; k < slots.length; k++) if (p < slots[k].start + slots[k].seconds) return k;
    return slots.length;
  }
  function firstSlotOf(step) {
    for (var k = 0; k < slots.length; k++) if (slots[k].step === step) return k;
    return slots.length;
  }

  function fmt(sec) {
    sec = Math.max(0, Math.ceil(sec));
    var m = Math.floor(sec / 60), s = sec % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
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
  // The voice: none to choose on an English page (the browser's default speaks, as before);
  // else the best of the browser's voices in the page's language, looked for again whenever
  // the browser's list changes (it loads after the page, "voiceschanged"). Until a list has
  // come (or a second and a half has passed) nothing is said on screen about it.
  var speechLang = W.speech_lang || "";
  var synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  var spokenVoice = null;
  function tag(v) { return String(v || "").replace(/_/g, "-").toLowerCase(); }
  function pickVoice() {
    if (!speechLang || !synth) return null;
    var want = tag(speechLang), base = want.split("-")[0];
    var same = synth.getVoices().filter(function (v) {
      var t = tag(v.lang);
      return t === base || t.indexOf(base + "-") === 0;
    });
    // The page's own region first ("ru-RU"), then a voice on this device (it speaks offline),
    // then the browser's default.
    function rank(v) {
      return (tag(v.lang) === want ? 4 : 0) + (v.localService ? 2 : 0) + (v["default"] ? 1 : 0);
    }
    same.sort(function (a, b) { return rank(b) - rank(a); });
    return same[0] || null;
  }
  function noVoice(show) {
    var note = $("no-voice");
    if (note) note.hidden = !show;
  }
  function findVoice(final) {
    if (!speechLang) return;
    spokenVoice = pickVoice();
    if (spokenVoice) noVoice(false);
    else if (final || !synth || synth.getVoices().length) noVoice(true);
  }
  if (speechLang) {
    findVoice(false);
    if (synth) {
      if (synth.addEventListener) synth.addEventListener("voiceschanged", function () { findVoice(true); });
      else synth.onvoiceschanged = function () { findVoice(true); };
    }
    setTimeout(function () { findVoice(true); }, 1500);
  }
  function say(text) {
    $("cue").textContent = text;  // the last cue is always in the page (and screen readers)
    if (!voice.checked || !synth) return;
    if (speechLang && !spokenVoice) return;  // no voice of the page's language: shown only
    synth.cancel();
    var u = new SpeechSynthesisUtterance(text);
    if (spokenVoice) { u.voice = spokenVoice; u.lang = speechLang; }
    u.rate = 0.95;
    synth.speak(u);
  }
  async function keepAwake() {
    try {
      if ("wakeLock" in navigator && !wakeLock) {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", function () { wakeLock = null; });
      }
    } catch (e) { /* not granted: the session still runs */ }
  }
  function letSleep() { if (wakeLock) { wakeLock.release(); wakeLock = null; } }
  var keepalive = $("keepalive");
  function media(playing) {
    try {
      if (playing) { var p = keepalive.play(); if (p && p.catch) p.catch(function () {}); }
      else keepalive.pause();
    } catch (e) { /* no audio output: the buttons on screen still work */ }
    if ("mediaSession" in navigator) navigator.mediaSession.playbackState = playing ? "playing" : "paused";
  }

  // What a slot shows and says.
  function words(k) {
    var slot = slots[k], step = steps[slot.step];
    if (slot.kind === "ready") {
      return { title: W.starting_in, text: W.settle_in,
        say: fill(plural(W.starting_in_say, data.ready_seconds), { n: data.ready_seconds }), foot: "" };
    }
    if (slot.kind === "switch") {
      return { title: step.foot_title,
        text: step.switch_foot, say: step.foot_call, foot: step.foot_label };
    }
    var lead = "";
    // With no pause at the change of foot, the step's own cue says it.
    if (step.foot_call && !(k > 0 && slots[k - 1].kind === "switch")) lead = step.foot_call + " ";
    return { title: step.title, text: step.instruction, foot: step.foot_label,
      say: lead + step.cue + (readSteps.checked ? " " + step.instruction : "") };
  }

  function enter(k, announce) {
    current = k;
    var slot = slots[k], w = words(k), step = steps[slot.step];
    var holding = slot.kind !== "step";
    $("stage").classList.toggle("holding", holding);
    $("step-count").textContent = fill(W.step_count, { number: slot.step + 1, count: steps.length });
    var foot = $("step-foot");
    foot.hidden = !w.foot; foot.textContent = w.foot;
    foot.className = "foot-badge foot-" + step.foot;
    $("step-title").textContent = w.title;
    $("step-instruction").textContent = w.text;
    var sw = $("switch-foot");
    sw.hidden = slot.kind !== "switch";
    sw.textContent = slot.kind === "switch" ? W.change_feet : "";
    var next = holding ? step : steps[slot.step + 1];
    $("step-next").textContent = next ? fill(W.next_step, { step: next.heading }) : W.last_step;
    var demo = $("demo");
    if (!holding && step.demo) {
      demo.src = step.demo; demo.alt = fill(W.how_to, { step: step.title }); demo.hidden = false;
    } else { demo.hidden = true; demo.removeAttribute("src"); }
    if ("mediaSession" in navigator && window.MediaMetadata) {
      navigator.mediaSession.metadata = new MediaMetadata({
        title: w.title, artist: "plantar", album: data.title });
    }
    if (announce) { beep(); say(w.say); }
    render();
  }

  function render() {
    var p = position();
    if (current >= 0 && current < slots.length) {
      var slot = slots[current];
      $("countdown").textContent = fmt(slot.start + slot.seconds - p);
    }
    var bar = $("progress");
    bar.max = timelineLength; bar.value = p;
    bar.setAttribute("aria-valuetext", fill(W.progress, { position: fmt(p), total: fmt(timelineLength) }));
    var label = paused ? (started ? W.resume : W.start) : W.pause;
    $("pause").textContent = label;
    $("pause").setAttribute("aria-pressed", paused ? "false" : "true");
    document.body.classList.toggle("paused", started && paused);
  }

  function markPlayed(from, to) {
    // Step slots wholly passed between two positions are done.
    for (var k = from; k < to && k < slots.length; k++) {
      if (slots[k].kind === "step") { done.add(slots[k].step); skipped.delete(slots[k].step); }
    }
  }

  function tick() {
    if (paused || finished) return;
    var p = position();
    var k = slotAt(p);
    if (playedFrom !== null) { played += (p - playedFrom); }
    playedFrom = p;
    if (k !== current) {
      markPlayed(current, k);
      if (k >= slots.length) return finish();
      enter(k, true);  // after time away, only the step it is now is spoken
    } else {
      render();
    }
  }

  function run() {
    anchor = { wall: now(), pos: pos };
    playedFrom = pos;
    paused = false;
    if (!timer) timer = setInterval(tick, 250);
    keepAwake(); media(true); render();
  }
  function hold() {
    pos = position(); anchor = null;
    if (playedFrom !== null) { played += pos - playedFrom; playedFrom = null; }
    paused = true;
    letSleep(); media(false); render();
  }

  function begin() {
    findVoice(false);  // a browser may list its voices only once the page has been used
    var pause = Number($("switch-pause").value);
    build(isFinite(pause) && pause >= 0 ? pause : 0);
    started = true; startedAt = new Date().toISOString();
    document.body.classList.add("running");
    $("before-start").hidden = true;
    $("stage").hidden = false;
    $("back").disabled = false; $("next").disabled = false;
    window.scrollTo(0, 0);
    pos = 0; run(); enter(0, true);
  }
  function play() {
    if (finished) return;
    if (!started) return begin();
    run();
  }
  function toggle() { if (paused) play(); else hold(); }

  function jumpTo(k) {
    var p = k < slots.length ? slots[k].start : timelineLength;
    if (anchor) { played += position() - playedFrom; anchor = { wall: now(), pos: p }; playedFrom = p; }
    pos = p;
    if (k >= slots.length) return finish();
    enter(k, true);
  }
  function go(delta) {
    if (!started || finished) return;
    var slot = slots[current];
    if (delta > 0) {
      if (slot.kind !== "step") return jumpTo(current + 1);  // a hold: on to its step
      if (!done.has(slot.step)) skipped.add(slot.step);
      var next = slot.step + 1;
      return jumpTo(next >= steps.length ? slots.length : firstSlotOf(next));
    }
    // Back restarts a step a few seconds in, as the terminal player does; else the one before.
    if (slot.kind === "step" && position() - slot.start > data.back_restarts_after) {
      return jumpTo(current);
    }
    var back = Math.max(0, slot.step - 1);
    skipped.delete(back);
    jumpTo(firstSlotOf(back));
  }

  var dialog = $("confirm-stop");
  function askStop() {
    if (!started || finished) return;
    if (dialog.open) return;
    if (dialog.showModal) dialog.showModal(); else if (confirm(W.confirm_stop)) finish();
  }
  $("keep-going").addEventListener("click", function () { dialog.close(); });
  $("end-now").addEventListener("click", function () {
    dialog.close();
    var slot = slots[current];
    if (slot && slot.kind === "step" && !done.has(slot.step)) skipped.add(slot.step);
    finish();
  });

  function finish() {
    if (finished) return;
    if (anchor) { pos = position(); if (playedFrom !== null) played += pos - playedFrom; }
    finished = true; paused = true; anchor = null; playedFrom = null;
    if (timer) { clearInterval(timer); timer = null; }
    letSleep(); media(false);
    if ("mediaSession" in navigator) navigator.mediaSession.playbackState = "none";
    document.body.classList.remove("running", "paused");
    document.body.classList.add("finished");
    $("stage").hidden = true;
    var end = $("finished");
    end.hidden = false;
    $("summary").textContent = fill(plural(W.summary, steps.length), { done: done.size, count: steps.length });
    beep();
    say(data.farewell || W.farewell);
    document.dispatchEvent(new CustomEvent("plantar:finished", { detail: {
      startedAt: startedAt, seconds: played, done: done.size, steps: steps.length } }));
    end.focus();
  }

  // Leaving mid-session asks first (the browser's own question).
  window.addEventListener("beforeunload", function (e) {
    if (started && !finished) { e.preventDefault(); e.returnValue = ""; }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    tick();  // catch up at once with the wall clock
    if (started && !paused && !finished) keepAwake();
  });

  if ("mediaSession" in navigator) {
    var actions = {
      play: function () { if (paused) play(); },
      pause: function () { if (!paused) hold(); },
      nexttrack: function () { go(1); },
      previoustrack: function () { go(-1); },
      stop: askStop
    };
    Object.keys(actions).forEach(function (name) {
      try { navigator.mediaSession.setActionHandler(name, actions[name]); } catch (e) { /* unsupported */ }
    });
  }

  $("pause").addEventListener("click", toggle);
  $("next").addEventListener("click", function () { go(1); });
  $("back").addEventListener("click", function () { go(-1); });
  $("stop").addEventListener("click", askStop);
  document.addEventListener("keydown", function (e) {
    // Keys belong to the player unless a person is typing into a field or a dialog is open.
    var t = e.target;
    if (dialog.open) return;
    if (t && (t.tagName === "SELECT" || t.tagName === "TEXTAREA" ||
        (t.tagName === "INPUT" && !/^(checkbox|radio|button|submit)$/.test(t.type)))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === " " || e.key === "Spacebar") { e.preventDefault(); toggle(); }
    else if (e.key === "n") go(1);
    else if (e.key === "b") go(-1);
    else if (e.key === "q") askStop();
  });
  render();
  window.plantarPlayer = { state: function () {
    var slot = slots[current];
    return { index: slot ? slot.step : -1, phase: slot ? slot.kind : "before", started: started,
      paused: paused, finished: finished, done: done.size, skipped: skipped.size,
      position: position(), remaining: slot ? slot.start + slot.seconds - position() : null,
      title: $("step-title").textContent };
  } };
})();
