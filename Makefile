# broadsheet: the two commands a newcomer needs are `make serve` and
# `make test`; both install whatever is missing first.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

BROADSHEET_TOOLS ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/broadsheet/tools
export BROADSHEET_TOOLS
export PATH := $(BROADSHEET_TOOLS)/bin:$(PATH):/usr/sbin
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

WASM := --target wasm32-unknown-unknown

.PHONY: help tools browsers wordpress postgres fetch serve build prerender size bench bench-api screenshots audit test lint test-native test-wasm test-e2e clean

help:
	@echo "make serve   install what is missing, serve the sample archive with hot reload on http://127.0.0.1:8080 (PUBLIC_URL=/news/ for a sub-path)"
	@echo "make test    install what is missing, run every check and test"
	@echo "make build   release build into dist/ (PUBLIC_URL=/news/ for a sub-path)"
	@echo "make prerender  the static pages of the routes again, after changing the data in dist/ (DIST=…)"
	@echo "make size    release wasm and JS sizes, raw/gzip/brotli, against the budget"
	@echo "make bench   benchmarks: index parsing, queries, first teaser and search keystroke with 10,000 articles"
	@echo "make bench-api  broadsheet-server under load: PostgreSQL with 1,000,000 articles beside the bundle in memory"
	@echo "make audit   Lighthouse (mobile) on / and an article, served by nginx: scores, FCP, LCP, TBT, CLS"
	@echo "make wordpress  install WordPress, MariaDB and PHP-FPM (Debian packages) for the WordPress tests and benchmark"
	@echo "make postgres   install PostgreSQL (Debian package) for broadsheet-server's database tests and benchmark"
	@echo "make screenshots  the home grid, a filtered grid and an article at 375 and 1280 px, light and dark, into docs/screenshots/"

tools:
	@scripts/tools.sh build

browsers:
	@scripts/tools.sh browsers

# A real WordPress (Debian's package, MariaDB, PHP-FPM) for the tests and
# benchmarks that read one; scripts/wordpress.sh runs it.
wordpress:
	@scripts/tools.sh wordpress

# PostgreSQL's programs (Debian's package) for broadsheet-server on a
# database: its tests and load benchmark run them as plain processes.
postgres:
	@scripts/tools.sh postgres

# trunk --offline also builds cargo offline, so crates are fetched first.
fetch:
	@cargo fetch --locked

serve: tools fetch
	trunk serve --offline --public-url $(PUBLIC_URL)

# PUBLIC_URL=/news/ make build: a build to host under a sub-path. DIST
# names the output folder. trunk builds the app, first-answer the search-only
# module a page as built answers a typed search with (crates/first-answer),
# index-app the app again for a compiled index alone (a smaller wasm, which
# the loader chooses when boot.js finds one), then finish-dist moves the loader
# script to a file (for the Content-Security-Policy), writes 404.html and
# precompresses the assets.
PUBLIC_URL ?= /
DIST ?= dist
build: tools fetch
	trunk build --release --offline --public-url $(PUBLIC_URL) --dist $(DIST)
	cargo xtask first-answer $(DIST)
	cargo xtask index-app $(DIST)
	cargo xtask finish-dist $(DIST)
	cargo xtask prerender $(DIST)$(if $(ARTICLES), --articles $(ARTICLES))

# After replacing the data in a built dist/: its pages written again from
# it (seconds; no trunk build).
prerender:
	cargo xtask prerender $(DIST)$(if $(ARTICLES), --articles $(ARTICLES))

size: build
	cargo xtask size dist

# Figures, not pass/fail: index parsing and queries natively (criterion),
# the bytes of a first visit by type, and with a 10,000-article archive in
# headless Chromium the first teaser painted and LCP under mobile
# throttling (prerendered, client-rendered, plain static HTML), a reader
# landing and typing a word beside Pagefind over the same articles, and a
# search keystroke to the grid painted; and a 50 KB article body
# sanitised and inserted.
bench: build browsers wordpress
	@scripts/tools.sh bench
	cargo bench -p broadsheet-core --bench parse_index --bench query
	BROADSHEET_DIST=dist cargo bench -p broadsheet --bench first_visit --bench first_teaser --bench first_search --bench search_keystroke --bench sanitize_body --bench wordpress

# broadsheet-server under load: two copies on PostgreSQL (1,000,000
# generated articles) beside one in memory (100,000), 32 readers per shape.
bench-api: postgres
	cargo bench -p broadsheet-server --bench load

# The release build served by nginx, pictured in headless Chromium.
screenshots: build browsers
	BROADSHEET_DIST=dist cargo run --quiet --example screenshots

# Lighthouse's mobile preset on the release build served by nginx: a
# report of scores and timings, not a test.
audit: build browsers
	@scripts/tools.sh audit
	BROADSHEET_DIST=dist cargo run --quiet --example audit

test: tools browsers wordpress postgres lint test-native test-wasm test-e2e size
	@echo "make test: all passed"

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p broadsheet $(WASM) --all-targets -- -D warnings
	cargo clippy -p broadsheet-core $(WASM) --lib -- -D warnings
	cargo clippy -p broadsheet-first-answer $(WASM) --lib -- -D warnings

test-native:
	cargo test -p broadsheet-core -p broadsheet-server -p broadsheet-first-answer -p xtask
	cargo test -p broadsheet --lib
	cargo xtask check-data public/data

# wasm-bindgen-test in headless Chromium (webdriver.json holds its flags).
test-wasm: tools browsers
	cargo test -p broadsheet $(WASM) --test browser

# The release build (and one for the sub-path /news/), served by nginx
# with deploy/nginx.conf, driven through WebDriver in each engine: headless
# Chromium, Firefox ESR, and WebKitGTK under xvfb (scripts/e2e.sh: every
# engine runs even if one fails; a failed file runs once more; the summary
# repeats each failed scenario with its error).
E2E_TESTS := --test e2e_listing --test e2e_data --test e2e_database --test e2e_grid --test e2e_article --test e2e_hosting --test e2e_a11y --test e2e_prerender --test e2e_wordpress --test e2e_scale --test e2e_offline
ENGINES ?= chromium firefox webkit
# Each engine's whole output, kept so the summary can repeat its failures.
E2E_LOGS ?= $(or $(CARGO_TARGET_DIR),target)/e2e-logs
test-e2e: build browsers wordpress
	$(MAKE) --no-print-directory build PUBLIC_URL=/news/ DIST=dist-news
	cargo build -p broadsheet-server
	cargo test -p broadsheet $(E2E_TESTS) --no-run
	ENGINES="$(ENGINES)" E2E_LOGS=$(E2E_LOGS) scripts/e2e.sh $(E2E_TESTS)

clean:
	cargo clean
	rm -rf dist dist-news
