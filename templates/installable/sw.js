// Common Ground's service worker: keeps static files and the neutral offline page,
// and nothing else. A signed-in page, or any response marked no-store, is never kept:
// pages always come from the network, and without one the offline page is shown.
// It also shows notifications (Web Push): their payload holds a neutral title and,
// only if the person chose it, the kind of thing that waits; never anyone's words.
"use strict";

{% autoescape off %}const CONFIG = {{ config }};{% endautoescape %}
const STATIC_CACHE = "static-" + CONFIG.version;
const OFFLINE_CACHE = "offline-" + CONFIG.version;
// A file name with a content hash in it (app.3f2a9c1b04de.css) never changes.
const VERSIONED = /\.[0-9a-f]{12}\.\w+$/;

function storable(response) {
  if (!response || !response.ok || response.type !== "basic") return false;
  const cacheControl = (response.headers.get("Cache-Control") || "").toLowerCase();
  return !cacheControl.includes("no-store") && !cacheControl.includes("private");
}

function keepOffline() {
  // Fetched without cookies: the same neutral page whoever is signed in.
  return fetch(CONFIG.offlineUrl, { credentials: "omit", cache: "no-cache" }).then(function (response) {
    if (!storable(response)) return;
    return caches.open(OFFLINE_CACHE).then(function (cache) {
      return cache.put(CONFIG.offlineUrl, response);
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    Promise.all([
      caches.open(STATIC_CACHE).then(function (cache) {
        return Promise.all(CONFIG.precache.map(function (url) {
          return fetch(url, { credentials: "omit" }).then(function (response) {
            if (storable(response)) return cache.put(url, response);
          });
        }));
      }),
      keepOffline(),
    ]).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== STATIC_CACHE && name !== OFFLINE_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function offlinePage() {
  return caches.match(CONFIG.offlineUrl, { cacheName: OFFLINE_CACHE }).then(function (page) {
    return page || Response.error();
  });
}

function staticFile(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (kept) {
      // Versioned files: the kept copy is the file. Others: the network first, so a
      // changed file shows at once; the kept copy only when there is no connection.
      if (kept && VERSIONED.test(new URL(request.url).pathname)) return kept;
      return fetch(request).then(function (response) {
        if (storable(response)) cache.put(request, response.clone());
        return response;
      }, function (error) {
        if (kept) return kept;
        throw error;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages: only ever from the network, never kept. After a quick exit has cleared
    // the offline copy, the next page that loads puts it back.
    event.respondWith(fetch(request).then(function (response) {
      event.waitUntil(caches.has(OFFLINE_CACHE).then(function (kept) {
        return kept ? null : keepOffline().catch(function () {});
      }));
      return response;
    }, offlinePage));
    return;
  }
  if (url.pathname.startsWith(CONFIG.staticPrefix)) event.respondWith(staticFile(request));
  // Anything else goes to the network as if there were no service worker.
});

// A notification: what the server sent is all it shows (accounts/push.py), and a tap
// opens what's new. Without a readable payload, the neutral words the page gave.
self.addEventListener("push", function (event) {
  let message = {};
  try { message = event.data ? event.data.json() : {}; } catch (error) { message = {}; }
  event.waitUntil(self.registration.showNotification(message.title || CONFIG.pushTitle, {
    body: message.body || "",
    icon: message.icon || undefined,
    tag: "news",
    renotify: true,
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  const target = new URL(CONFIG.newsUrl, self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (const client of windows) {
      if (client.url === target && "focus" in client) return client.focus();
    }
    return self.clients.openWindow(target);
  }));
});
