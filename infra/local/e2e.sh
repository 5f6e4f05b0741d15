#!/usr/bin/env bash
# The web app's checks: builds it (types generated from the API document), lints it (ESLint
# with React's hooks rules), runs its unit tests (Vitest), then its end-to-end tests in a real
# browser: the local stack (gateway + demo nursery) against an emulator of its own, driven
# through Debian's chromium with playwright-core. Screenshots land in web/test-results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p "$CARGO_TARGET_DIR"

# Debian's chromium (the only browser this needs); installed once per machine.
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium (once)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q chromium >/dev/null 2>&1 || { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q chromium >/dev/null; }
fi

(
  cd web
  # package-lock.json pins every package; node_modules is reused while the lock is unchanged.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # The types are generated from the API's document by the build; lint and unit tests after it.
  npm run --silent build
  npm run --silent lint
  npm test --silent
)

# An emulator and a stack of their own, so the browser tests never share one with the Rust suite.
. infra/local/stack.sh
start_stack e2e web/dist

# The spec reporter for people; JUnit (to $1, when given) for test.sh's timing report.
reporters=(--test-reporter=spec --test-reporter-destination=stdout)
[ -z "${1:-}" ] || reporters+=(--test-reporter=junit "--test-reporter-destination=$1")
NESTLING_APP_URL="http://localhost:$port" node --test "${reporters[@]}" web/e2e/
