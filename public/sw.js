// broadsheet's service worker: reading offline, and one build at a time.
// Registered by public/boot.js; its scope is the folder the app is
// served from (the root, or a sub-path such as /news/).
//
// - The build's shell (its page without a view, scripts, wasm, styles,
//   icon, web app manifest) is saved when the worker installs. `cargo
//   xtask finish-dist` writes BUILD and SHELL below; under `trunk serve`
//   they stay empty and the worker keeps nothing, so hot reload is never
//   served from a cache.
// - Pages and data (config.json, the bundle, articles) are asked of the
//   network first, always: the reader sees what is published now. Each
//   answer is saved; only when the network fails is the saved copy used,
//   and the page is told so (boot.js says so to the reader). A file never
//   saved is a 503 the app words as needing a connection.
// - Files that never change once published (hashed assets, a compiled
//   index's build) come from the cache when they are there.
// - A new build installs beside the open pages and waits: the reader is
//   told a new version is available and reloads when ready (boot.js), so
//   no page mixes two builds' files. The old build's shell and pages are
//   then removed; the saved data stays, so articles read earlier still
//   open offline.
"use strict";

const BUILD = "";
const SHELL = [];

// The build's shell and the pages opened with it.
const SHELL_CACHE = "broadsheet-shell-" + BUILD;
// The data the reader used, kept across builds.
const DATA_CACHE = "broadsheet-data";
// The header that marks a 503 as this worker's "not saved" answer
// (src/source/http.rs).
const NOT_SAVED = "X-Broadsheet-Offline";

const scope = new URL(self.registration.scope);
// Whether the network failed the last request for data, and when what
// was shown instead was saved: told to a page that asks (one loaded
// before the worker could reach it).
let lastAnswer = { online: true };
// Files that never change once published: trunk's hashed names, and a
// compiled index's build folder.
const IMMUTABLE = /(-[0-9a-f]{8,16}(_bg)?\.(js|css|wasm)|\/index\/[0-9a-f]{16}\/.*)$/;

self.addEventListener("install", (event) => {
  if (!BUILD) {
    self.skipWaiting();
    return;
  }
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL.map((file) => new URL(file, scope))))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("broadsheet-shell-") && name !== SHELL_CACHE)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.ask && event.source) {
    event.source.postMessage(lastAnswer);
  } else if (message.activate) {
    // The reader chose to reload into the new build.
    self.skipWaiting();
  } else if (Array.isArray(message.keep) && BUILD) {
    // What the page loaded before this worker controlled it (the first
    // visit): saved now, so that the page works offline too.
    const shell = SHELL.map((file) => new URL(file, scope).href);
    event.waitUntil(
      Promise.all(
        message.keep.map((address) => {
          const url = new URL(address, scope);
          const ours = url.href.startsWith(scope.href) && !shell.includes(url.href);
          return ours ? save(new Request(url), message.page === address) : null;
        })
      )
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (!BUILD || request.method !== "GET" || url.origin !== scope.origin || !url.href.startsWith(scope.href)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request, event));
  } else if (IMMUTABLE.test(url.pathname)) {
    event.respondWith(kept(request));
  } else {
    event.respondWith(fresh(request, event));
  }
});

// A page: the network's, saved; offline, the saved page, else the app's
// page without a view, which routes to the address itself.
async function page(request, event) {
  try {
    const response = await network(request);
    if (response.ok) {
      const cache = await caches.open(SHELL_CACHE);
      extend(event, cache.put(withoutQuery(request.url), response.clone()));
    }
    return response;
  } catch (error) {
    const cache = await caches.open(SHELL_CACHE);
    const saved = (await cache.match(withoutQuery(request.url))) || (await cache.match(new URL("app.html", scope)));
    if (saved) {
      return saved;
    }
    throw error;
  }
}

// A file that never changes: the saved copy, else the network's, saved.
async function kept(request) {
  const saved = await caches.match(request);
  if (saved) {
    return saved;
  }
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(DATA_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    if (request.signal.aborted) {
      throw error;
    }
    return notSaved();
  }
}

// Data that may change: the network's, saved; offline, the saved copy
// and a word to the page, else a 503 saying it was not saved.
async function fresh(request, event) {
  try {
    const response = await network(request);
    extend(event, keepAnswer(request, response.clone()));
    tell(event, { online: true });
    return response;
  } catch (error) {
    // The page gave up on it (the reader typed on): not the network.
    if (request.signal.aborted) {
      throw error;
    }
    const saved = await caches.match(request, { ignoreVary: true });
    tell(event, { offline: true, saved: saved ? saved.headers.get("Date") : null });
    return saved || notSaved();
  }
}

// Saves a successful answer that is data, not a host's page in its
// place; a new compiled index's manifest lets the previous builds' files
// go.
async function keepAnswer(request, response) {
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok || type.startsWith("text/html")) {
    return;
  }
  const cache = await caches.open(DATA_CACHE);
  if (request.url.endsWith("/index/manifest.json")) {
    const manifest = await response.clone().json().catch(() => null);
    if (manifest && typeof manifest.build === "string") {
      const folder = request.url.slice(0, -"manifest.json".length);
      const old = (await cache.keys()).filter(
        (saved) => saved.url.startsWith(folder) && !saved.url.startsWith(folder + manifest.build + "/") && saved.url !== request.url
      );
      await Promise.all(old.map((saved) => cache.delete(saved)));
    }
  }
  await cache.put(request, response);
}

// Fetches `request` and saves its answer (a page in the shell's cache).
async function save(request, isPage) {
  try {
    const response = await fetch(request);
    if (isPage) {
      if (response.ok) {
        await (await caches.open(SHELL_CACHE)).put(withoutQuery(request.url), response);
      }
    } else {
      await keepAnswer(request, response);
    }
  } catch (error) {
    // Offline already: nothing to save.
  }
}

// The network's answer, asked twice before it counts as failed: a
// connection the server had closed fails once without the network being
// gone (seen in Firefox against Caddy).
async function network(request) {
  try {
    return await fetch(request);
  } catch (error) {
    if (request.signal.aborted) {
      throw error;
    }
    return fetch(request);
  }
}

function withoutQuery(address) {
  const url = new URL(address);
  url.search = "";
  url.hash = "";
  return url.href;
}

function notSaved() {
  return new Response("", {
    status: 503,
    statusText: "Service Unavailable",
    headers: { [NOT_SAVED]: "not saved" },
  });
}

// Tells the page that made the request whether the network answered.
function tell(event, message) {
  lastAnswer = message;
  if (!event.clientId) {
    return;
  }
  extend(
    event,
    self.clients.get(event.clientId).then((client) => {
      if (client) {
        client.postMessage(message);
      }
    })
  );
}

// Keeps the worker alive until `work` is done, when the browser still
// allows it; the work runs either way, and never fails the answer.
function extend(event, work) {
  const quiet = work.catch(() => {});
  try {
    event.waitUntil(quiet);
  } catch (error) {
    // The event is over: the work goes on unwatched.
  }
}
