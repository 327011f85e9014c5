// What cannot wait for the app (WebAssembly), which arrives later. A
// deferred script: it runs once the page as built is parsed (and often
// painted), before the app's loader. What must come before the first
// paint (the colour theme, and marking a page built for another address)
// is index.html's inline head script.
//
// 1. The filter menus' disclosure button on a phone: behaviour that
//    needs no app state, so it works before the app and costs the wasm
//    nothing.
// 2. On a prerendered page (cargo xtask prerender), the hand-over from
//    the page as built to the app: removed at once if the head script
//    marked it as not the view the address asks for, else in the frame
//    the app's own view is ready, keeping what the reader typed and
//    where focus was.
// 3. The data's first requests: config.json and, for a bundle, the index
//    it names (and on an article's page, the article), for a WordPress
//    site its REST index, start now, while
//    the wasm downloads, rather than one after the other once it has
//    started. The app takes each answer from `broadsheetEarly.take`
//    (src/source/http.rs) the first time it asks for that URL; Retry asks
//    the network again.
// 4. A search typed into the page as built, before the app has taken
//    over: the word files its words need start at once (with a short
//    pause while the reader is still typing), so the app finds them
//    loaded rather than asking after it starts; and the address follows
//    what was typed, so the app starts with that search.
// 5. The first answer to a search typed into the page as built: the
//    search-only module (crates/first-answer, a fraction of the app's
//    wasm) starts when the reader is in the search box, answers from the
//    compiled index, and fills the page's own cards, so the answer does
//    not wait for the app. The app takes over as before.
// 6. What the page's Content-Security-Policy refused: the browser tells
//    a refused request from an unreachable server only by an event, which
//    the app cannot catch before it has started (`broadsheetEarly.refused`).
(function () {
  var early = {};
  // Settles once this script has started every request it will: until
  // then an ask for another URL waits for it (the app can be quicker to
  // read config.json than this script).
  var settled = false;
  var ready = null;
  // Hands over `request` for `url`. Asks made in the same task share it
  // (the app may ask for config.json twice as it starts); later ones
  // (Retry) go to the network. Aborting `signal` (the app's own timer, or
  // the reader leaving the page) aborts the request.
  function handOver(url, request, signal) {
    setTimeout(function () {
      delete early[url];
    }, 0);
    if (request.stop) {
      if (signal.aborted) {
        request.stop.abort();
      } else {
        signal.addEventListener("abort", function () {
          request.stop.abort();
        });
      }
    }
    return request.answer.then(function (response) {
      return response.clone();
    });
  }
  // Each refusal: the URL as the browser reports it (an origin alone for
  // another origin's) and the directive that refused it.
  var refusals = [];
  document.addEventListener("securitypolicyviolation", function (event) {
    refusals.push([event.blockedURI, event.effectiveDirective || event.violatedDirective]);
  });
  var chooseApp = null;
  window.broadsheetEarly = {
    // Which build of the app the data needs, for the loader
    // (xtask/src/finish_dist.rs): "index" when config.json names a bundle
    // with a compiled index (the smaller app, which reads only that),
    // else "every".
    app: new Promise(function (resolve) {
      chooseApp = resolve;
    }),
    // The directive that refused a request for `url` whose fetch failed
    // (as "connect-src"), or null. The browser may report it a moment
    // after the fetch fails: this waits for that moment.
    refused: function (url) {
      var asked = new URL(url, document.baseURI);
      return new Promise(function (resolve) {
        setTimeout(function () {
          for (var i = refusals.length - 1; i >= 0; i -= 1) {
            var uri = refusals[i][0];
            if (uri === asked.href || (uri === asked.origin || uri === asked.origin + "/")) {
              return resolve(refusals[i][1]);
            }
          }
          resolve(null);
        }, 50);
      });
    },
    // The app's hand-over: the answer for `url`, or `undefined` when this
    // script has no request for it and will start none.
    take: function (url, signal) {
      var request = early[url];
      if (request) {
        return handOver(url, request, signal);
      }
      if (settled || !ready) {
        return undefined;
      }
      return ready.then(function () {
        var started = early[url];
        return started
          ? handOver(url, started, signal)
          : fetch(url, { cache: "no-cache", signal: signal });
      });
    },
  };
  // On a prerendered page the reader already has the view: the data
  // waits behind the page's own styles and images (fetch priority).
  var prerendered = document.documentElement.hasAttribute("data-prerendered");
  function get(url, later) {
    var stop = window.AbortController ? new AbortController() : null;
    var init = { cache: "no-cache", signal: stop ? stop.signal : undefined };
    if (later && prerendered) {
      init.priority = "low";
    }
    var answer = fetch(url, init);
    // A failure is the app's to report when it asks, not the console's.
    answer.catch(function () {});
    early[url] = { answer: answer, stop: stop };
    return answer;
  }
  if (!window.fetch) {
    chooseApp("every");
    return;
  }
  // The app limits and abandons requests with AbortSignal.timeout and
  // AbortSignal.any (Chromium 116, Firefox 124, Safari 17.4): for older
  // browsers, the same from an AbortController.
  if (window.AbortController && window.AbortSignal) {
    if (!AbortSignal.timeout) {
      AbortSignal.timeout = function (ms) {
        var stop = new AbortController();
        setTimeout(function () {
          stop.abort(new DOMException("The operation timed out.", "TimeoutError"));
        }, ms);
        return stop.signal;
      };
    }
    if (!AbortSignal.any) {
      AbortSignal.any = function (signals) {
        var stop = new AbortController();
        Array.prototype.forEach.call(signals, function (signal) {
          if (signal.aborted) {
            stop.abort(signal.reason);
          } else {
            signal.addEventListener("abort", function () {
              stop.abort(signal.reason);
            });
          }
        });
        return stop.signal;
      };
    }
  }
  // The word files of what the reader typed in the page as built (5.),
  // found as the index's reader finds them (Reader::word_matches in
  // crates/core/src/compiled/read.rs): the files from the last whose
  // first word is at most the word to those whose first word starts
  // with it. Only for plain ASCII text, whose fold is its lowercase with
  // apostrophes dropped and other signs as spaces
  // (crates/core/src/search.rs); other text waits for the app, and a word
  // so short that it needs more than `most` files too. A head start, not
  // an answer: the app asks for what it needs either way. On each key a
  // word's file is asked for as soon as it is the only one (a longer word
  // needs the same file or none), so the file is on its way before the
  // reader pauses; on a pause, up to three.
  var words = null;
  var typed = "";
  var pause = 0;
  var hinted = {};
  function hint(most) {
    if (!words || !/^[ -~]*$/.test(typed)) {
      return;
    }
    var firsts = words.firsts;
    typed
      .toLowerCase()
      .replace(/['`]/g, "")
      .split(/[^a-z0-9]+/)
      .forEach(function (term) {
        if (!term) {
          return;
        }
        var from = 0;
        while (from + 1 < firsts.length && firsts[from + 1] <= term) {
          from += 1;
        }
        var to = from + 1;
        while (to < firsts.length && firsts[to].indexOf(term) === 0) {
          to += 1;
        }
        for (var n = from; to - from <= most && n < to; n += 1) {
          var url = words.at + "h" + n + ".bin";
          if (!hinted[url]) {
            hinted[url] = true;
            get(url);
          }
        }
      });
  }
  // What the reader typed becomes the address as the app writes it (the
  // first change adds a history entry, the rest replace it: the search
  // box in src/components/filters.rs, `q` as Query::to_url writes it),
  // so the app starts with the search itself and asks for its files at
  // once, rather than after it has drawn the page as built. Not once the
  // app has started: then the hand-over below passes the text on.
  var pushed = false;
  // The query string of what was typed, as Query::to_url writes it.
  function typedSearch() {
    return typed ? "?" + new URLSearchParams({ q: typed }).toString() : "";
  }
  function follow() {
    if (!window.history || !history.pushState || document.querySelector("[data-prerendered-view] ~ main")) {
      return;
    }
    var url = location.pathname + typedSearch();
    if (url === location.pathname + location.search) {
      return;
    }
    if (pushed) {
      history.replaceState(history.state, "", url);
    } else {
      history.pushState(null, "", url);
      pushed = true;
    }
  }
  // 6. The search-only module, its reader of the index, and the page's
  // own first card as it was built (crates/first-answer says what each
  // card holds; the markup is the app's TeaserCard's, rendered by the
  // build). Only on a listing (the home page or an archive's), and only
  // until the app's view replaces the page as built. Anything amiss
  // leaves the answer to the app, which reports it.
  var index = null;
  var module = null;
  var reader = null;
  var asked = 0;
  var template = null;
  function prepare() {
    var meta = document.querySelector('meta[name="broadsheet-first-answer"]');
    if (module || !meta || !listing || location.search) {
      return;
    }
    var script = new URL(meta.content, document.baseURI).href;
    var wasm = fetch(script.replace(/\.js$/, "_bg.wasm"));
    wasm.catch(function () {});
    module = import(script).then(function (glue) {
      return glue.default({ module_or_path: wasm }).then(function () {
        return glue;
      });
    });
    module.catch(function () {});
  }
  function load(url) {
    var request = early[url] ? early[url].answer : get(url);
    return request.then(function (response) {
      response = response.clone();
      if (response.status === 404) {
        return undefined;
      }
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.arrayBuffer().then(function (bytes) {
        return new Uint8Array(bytes);
      });
    });
  }
  function answer() {
    var view = document.querySelector("[data-prerendered-view]");
    if (!module || !index || (!typed.trim() && !asked) || !view) {
      return;
    }
    var mine = (asked += 1);
    var search = typedSearch();
    module
      .then(function (glue) {
        if (!reader) {
          reader = new glue.FirstAnswer(new Uint8Array(index.config), new Uint8Array(index.manifest));
        }
        return (function round() {
          if (mine !== asked) {
            return null;
          }
          var reply = JSON.parse(reader.ask("/" + path, search));
          if (reply.view) {
            return show(view, reply.view, search);
          }
          return Promise.all(
            reply.need.map(function (file) {
              return load(index.at + file);
            })
          ).then(function (files) {
            reply.need.forEach(function (file, n) {
              reader.add(file, files[n]);
            });
            return round();
          });
        })();
      })
      .catch(function () {});
  }
  // Text in runs, those matching a search word in <mark>, as the app's
  // Highlighted component writes them.
  function write(element, runs) {
    element.textContent = "";
    runs.forEach(function (run) {
      if (run[1]) {
        var mark = document.createElement("mark");
        mark.textContent = run[0];
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(run[0]));
      }
    });
  }
  function show(view, answered, search) {
    var list = view.querySelector("[data-teaser-list]");
    var status = view.querySelector("[data-status]");
    template = template || (list && list.querySelector("[data-teaser]"));
    if (!view.isConnected || !list || !status || !template) {
      return;
    }
    var at = base.replace(/\/$/, "");
    var cards = answered.cards.map(function (card) {
      var article = template.cloneNode(true);
      var was = article.getAttribute("data-teaser");
      var heading = article.querySelector("h2");
      var id = heading.id.slice(0, heading.id.length - was.length) + card.slug;
      article.setAttribute("data-teaser", card.slug);
      article.setAttribute("aria-labelledby", id);
      heading.id = id;
      var title = heading.querySelector("a");
      title.href = at + card.link;
      write(title, card.title);
      var category = article.querySelector("[data-category]");
      if (category) {
        var terms = category.parentNode;
        terms.textContent = "";
        card.categories.forEach(function (term) {
          var link = category.cloneNode(false);
          link.setAttribute("data-category", term[0]);
          link.href = at + term[1];
          link.textContent = term[2];
          terms.appendChild(link);
          terms.appendChild(document.createTextNode(" "));
        });
      }
      var author = article.querySelector("[data-author]");
      if (author) {
        var byline = article.querySelector("[data-byline]");
        var span = author.parentNode.cloneNode(false);
        byline.textContent = "";
        card.authors.forEach(function (one) {
          var name = author.cloneNode(false);
          var line = span.cloneNode(false);
          name.setAttribute("data-author", one.slug);
          name.href = at + one.path;
          write(name, one.name);
          line.appendChild(name);
          line.appendChild(document.createTextNode(one.tail));
          byline.appendChild(document.createTextNode(one.gap));
          byline.appendChild(line);
        });
      }
      var time = article.querySelector("time");
      time.setAttribute("datetime", card.datetime);
      time.textContent = card.date;
      write(article.querySelector(".teaser__excerpt"), card.excerpt);
      var more = article.querySelector("[data-continue]");
      more.href = at + card.link;
      more.querySelector(".visually-hidden").textContent =
        ": " +
        card.title
          .map(function (run) {
            return run[0];
          })
          .join("");
      return article;
    });
    list.replaceChildren.apply(list, cards);
    status.textContent = answered.status;
    // `make bench` reads this mark.
    if (window.performance && performance.mark) {
      performance.mark("broadsheet:first-answer");
    }
    // The page as built links to the listing's pages without a search:
    // with one, the app brings the search's own.
    Array.prototype.forEach.call(view.querySelectorAll("[data-pager]"), function (pager) {
      pager.hidden = search !== "";
    });
    return null;
  }
  // Loaded as soon as this script runs on a listing as built (below):
  // the page is parsed by then, so it delays no paint, and the word a
  // reader types waits for it no longer; or once the page has loaded, or
  // as soon as the reader is in the search box.
  window.addEventListener("load", function () {
    if (document.querySelector("[data-prerendered-view] #filter-q")) {
      prepare();
    }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.id === "filter-q" && event.target.closest("[data-prerendered-view]")) {
      prepare();
    }
  });
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.id !== "filter-q" || !field.closest("[data-prerendered-view]")) {
      return;
    }
    prepare();
    typed = field.value;
    hint(1);
    clearTimeout(pause);
    pause = setTimeout(function () {
      follow();
      hint(3);
      answer();
    }, 150);
  });
  // In the search box, or typed into it, before this deferred script
  // ran: as if it had just happened.
  var box = document.querySelector("[data-prerendered-view] #filter-q");
  if (box && document.activeElement === box) {
    prepare();
  }
  if (box && box.value !== "") {
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // A prerendered page that is not the data's view: hidden from now on,
  // and the app renders its own.
  function setAside() {
    if (document.documentElement.getAttribute("data-prerendered") === null) {
      return;
    }
    document.documentElement.setAttribute("data-prerender-stale", "");
    var view = document.querySelector("[data-prerendered-view]");
    if (view) {
      view.remove();
    }
  }
  // Where the page is, within the app (its base is trunk's <base href>).
  var base = new URL(document.baseURI).pathname;
  var path = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
  var article = /^articles\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path);
  // The home page or an archive's (Route::parse in crates/core/src/route.rs).
  var listing = path === "" || /^(category|author|tag)\/[a-z0-9]+(?:-[a-z0-9]+)*\/?$/.test(path);
  // Not on the fallback page built for any path ("*"): the app renders
  // that view.
  var builtAs = document.documentElement.getAttribute("data-prerendered");
  if (builtAs !== null && builtAs !== "*") {
    prepare();
  }
  // The app for a compiled index (cargo xtask index-app), at the
  // priority the page gives the data: its glue preloaded, its wasm
  // fetched here and handed to the loader (xtask/src/finish_dist.rs)
  // through `broadsheetEarly.wasm`. Not a preload: WebKit downloads a
  // preloaded wasm again when the loader fetches it.
  function preloadIndexApp() {
    var meta = document.querySelector('meta[name="broadsheet-index-app"]');
    if (!meta) {
      return;
    }
    var glue = new URL(meta.content, document.baseURI).href;
    var link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = glue;
    link.crossOrigin = "anonymous";
    if (prerendered) {
      link.setAttribute("fetchpriority", "low");
    }
    document.head.appendChild(link);
    var wasm = glue.replace(/\.js$/, "_bg.wasm");
    function start() {
      return fetch(wasm, prerendered ? { priority: "low" } : {});
    }
    // On a listing as built, after the first answer's module (a third of
    // its size): sharing a slow link with the app's wasm, it took twice
    // as long, and a reader's first search waited for it.
    var response = module ? module.then(start, start) : start();
    // A failure is the loader's to meet when it takes the response.
    response.catch(function () {});
    window.broadsheetEarly.wasm = { url: wasm, response: response };
  }
  ready = get("config.json")
    .then(function (response) {
      return response.ok ? response.clone().arrayBuffer() : null;
    })
    .then(function (bytes) {
      var config = bytes ? JSON.parse(new TextDecoder().decode(bytes)) : {};
      // As Source::base_url in crates/core/src/config.rs.
      var bundle = config && config.source ? config.source.bundle : "data/";
      if (typeof bundle !== "string") {
        // An API or a WordPress site: its requests depend on the query,
        // and a page built from a bundle is not its view. A WordPress
        // site's index comes first whatever the view: as
        // src/source/wordpress.rs asks for it (Routes::Plain, SITE_FIELDS).
        setAside();
        var site = config && config.source ? config.source.wordpress : null;
        if (typeof site === "string") {
          if (site !== "" && site.slice(-1) !== "/") {
            site += "/";
          }
          get(site + "?rest_route=/&_fields=name,description,home");
        }
        return;
      }
      if (bundle !== "" && bundle.slice(-1) !== "/") {
        bundle += "/";
      }
      // A bundle: the app for a compiled index starts downloading now (a
      // built site always has one; without, the loader runs the other).
      preloadIndexApp();
      if (article) {
        get(bundle + "articles/" + article[1] + ".json", true);
      }
      // A bundle's compiled index (cargo xtask prerender): its manifest,
      // and on the home page the newest teasers' file it names. Without
      // one the app reads index.json itself.
      var manifest = get(bundle + "index/manifest.json", true);
      var built = document.documentElement.getAttribute("data-prerendered-index");
      // Settles once the newest teasers' file is started, so that the
      // app takes it rather than asking twice.
      return manifest
        .then(function (response) {
          return response.ok ? response.clone().arrayBuffer() : null;
        })
        .then(function (manifestBytes) {
          var read = manifestBytes ? JSON.parse(new TextDecoder().decode(manifestBytes)) : null;
          var build = read && typeof read.build === "string" ? read.build : null;
          chooseApp(build ? "index" : "every");
          // A page built from another build than the one served now (the
          // data changed since `make prerender`) is set aside.
          if (built && build !== built) {
            setAside();
          }
          if (build && path === "" && !location.search) {
            get(bundle + "index/" + build + "/t0.json", true);
          }
          if (build && read.words && read.words.length) {
            words = { at: bundle + "index/" + build + "/", firsts: read.words };
            hint(3);
          }
          if (build && bytes && listing) {
            index = { at: bundle + "index/", config: bytes, manifest: manifestBytes };
            answer();
          }
        })
        .catch(function () {});
    })
    .catch(function () {
      // The app reads the same answer and says what went wrong.
    })
    .then(function () {
      settled = true;
      // Anything else (an API, WordPress, no index, a failure) needs the
      // app for every source; a choice made above stands.
      chooseApp("every");
    });
})();

// The filter menus' disclosure on a phone (src/components/filters.rs).
document.addEventListener("click", function (event) {
  var filters = event.target.closest && event.target.closest("[data-filters-toggle]");
  if (filters) {
    var open = filters.getAttribute("aria-expanded") === "true";
    filters.setAttribute("aria-expanded", open ? "false" : "true");
  }
});

(function () {
  var root = document.documentElement;
  var built = root.getAttribute("data-prerendered");
  if (built === null) {
    return;
  }
  // Marked by index.html's head script when the page was built for
  // another address.
  var stale = root.hasAttribute("data-prerender-stale");
  // What says the app's view has its data: results, an article's text,
  // an empty result, an error, or the not-found view.
  var READY = "[data-teaser], [data-article-body], [data-empty-state], [role=alert], [data-not-found]";
  function start() {
    var view = document.querySelector("[data-prerendered-view]");
    if (!view) {
      return;
    }
    if (stale) {
      view.remove();
      return;
    }
    var watcher = new MutationObserver(check);
    function check() {
      var main = document.querySelector("[data-prerendered-view] ~ main");
      if (!main || !main.querySelector(READY)) {
        return;
      }
      watcher.disconnect();
      // The app fills an article's text in the same task; the swap waits
      // for the next frame, before it is painted.
      requestAnimationFrame(function () {
        var typed = view.querySelector("#filter-q");
        var focused = view.contains(document.activeElement) ? document.activeElement.id : "";
        view.remove();
        var search = main.querySelector("#filter-q");
        if (typed && search && typed.value !== search.value) {
          search.value = typed.value;
          search.dispatchEvent(new Event("input", { bubbles: true }));
        }
        var again = focused && document.getElementById(focused);
        if (again) {
          again.focus({ preventScroll: true });
        }
        // From here the page is the app's: `make bench` reads this mark.
        if (window.performance && performance.mark) {
          performance.mark("broadsheet:take-over");
        }
      });
    }
    watcher.observe(document.body, { childList: true, subtree: true });
    check();
  }
  document.addEventListener("DOMContentLoaded", start);
})();

