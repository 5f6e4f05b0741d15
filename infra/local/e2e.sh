#!/usr/bin/env bash
# End-to-end tests of the web app in a real browser: builds the app, runs the local stack
# (gateway + demo nursery) against an emulator of its own, and drives Debian's chromium with
# playwright-core. Screenshots land in web/test-results/.
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
  npm run --silent build
)

# Built with the features the test suite resolves (the workspace with its tests): on its own,
# `-p nestling-local` resolves them differently and compiles every AWS SDK crate a second
# time. The tests are already built by then, so `--tests` costs a check.
cargo build -q --workspace --tests --bin nestling-local
# An emulator of its own, so the browser tests never share one with the Rust suite.
emulator_port=$(infra/local/free-port.sh)
moto_pid=$(infra/local/emulator.sh "$emulator_port" "$CARGO_TARGET_DIR/moto-e2e.log")
port=$(infra/local/free-port.sh)
log="$CARGO_TARGET_DIR/e2e-stack.log"
NESTLING_EMULATOR_PORT="$emulator_port" NESTLING_PORT="$port" NESTLING_WEB_DIR=web/dist \
  "$CARGO_TARGET_DIR/debug/nestling-local" >"$log" 2>&1 &
stack_pid=$!
trap 'kill "$stack_pid" 2>/dev/null || true; kill "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q "Nestling is running" "$log" && break
  kill -0 "$stack_pid" 2>/dev/null || { echo "the local stack stopped:"; tail -40 "$log"; exit 1; }
  sleep 0.5
done
grep -q "Nestling is running" "$log" || { echo "the local stack did not start in 5 minutes:"; tail -40 "$log"; exit 1; }
echo "local stack with the demo nursery on http://localhost:$port"
# Staff sign in with an authenticator code too: the secret the stack prints for the demo staff.
for _ in $(seq 1 20); do grep -q "Authenticator secret of the demo's staff:" "$log" && break; sleep 0.2; done
NESTLING_DEMO_TOTP_SECRET=$(sed -n "s/^Authenticator secret of the demo's staff: \([A-Za-z2-7]*\).*/\1/p" "$log" | head -1)
export NESTLING_DEMO_TOTP_SECRET

# The spec reporter for people; JUnit (to $1, when given) for test.sh's timing report.
reporters=(--test-reporter=spec --test-reporter-destination=stdout)
[ -z "${1:-}" ] || reporters+=(--test-reporter=junit "--test-reporter-destination=$1")
NESTLING_APP_URL="http://localhost:$port" node --test "${reporters[@]}" web/e2e/
