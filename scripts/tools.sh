#!/usr/bin/env bash
# Installs broadsheet's build and test tools, each only when it is missing
# or at the wrong version, and says in one line what it did.
#
#   scripts/tools.sh build    wasm32 target, trunk, wasm-bindgen-cli, wasm-opt
#   scripts/tools.sh browsers Chromium + chromedriver, Firefox ESR, WebKitGTK's
#                             WebKitWebDriver, xvfb, nginx + brotli_static,
#                             Caddy (Debian packages), geckodriver (cargo
#                             install), axe-core (npm)
#   scripts/tools.sh audit    Lighthouse (npm), for `make audit`
#   scripts/tools.sh bench    Pagefind (npm), which `make bench` runs beside
#                             broadsheet's own search
#   scripts/tools.sh wordpress WordPress, MariaDB, PHP-FPM with mysqli, nginx
#                             (Debian packages), for scripts/wordpress.sh
#
# Everything but the Debian packages goes under $BROADSHEET_TOOLS
# (default: ~/.cache/broadsheet/tools); the Makefile puts its bin/ on PATH.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${BROADSHEET_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/broadsheet/tools}
mkdir -p "$tools/bin"
export PATH="$tools/bin:$PATH"

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.36.0
BINARYEN_VERSION=132
AXE_VERSION=4.14.1
# 12.x: Lighthouse 13 needs Node 22.
LIGHTHOUSE_VERSION=12.8.2
PAGEFIND_VERSION=1.6.0

say() { printf '%-18s %s\n' "$1" "$2"; }

# The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$here/Cargo.lock"
}

wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say wasm32 "present"
  else
    say wasm32 "installing"
    rustup target add wasm32-unknown-unknown
  fi
}

trunk_tool() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    say trunk "$TRUNK_VERSION present"
  else
    say trunk "installing $TRUNK_VERSION (several minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --root "$tools"
  fi
}

wasm_bindgen_tool() {
  local want
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || { echo "Cargo.lock names no wasm-bindgen version" >&2; exit 1; }
  if ! grep -q "wasm_bindgen = \"$want\"" "$here/Trunk.toml"; then
    echo "Trunk.toml pins a wasm_bindgen other than Cargo.lock's $want: update [tools] in Trunk.toml" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] &&
     [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" = "wasm-bindgen-test-runner $want" ]; then
    say wasm-bindgen "$want present"
  else
    say wasm-bindgen "installing $want (a few minutes, once)"
    # Not --locked: the CLI's own lock file names a crate version the
    # registry no longer serves.
    cargo install wasm-bindgen-cli --version "$want" --root "$tools" --force
  fi
}

wasm_opt_tool() {
  if wasm-opt --version 2>/dev/null | grep -qF "(version_$BINARYEN_VERSION)"; then
    say wasm-opt "version_$BINARYEN_VERSION present"
  else
    say wasm-opt "installing binaryen@$BINARYEN_VERSION from npm"
    npm install --silent --no-audit --no-fund --prefix "$tools/npm" "binaryen@$BINARYEN_VERSION.0.0"
    ln -sf "$tools/npm/node_modules/.bin/wasm-opt" "$tools/bin/wasm-opt"
  fi
}

# Debian packages: installed only when a command (or, for an absolute
# path, a file) is missing. Arguments: pairs of command-or-file, package.
apt_packages() {
  local missing=()
  while [ $# -gt 0 ]; do
    case "$1" in
      /*) [ -e "$1" ] || missing+=("$2") ;;
      *) command -v "$1" >/dev/null 2>&1 || missing+=("$2") ;;
    esac
    shift 2
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

# Installs Debian packages (as root, or through sudo).
apt_install() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say apt "installing $*"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

# Firefox's WebDriver from crates, pinned.
geckodriver_tool() {
  if [ "$(geckodriver --version 2>/dev/null | head -n1)" = "geckodriver $GECKODRIVER_VERSION" ]; then
    say geckodriver "$GECKODRIVER_VERSION present"
  else
    say geckodriver "installing $GECKODRIVER_VERSION (a few minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --root "$tools"
  fi
}

# An npm package at a pinned version under $tools/<folder>, installed only
# when missing or at another version. Arguments: package, version, folder.
npm_package() {
  local file="$tools/$3/node_modules/$1/package.json"
  if [ -f "$file" ] && grep -q "\"version\": \"$2\"" "$file"; then
    say "$1" "$2 present"
  else
    say "$1" "installing $2 from npm"
    npm install --silent --no-audit --no-fund --prefix "$tools/$3" "$1@$2"
  fi
}

# axe-core, the accessibility rules the end-to-end audits inject.
axe_tool() {
  npm_package axe-core "$AXE_VERSION" npm
}

# Lighthouse, for `make audit` only (large: kept out of `make test`).
lighthouse_tool() {
  npm_package lighthouse "$LIGHTHOUSE_VERSION" lighthouse
}

# Pagefind, the static search `make bench` measures broadsheet against.
pagefind_tool() {
  npm_package pagefind "$PAGEFIND_VERSION" pagefind
  ln -sf "$tools/pagefind/node_modules/.bin/pagefind" "$tools/bin/pagefind"
}

# The PHP-FPM binary Debian installed (php-fpm8.2 on bookworm), the newest
# if there are several; empty when there is none.
php_fpm_binary() {
  local found
  found=$(ls /usr/sbin/php-fpm[0-9]* 2>/dev/null | sort -V | tail -n1 || true)
  printf '%s' "$found"
}

# A real WordPress for the end-to-end tests (scripts/wordpress.sh runs it as
# plain processes). Each package is installed only when what it provides is
# missing. Without recommends (the one recommend needed, the default theme,
# is named), and with nginx in the same list: the wordpress package needs
# "apache2 | httpd", which nginx provides, so apt does not pull in Apache.
# The lock timeout lets this wait for another apt-get (the browsers step may
# be installing at the same time) instead of failing.
# Debian's packages try to start mariadb and php-fpm as system services; in a
# container whose policy-rc.d forbids that they stay stopped;
# elsewhere they may run, harmlessly: scripts/wordpress.sh starts its own
# processes on their own ports and never uses them.
wordpress() {
  local missing=()
  [ -e /usr/share/wordpress/wp-load.php ] || missing+=(wordpress)
  # WordPress 6.1's default theme, a recommends of the wordpress package:
  # without a theme the site's own pages (its 404 page) are blank.
  [ -e /usr/share/wordpress/wp-content/themes/twentytwentythree/style.css ] ||
    missing+=(wordpress-theme-twentytwentythree)
  [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  [ -n "$(php_fpm_binary)" ] || missing+=(php-fpm)
  command -v php >/dev/null 2>&1 || missing+=(php-cli)
  php -m 2>/dev/null | grep -qix mysqli || missing+=(php-mysql)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    say apt "installing ${missing[*]}"
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 \
      install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The one site config the test WordPress needs where Debian's WordPress
  # looks (tests/support/wordpress/site-config.php): it loads each test
  # site's own settings from its state folder.
  local site_config=/etc/wordpress/config-broadsheet-test.php
  if ! cmp -s "$here/tests/support/wordpress/site-config.php" "$site_config"; then
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    say wordpress "installing $site_config"
    "${sudo[@]}" install -D -m 0644 "$here/tests/support/wordpress/site-config.php" "$site_config"
  fi
  say wordpress "$(dpkg-query -W -f '${Version}' wordpress 2>/dev/null) present"
  say mariadb "$(/usr/sbin/mariadbd --version 2>/dev/null | awk '{print $3}') present"
  say php-fpm "$("$(php_fpm_binary)" -v 2>/dev/null | awk 'NR == 1 {print $2}') present ($(basename "$(php_fpm_binary)"), mysqli)"
  say nginx "$(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //') present"
}

browsers() {
  apt_packages chromium chromium chromedriver chromium-driver nginx nginx \
    /usr/lib/nginx/modules/ngx_http_brotli_static_module.so libnginx-mod-http-brotli-static \
    firefox-esr firefox-esr WebKitWebDriver webkit2gtk-driver xvfb-run xvfb xauth xauth \
    /usr/bin/caddy caddy
  geckodriver_tool
  axe_tool
  say chromium "$(chromium --version 2>/dev/null | head -n1)"
  say chromedriver "$(chromedriver --version 2>/dev/null | awk '{print $1, $2}')"
  say nginx "$(nginx -v 2>&1 | sed 's/^nginx version: //') with brotli_static"
  say caddy "$(/usr/bin/caddy version 2>/dev/null | awk '{print $1}')"
  say firefox "$(firefox-esr --version 2>/dev/null | head -n1)"
  say webkit "$(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null)"
}

# PostgreSQL (Debian's package) for broadsheet-server's database tests and
# load benchmark: only its programs are used, as plain processes in a
# temporary folder (crates/server/src/scratch.rs); the package's own
# cluster and service are not needed.
postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_install postgresql
  local initdb
  initdb="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n1)"
  say postgresql "$("$initdb" --version 2>/dev/null | awk '{print $3}') present"
}

case "${1:-}" in
  build) wasm_target; trunk_tool; wasm_bindgen_tool; wasm_opt_tool ;;
  browsers) browsers ;;
  audit) lighthouse_tool ;;
  bench) pagefind_tool ;;
  wordpress) wordpress ;;
  postgres) postgres ;;
  *) echo "usage: $0 build|browsers|audit|bench|wordpress|postgres" >&2; exit 2 ;;
esac
