#!/usr/bin/env bash
# A real WordPress on 127.0.0.1 for broadsheet's end-to-end tests: Debian's
# packages (install them with `scripts/tools.sh wordpress`) run as plain
# processes of our own, MariaDB, PHP-FPM and one nginx, with every file they
# write in a state folder. No system service is used or touched.
#
#   scripts/wordpress.sh start STATE_DIR BUNDLE_DIR [BUNDLE_DIR...]
#   scripts/wordpress.sh stop STATE_DIR
#
# `start` installs WordPress the first time and fills it, once per state
# folder, from broadsheet bundles (index.json + articles/), then starts one
# nginx server block per mode of tests/support/wordpress/broadsheet-modes.php
# (pretty, plain, auth, forbidden, disabled, nocors, malformed), each on its
# own port, all in front of the same WordPress. It returns once every one
# answers, having written STATE_DIR/urls, one `mode=url` line per mode (the
# url ends in `/`), and printed the same lines. On a state folder whose
# processes are all running it only checks them and prints the urls again;
# bundles given then are not seeded (seeding happens once: remove the state
# folder to seed anew).
#
# `stop` ends the three processes by the PIDs `start` recorded and waits
# for them to exit. The database and content stay in STATE_DIR, so the next
# `start` is quick.
#
# STATE_DIR also holds `settings` (the ports, reused by the next start
# while they are free, a name, the database password), `wp-config.php`
# (the site's settings), the
# servers' configs and PID files, `access.log` (nginx's, every request to
# every mode), `logs/` (MariaDB, PHP-FPM, PHP errors, nginx errors),
# `admin-password` (user `admin`, who has no posts), and the markers
# `installed` and `seeded` (the bundles seeded).
#
# Runs as any user: Debian's wp-config.php reads a site's config only from
# /etc/wordpress, where `scripts/tools.sh wordpress` installs, once, one
# that loads STATE_DIR/wp-config.php; nothing else is written outside
# STATE_DIR. (MariaDB's socket goes to $TMPDIR or /tmp when STATE_DIR's
# path is too long for a Unix socket.)
set -euo pipefail
# `&` in a ${var//pattern/replacement} replacement is literal, as paths need.
shopt -u patsub_replacement 2>/dev/null || true

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
support=$here/tests/support/wordpress
modes=(pretty plain auth forbidden disabled nocors malformed)
wordpress=/usr/share/wordpress
etc=/etc/wordpress
# The site config scripts/tools.sh installs there once
# (tests/support/wordpress/site-config.php): it loads each state folder's
# own settings, so this script writes nothing outside STATE_DIR.
site_config=broadsheet-test

usage() {
  echo "usage: $0 start STATE_DIR BUNDLE_DIR [BUNDLE_DIR...] | stop STATE_DIR" >&2
  exit 2
}

die() {
  echo "wordpress.sh: $*" >&2
  exit 1
}

# A program from PATH, or from Debian's sbin (not on every user's PATH).
program() {
  if command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  elif [ -x "/usr/sbin/$1" ]; then
    echo "/usr/sbin/$1"
  else
    die "$1 is missing: run scripts/tools.sh wordpress"
  fi
}

# Debian names the binary after PHP's version (php-fpm8.2 on bookworm).
php_fpm_program() {
  local found
  found=$(ls /usr/sbin/php-fpm[0-9]* 2>/dev/null | sort -V | tail -n1 || true)
  [ -n "$found" ] || die "php-fpm is missing: run scripts/tools.sh wordpress"
  echo "$found"
}

random_hex() {
  od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

# Fills a template's @KEY@ placeholders: template file, then KEY VALUE pairs.
fill() {
  local text
  text=$(<"$1")
  shift
  while [ $# -gt 0 ]; do
    text=${text//@$1@/$2}
    shift 2
  done
  printf '%s\n' "$text"
}

# settings: the state folder's NAME, DB_PASSWORD and ports, as KEY=VALUE
# lines, kept so a second start reuses them.
declare -A settings=()

load_settings() {
  local key value
  [ -f "$state/settings" ] || return 0
  while IFS='=' read -r key value; do
    [ -n "$key" ] && settings[$key]=$value
  done <"$state/settings"
}

save_settings() {
  local key
  for key in "${!settings[@]}"; do
    printf '%s=%s\n' "$key" "${settings[$key]}"
  done | sort >"$state/settings.new"
  mv "$state/settings.new" "$state/settings"
}

# Free loopback ports: each argument is a port used before (kept if it is
# still free) or 0 (any free port). The sockets are all held until every
# port is chosen, so the answers are distinct. SO_REUSEADDR, as the servers
# themselves use it: a port whose last connections linger in TIME_WAIT
# after a stop is still free for them.
free_ports() {
  python3 - "$@" <<'PY'
import socket, sys
held = []
for wanted in sys.argv[1:]:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(wanted)))
    except OSError:
        s.close()
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
PY
}

# Whether the PID in a pid file is a live process running the given program
# (the file could be stale and the PID reused; a zombie counts as gone).
running() {
  local file=$1 exe=$2 pid
  # The process may remove its own pid file as it exits.
  pid=$(cat "$file" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ -d "/proc/$pid" ] || return 1
  [ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$exe")" ] || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]
}

# Ends the process of a pid file and waits until it is gone: TERM, then KILL
# after 30 s. Safe to call when it is not running.
stop_process() {
  local file=$1 exe=$2 pid i
  if running "$file" "$exe"; then
    pid=$(<"$file")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 600; i++)); do
      running "$file" "$exe" || break
      sleep 0.05
    done
    if running "$file" "$exe"; then
      echo "wordpress.sh: $(basename "$exe") ($pid) ignored TERM for 30 s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        running "$file" "$exe" || break
        sleep 0.05
      done
    fi
  fi
  rm -f "$file"
}

stop_all() {
  stop_process "$state/nginx.pid" "$nginx"
  stop_process "$state/php-fpm.pid" "$php_fpm"
  stop_process "$state/mariadbd.pid" "$mariadbd"
}

all_running() {
  running "$state/mariadbd.pid" "$mariadbd" &&
    running "$state/php-fpm.pid" "$php_fpm" &&
    running "$state/nginx.pid" "$nginx"
}

# Starts a program in the background with its output in a log file and
# records its PID. Each one stays in the foreground (no daemon fork), so the
# PID is the server's own; stdin and stdout are not the caller's, so a
# caller reading our output is not kept waiting by them.
launch() {
  local pidfile=$1 log=$2
  shift 2
  "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$pidfile"
}

# Waits, by polling, until a command succeeds, while the process of a pid
# file is alive; fails with the log's tail if it dies or 60 s pass.
await() {
  local what=$1 pidfile=$2 exe=$3 log=$4 i
  shift 4
  for ((i = 0; i < 600; i++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if ! running "$pidfile" "$exe"; then
      tail -n 30 "$log" >&2 || true
      die "$what exited while starting (log: $log)"
    fi
    sleep 0.1
  done
  tail -n 30 "$log" >&2 || true
  die "$what did not get ready in 60 s (log: $log)"
}

# Waits until every url answers with something WordPress made (any status
# but nginx's 502/503/504 while PHP-FPM is not there yet). It asks for the
# API's index, which every mode answers in its own way, trimmed to one field.
await_urls() {
  python3 - "$@" <<'PY'
import sys, time, urllib.error, urllib.request
deadline = time.monotonic() + 60
for url in sys.argv[1:]:
    while True:
        try:
            urllib.request.urlopen(url + "?rest_route=/&_fields=name", timeout=10).read()
            break
        except urllib.error.HTTPError as error:
            if error.code not in (502, 503, 504):
                break
            problem = f"HTTP {error.code}"
        except OSError as error:
            problem = str(error)
        if time.monotonic() > deadline:
            sys.exit(f"wordpress.sh: {url} did not answer in 60 s: {problem}")
        time.sleep(0.1)
PY
}

write_urls() {
  local mode
  for mode in "${modes[@]}"; do
    echo "$mode=http://127.0.0.1:${settings[PORT_$mode]}/"
  done >"$state/urls.new"
  mv "$state/urls.new" "$state/urls"
  cat "$state/urls"
}

mysql_client() {
  "$mariadb" --no-defaults --socket="$socket" -uroot "$@"
}

start() {
  [ $# -ge 2 ] || usage
  local dir=$1 bundles=() bundle
  shift
  for bundle in "$@"; do
    [ -f "$bundle/index.json" ] || die "$bundle/index.json: no such file"
    bundles+=("$(cd "$bundle" && pwd)")
  done
  mkdir -p "$dir"
  state=$(cd "$dir" && pwd)
  [ -e "$wordpress/wp-load.php" ] || die "WordPress is missing: run scripts/tools.sh wordpress"
  [ -f "$etc/config-$site_config.php" ] ||
    die "$etc/config-$site_config.php is missing: run scripts/tools.sh wordpress"

  load_settings
  if all_running && [ -f "$state/urls" ] && [ -f "$state/wp-config.php" ]; then
    local urls=()
    for mode in "${modes[@]}"; do urls+=("http://127.0.0.1:${settings[PORT_$mode]}/"); done
    await_urls "${urls[@]}"
    if [ -f "$state/seeded" ] && [ "$(cat "$state/seeded")" != "$(printf '%s\n' "${bundles[@]}")" ]; then
      echo "wordpress.sh: already running, seeded from $(tr '\n' ' ' <"$state/seeded")(remove $state to seed anew)" >&2
    fi
    write_urls
    return 0
  fi
  # Some but not all running (one crashed): start afresh.
  stop_all

  # On any failure from here, leave nothing running behind.
  trap 'status=$?; if [ $status -ne 0 ]; then stop_all; fi' EXIT

  # A per-state-folder name for the config file (Debian allows letters,
  # digits and '-'), a database password, and ports.
  [ -n "${settings[NAME]:-}" ] || settings[NAME]=broadsheet-$(random_hex 6)
  [ -n "${settings[DB_PASSWORD]:-}" ] || settings[DB_PASSWORD]=$(random_hex 12)
  local keys=(DB_PORT FPM_PORT) key mode ports
  for mode in "${modes[@]}"; do keys+=("PORT_$mode"); done
  local wanted=()
  for key in "${keys[@]}"; do wanted+=("${settings[$key]:-0}"); done
  read -r -a ports <<<"$(free_ports "${wanted[@]}")"
  for i in "${!keys[@]}"; do settings[${keys[$i]}]=${ports[$i]}; done
  save_settings
  local name=${settings[NAME]}

  mkdir -p "$state/logs" "$state/nginx" "$state/content/mu-plugins" \
    "$state/content/plugins" "$state/content/uploads"
  # The packaged themes (Twenty Twenty-Three) seen from our content folder,
  # and our mu-plugin, linked so edits to it apply at once.
  ln -sfn "$wordpress/wp-content/themes" "$state/content/themes"
  ln -sfn "$support/broadsheet-modes.php" "$state/content/mu-plugins/broadsheet-modes.php"

  # MariaDB: a data folder of its own, created once. The socket lives in the
  # state folder unless that path is too long for a Unix socket.
  socket=$state/mysqld.sock
  if [ ${#socket} -gt 100 ]; then
    socket=${TMPDIR:-/tmp}/$name.sock
  fi
  if [ ! -d "$state/mysql/mysql" ]; then
    rm -rf "$state/mysql"
    "$(program mariadb-install-db)" --no-defaults --datadir="$state/mysql" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
      >"$state/logs/mariadb-install.log" 2>&1 ||
      { tail -n 30 "$state/logs/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
  fi
  # Durability traded for speed (a test database): no fsync per commit, no
  # doublewrite buffer.
  launch "$state/mariadbd.pid" "$state/logs/mariadb.log" "$mariadbd" --no-defaults \
    --datadir="$state/mysql" --socket="$socket" --port="${settings[DB_PORT]}" \
    --bind-address=127.0.0.1 --user="$(id -un)" --pid-file="$state/mariadbd.pid" \
    --log-error="$state/logs/mariadb.log" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=0 \
    --innodb-doublewrite=0 --max-connections=64
  await MariaDB "$state/mariadbd.pid" "$mariadbd" "$state/logs/mariadb.log" \
    mysql_client -e 'select 1'
  mysql_client <<SQL
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wordpress'@'127.0.0.1' IDENTIFIED BY '${settings[DB_PASSWORD]}';
ALTER USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '${settings[DB_PASSWORD]}';
GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';
SQL

  # The site's config, where Debian's wp-config.php looks for it.
  fill "$support/config.php" STATE "$state" NAME "$name" \
    DB_PASSWORD "${settings[DB_PASSWORD]}" DB_PORT "${settings[DB_PORT]}" \
    PRETTY_PORT "${settings[PORT_pretty]}" \
    SALT1 "$(random_hex 32)" SALT2 "$(random_hex 32)" SALT3 "$(random_hex 32)" \
    SALT4 "$(random_hex 32)" SALT5 "$(random_hex 32)" SALT6 "$(random_hex 32)" \
    SALT7 "$(random_hex 32)" SALT8 "$(random_hex 32)" >"$state/wp-config.php.new"
  mv "$state/wp-config.php.new" "$state/wp-config.php"
  export BROADSHEET_WP_SETTINGS=$state/wp-config.php

  # PHP-FPM: -R lets it run as root; its workers then run as root too.
  local user_lines=""
  if [ "$(id -u)" -eq 0 ]; then
    user_lines=$'user = root\ngroup = root'
  fi
  fill "$support/php-fpm.conf" STATE "$state" PORT "${settings[FPM_PORT]}" \
    USER "$user_lines" >"$state/php-fpm.conf"
  launch "$state/php-fpm.pid" "$state/logs/php-fpm.out" "$php_fpm" -R -F -y "$state/php-fpm.conf"

  # nginx: one server block per mode.
  local servers=""
  for mode in "${modes[@]}"; do
    servers+=$(fill "$support/server.conf" MODE "$mode" PORT "${settings[PORT_$mode]}" \
      STATE "$state" FPM_PORT "${settings[FPM_PORT]}" NAME "$site_config")$'\n'
  done
  fill "$support/nginx.conf" STATE "$state" SERVERS "$servers" >"$state/nginx.conf"
  mkdir -p "$state/nginx"
  launch "$state/nginx.pid" "$state/logs/nginx.out" "$nginx" -c "$state/nginx.conf" \
    -p "$state/nginx" -e "$state/logs/nginx-error.log"

  # Install (once) and seed (once), by PHP's CLI while the servers start.
  if [ ! -f "$state/installed" ]; then
    php "$support/setup.php" install "$site_config" "$state" || die "installing WordPress failed"
    touch "$state/installed"
  fi
  if [ ! -f "$state/seeded" ]; then
    php "$support/setup.php" seed "$site_config" "${bundles[@]}" >&2 || die "seeding WordPress failed"
    printf '%s\n' "${bundles[@]}" >"$state/seeded"
  elif [ "$(cat "$state/seeded")" != "$(printf '%s\n' "${bundles[@]}")" ]; then
    echo "wordpress.sh: seeded before from $(tr '\n' ' ' <"$state/seeded")(remove $state to seed anew)" >&2
  fi

  local urls=()
  for mode in "${modes[@]}"; do urls+=("http://127.0.0.1:${settings[PORT_$mode]}/"); done
  running "$state/php-fpm.pid" "$php_fpm" ||
    { tail -n 30 "$state/logs/php-fpm.log" >&2 || true; die "php-fpm exited (log: $state/logs/php-fpm.log)"; }
  running "$state/nginx.pid" "$nginx" ||
    { tail -n 30 "$state/logs/nginx-error.log" >&2 || true; die "nginx exited (log: $state/logs/nginx-error.log)"; }
  await_urls "${urls[@]}"
  write_urls
  trap - EXIT
}

stop() {
  [ $# -eq 1 ] || usage
  [ -d "$1" ] || return 0
  state=$(cd "$1" && pwd)
  load_settings
  stop_all
}

[ $# -ge 1 ] || usage
command=$1
shift
mariadbd=$(program mariadbd)
mariadb=$(program mariadb)
nginx=$(program nginx)
php_fpm=$(php_fpm_program)
case "$command" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  *) usage ;;
esac
