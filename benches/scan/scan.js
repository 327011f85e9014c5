// The keystroke benchmark's reference (benches/search_keystroke.rs): a
// plain script that scans every teaser of index.json on each key and
// renders the first 12 matches with the app's card markup and styles.
// The same match as the app's (crates/core/src/search.rs): every word
// typed starts a word of the title, the author names or the excerpt,
// after case, accents and apostrophes are folded. No index, no
// framework: what a hand-written page would do.
(function () {
  var box = document.getElementById("filter-q");
  var grid = document.querySelector("[data-teaser-list]");
  var status = document.querySelector("[data-status]");
  var teasers = [];
  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['\u2019`]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ");
  }
  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  function card(t) {
    var link = "articles/" + t.slug;
    return (
      '<article class="teaser" data-teaser="' + t.slug + '">' +
      '<p class="teaser__terms">' +
      t.categories.map(function (c) {
        return '<a href="category/' + c.slug + '">' + escape(c.name) + "</a> ";
      }).join("") +
      "</p>" +
      '<h2 class="teaser__title"><a href="' + link + '">' + escape(t.title) + "</a></h2>" +
      '<p class="byline">By ' + escape(t.names) + "</p>" +
      '<p class="teaser__date"><time datetime="' + t.date + '">' + t.date + "</time></p>" +
      '<p class="teaser__excerpt">' + escape(t.excerpt) + "</p>" +
      '<a class="teaser__more" href="' + link + '">Continue Reading</a>' +
      "</article>"
    );
  }
  function show() {
    var words = fold(box.value).split(" ").filter(Boolean).map(function (w) {
      return " " + w;
    });
    var found = [];
    var total = 0;
    for (var i = 0; i < teasers.length; i += 1) {
      var hay = teasers[i].hay;
      var all = true;
      for (var w = 0; w < words.length && all; w += 1) {
        all = hay.indexOf(words[w]) !== -1;
      }
      if (all) {
        total += 1;
        if (found.length < 12) {
          found.push(teasers[i]);
        }
      }
    }
    grid.innerHTML = found.map(card).join("");
    status.textContent = "Showing " + Math.min(total, 12) + " of " + total + " articles.";
  }
  fetch("synthetic/index.json")
    .then(function (response) {
      return response.json();
    })
    .then(function (index) {
      var names = {};
      index.authors.forEach(function (a) {
        names[a.slug] = a.name;
      });
      var categories = {};
      index.categories.forEach(function (c) {
        categories[c.slug] = c;
      });
      teasers = index.teasers.map(function (t) {
        var authors = t.authors.map(function (slug) {
          return names[slug] || slug;
        }).join(", ");
        return {
          slug: t.slug,
          title: t.title,
          names: authors,
          date: t.date,
          excerpt: t.excerpt,
          categories: t.categories.map(function (slug) {
            return categories[slug] || { slug: slug, name: slug };
          }),
          hay: " " + fold(t.title + " " + authors + " " + t.excerpt),
        };
      });
      box.addEventListener("input", show);
      show();
    });
})();
