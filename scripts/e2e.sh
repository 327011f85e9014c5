#!/usr/bin/env bash
# The end-to-end suites in each engine, for `make test-e2e`:
#   scripts/e2e.sh --test e2e_listing --test e2e_grid …
# Every engine runs even if one fails. A test file that fails is run once
# more, on its own, in the same engine: a failure that does not come back
# is reported at the end with its first output (these suites drive three
# real browsers on a shared two-core machine), a failure that comes back
# fails the run. The end of the output names every failed scenario and
# its error, so a CI log's last lines say what went wrong.
#
# Environment: ENGINES (default "chromium firefox webkit"), E2E_LOGS (where
# each engine's whole output is kept), CARGO_TARGET_DIR.
set -uo pipefail

logs=${E2E_LOGS:-target/e2e-logs}
server=${CARGO_TARGET_DIR:-target}/debug/broadsheet-server
mkdir -p "$logs"

run() {
  local engine=$1
  shift
  local wrap=()
  [ "$engine" = webkit ] && wrap=(xvfb-run -a)
  BROADSHEET_ENGINE=$engine BROADSHEET_DIST=dist BROADSHEET_DIST_NEWS=dist-news \
    BROADSHEET_SERVER=$server "${wrap[@]}" cargo test -p broadsheet --no-fail-fast "$@"
}

# The failed scenarios in a log, each with its error.
failures() {
  grep -h -A3 -e ' \.\.\. FAILED' -e '^error: ' "$1" || true
}

failed=()
again=()
for engine in ${ENGINES:-chromium firefox webkit}; do
  echo "== end-to-end in $engine"
  if run "$engine" "$@" 2>&1 | tee "$logs/$engine.log"; then
    continue
  fi
  # cargo names each failed test file as `--test <name>`.
  mapfile -t files < <(grep -o -e '--test e2e_[a-z0-9_]*' "$logs/$engine.log" | sort -u)
  if [ ${#files[@]} -eq 0 ]; then
    failed+=("$engine")
    continue
  fi
  echo "== $engine: running again on their own: ${files[*]}"
  # shellcheck disable=SC2068 # each entry is `--test <name>`: two words
  if run "$engine" ${files[@]} 2>&1 | tee "$logs/$engine-again.log"; then
    again+=("$engine")
  else
    failed+=("$engine")
  fi
done

for engine in "${again[@]}"; do
  echo "== $engine: failed, then passed when run again ($logs/$engine.log):"
  failures "$logs/$engine.log"
done
for engine in "${failed[@]}"; do
  log=$logs/$engine.log
  [ -f "$logs/$engine-again.log" ] && log=$logs/$engine-again.log
  echo "== failed in $engine ($log):"
  failures "$log"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "end-to-end tests failed in: ${failed[*]}"
  exit 1
fi
echo "end-to-end tests passed in: ${ENGINES:-chromium firefox webkit}"
