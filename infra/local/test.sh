#!/usr/bin/env bash
# make test: the hygiene gates (rustfmt, clippy), a small pool of emulators on free ports and
# the whole Rust suite against it (each test provisions its own table, bucket and user pool on
# one of them), the web app's end-to-end tests in chromium, the API fuzzer, the template checks, and the RustSec
# audit where the advisory snapshot exists. Ends by printing each step's time and the ten
# slowest tests, whether it passed or not.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p "$CARGO_TARGET_DIR"

report_dir="$CARGO_TARGET_DIR/test-report"
rm -rf "$report_dir" target/nextest/default/junit.xml
mkdir -p "$report_dir"
steps="$report_dir/steps"
: >"$steps"
step_started=$SECONDS
current="rustfmt and clippy"
# step <next name>: records the time of the step that just ended and names the next one.
step() {
  echo "$current $((SECONDS - step_started))" >>"$steps"
  step_started=$SECONDS
  current="$1"
}

moto_pids=()
finish() {
  local status=$?
  [ "$status" -eq 0 ] || echo "$current (failed) $((SECONDS - step_started))" >>"$steps"
  for pid in "${moto_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${moto_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  python3 infra/local/test_report.py "$steps" rust=target/nextest/default/junit.xml "web/e2e=$report_dir/e2e-junit.xml" || true
  exit "$status"
}
trap finish EXIT

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --quiet --workspace --all-targets -- -D warnings
step "Rust suite (build and run)"

# moto serves DynamoDB one request at a time (infra/local/moto_server.py says why) and runs
# Python on one core, so one emulator would queue every test behind every other; tests are
# spread over a pool instead (tests/src/lib.rs picks one per test).
pool="${NESTLING_EMULATOR_POOL:-3}"
urls=()
for i in $(seq 1 "$pool"); do
  port=$(infra/local/free-port.sh)
  moto_pids+=("$(infra/local/emulator.sh "$port" "$CARGO_TARGET_DIR/moto-test-$i.log")")
  urls+=("http://127.0.0.1:$port")
done
NESTLING_EMULATOR_URLS=$(IFS=,; echo "${urls[*]}")
export NESTLING_EMULATOR_URLS
echo "emulators (moto): $NESTLING_EMULATOR_URLS"

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi
step "web app (e2e.sh)"

# The web app in a real browser (against an emulator of its own).
infra/local/e2e.sh "$report_dir/e2e-junit.xml"
step "API fuzzing (fuzz.sh)"

# schemathesis against a stack of its own: 0 server errors, the schema kept, and no answer to
# one family or setting carrying another's data (three bounded passes).
NESTLING_FUZZ_SECONDS="${NESTLING_FUZZ_SECONDS:-45}" infra/local/fuzz.sh
step "template lint"

infra/lint.sh
step "cargo audit"

advisories="../shared/advisory-db"
if [ -d "$advisories" ]; then
  tools="$HOME/.cache/nestling-tools"
  if [ ! -x "$tools/bin/cargo-audit" ]; then
    echo "installing cargo-audit 0.22.2 into $tools (once)"
    # A debug build: it compiles in half the time of a release one, and reading one lock file
    # against the advisories takes seconds either way.
    cargo install --quiet --locked --debug cargo-audit --version 0.22.2 --root "$tools"
  fi
  "$tools/bin/cargo-audit" audit --no-fetch --db "$advisories"
else
  echo "notice: $advisories is absent here; skipping cargo audit"
fi
step done
