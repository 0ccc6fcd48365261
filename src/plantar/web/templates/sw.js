// plantar's service worker: the app's pages, the library, and the last plans and sessions
// stay on the phone, so the player and the library work with no network. The practice
// (accounts, clients, notes) is never kept: it is private and must come from the server.
"use strict";
var VERSION = "%(version)s";
var SHELL = "plantar-shell-" + VERSION;
var PAGES = "plantar-pages-" + VERSION;
var PLANS = "plantar-plans-" + VERSION;
var KEEP_PLANS = 12;  // the last plans and guided sessions opened
// What an installed app needs to open at all, fetched when the worker installs; then the
// library's pages, fetched in the background once it runs.
var PRECACHE = %(precache)s;
var LATER = %(later)s;

function isPrivate(url) {
  return /^\/(practice|login|logout|api\/v1\/practice|api\/v1\/(visits|clients|users|journal))/.test(url.pathname);
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(PRECACHE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf("plantar-") === 0 && n.indexOf(VERSION) === -1;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }).then(keepLibrary));
});

// The library, a few pages at a time, never blocking the app; what fails is fetched when
// it is next opened.
function keepLibrary() {
  return caches.open(PAGES).then(function (cache) {
    var next = 0;
    function batch() {
      var some = LATER.slice(next, next + 8);
      next += 8;
      if (!some.length) return Promise.resolve();
      return Promise.all(some.map(function (url) {
        return cache.match(url, { ignoreVary: true }).then(function (kept) {
          return kept || fetch(url).then(function (r) { if (r.ok) return cache.put(url, r); })
            .catch(function () {});
        });
      })).then(batch);
    }
    return batch();
  });
}

function trim(cacheName, most) {
  return caches.open(cacheName).then(function (cache) {
    return cache.keys().then(function (keys) {
      return Promise.all(keys.slice(0, Math.max(0, keys.length - most)).map(function (k) {
        return cache.delete(k);
      }));
    });
  });
}

// Pages: the network first (always the newest words), the kept copy when offline.
function page(request, cacheName) {
  return fetch(request).then(function (response) {
    // A page the server marks no-store (anything of an account) is never kept.
    var store = !/no-store/.test(response.headers.get("Cache-Control") || "");
    if (response.ok && store) {
      var copy = response.clone();
      caches.open(cacheName).then(function (cache) {
        return cache.put(request, copy);
      }).then(function () { if (cacheName === PLANS) return trim(PLANS, KEEP_PLANS); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreVary: true }).then(function (kept) {
      return kept || caches.match("/offline", { ignoreVary: true });
    });
  });
}

// Static files and pictures: the kept copy first (they change with the version).
function asset(request) {
  return caches.match(request, { ignoreVary: true }).then(function (kept) {
    return kept || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || isPrivate(url)) return;
  if (url.pathname.indexOf("/static/") === 0 || /^\/api\/v1\/(demo|spot)\//.test(url.pathname)) {
    event.respondWith(asset(request));
  } else if (request.mode === "navigate" || url.pathname.indexOf("/api/v1/kb/") === 0) {
    var plan = /^\/(plan|player)$/.test(url.pathname) && url.search;
    // A page whose address carries answers (the safety check, the guided flow) is never
    // kept: only the last plans are, a dozen at most.
    if (url.search && !plan) {
      event.respondWith(fetch(request).catch(function () { return caches.match("/offline", { ignoreVary: true }); }));
      return;
    }
    event.respondWith(page(request, plan ? PLANS : PAGES));
  }
});
