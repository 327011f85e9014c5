// Reading offline (public/sw.js), loaded after the page (deferred): the
// service worker is registered once the page has loaded and the browser
// is idle; what the page loaded before it was in control (the first
// visit) is handed to it to keep. The reader is told when what they see
// was saved rather than fetched (offline), and when a new build is
// waiting, with a button to reload into it. Not in boot.js, which blocks
// the first paint.
(function () {
  if (!("serviceWorker" in navigator) || !window.caches) {
    return;
  }
  var workers = navigator.serviceWorker;
  var base = new URL(document.baseURI);
  function notice(name) {
    return document.querySelector("[data-" + name + "]");
  }
  // What the worker says of each request for data.
  workers.addEventListener("message", function (event) {
    var message = event.data || {};
    var offline = notice("offline");
    if (!offline) {
      return;
    }
    if (message.offline) {
      var when = message.saved ? new Date(message.saved) : null;
      offline.querySelector("[data-offline-saved]").textContent =
        when && !isNaN(when) ? ", on " + when.toLocaleString() : "";
      offline.hidden = false;
    } else if (message.online && !offline.hidden) {
      offline.hidden = true;
      // Back online: a build published meanwhile is found now.
      if (registration) {
        registration.update().catch(function () {});
      }
    }
  });
  workers.startMessages();
  var registration = null;
  var reloading = false;
  // A new build is installed and waiting: offer it.
  function offer(waiting) {
    var banner = notice("new-version");
    if (!banner || !workers.controller) {
      return;
    }
    banner.hidden = false;
    banner.querySelector("button").onclick = function () {
      reloading = true;
      waiting.postMessage({ activate: true });
    };
  }
  workers.addEventListener("controllerchange", function () {
    if (reloading) {
      location.reload();
    }
  });
  // Once the page has loaded and the browser is idle: installing saves
  // the build's files, which must not compete with what the reader is
  // waiting for.
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) {
      requestIdleCallback(register, { timeout: 5000 });
    } else {
      setTimeout(register, 1000);
    }
  });
  function register() {
    workers
      .register(new URL("sw.js", base).href)
      .then(function (found) {
        registration = found;
        // A new build's worker, installed (waiting) or still installing
        // (the browser may have started on it before this ran), or found
        // later.
        function watch(worker) {
          if (!worker) {
            return;
          }
          if (worker.state === "installed") {
            offer(worker);
          }
          worker.addEventListener("statechange", function () {
            if (worker.state === "installed") {
              offer(worker);
            }
          });
        }
        watch(found.waiting);
        watch(found.installing);
        found.addEventListener("updatefound", function () {
          watch(found.installing);
        });
        if (workers.controller) {
          // What the network did while this page loaded, which the
          // worker may have said before the page could hear it.
          workers.controller.postMessage({ ask: true });
          // A build published since the worker was installed.
          found.update().catch(function () {});
        }
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState === "visible") {
            found.update().catch(function () {});
          }
        });
        return workers.ready;
      })
      .then(function (ready) {
        // What the page requested without the worker (the first visit,
        // until the worker took control: Resource Timing's workerStart is
        // 0 for those), including what is still arriving, and the page
        // itself if it too came without the worker.
        function keep(entries) {
          var urls = entries
            .filter(function (entry) {
              return (
                entry.initiatorType === "fetch" &&
                !entry.workerStart &&
                entry.name.indexOf(base.href) === 0
              );
            })
            .map(function (entry) {
              return entry.name;
            });
          if (urls.length) {
            ready.active.postMessage({ keep: urls });
          }
        }
        var page = performance.getEntriesByType("navigation")[0];
        if (!page || !page.workerStart) {
          ready.active.postMessage({ keep: [location.href], page: location.href });
        }
        keep(performance.getEntriesByType("resource"));
        if (window.PerformanceObserver) {
          new PerformanceObserver(function (list) {
            keep(list.getEntries());
          }).observe({ type: "resource" });
        }
      })
      .catch(function () {
        // No offline reading (a private window, a policy): the page works
        // as before.
      });
  }
})();
