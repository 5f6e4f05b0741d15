#!/usr/bin/env bash
# make test: its own emulator on a free port, the whole suite (each test provisions its own
# table, bucket and user pool), the web app's end-to-end tests in chromium, the template
# checks, and the RustSec audit where the advisory snapshot exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p "$CARGO_TARGET_DIR"
port=$(infra/local/free-port.sh)
moto_pid=$(infra/local/emulator.sh "$port" "$CARGO_TARGET_DIR/moto-test.log")
trap 'kill "$moto_pid" 2>/dev/null || true; sleep 1; kill -9 "$moto_pid" 2>/dev/null || true' EXIT
export NESTLING_EMULATOR_URL="http://127.0.0.1:$port"
echo "emulator (moto) on $NESTLING_EMULATOR_URL"

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi

# The web app in a real browser (against an emulator of its own).
infra/local/e2e.sh

infra/lint.sh

advisories="../shared/advisory-db"
if [ -d "$advisories" ]; then
  tools="$HOME/.cache/nestling-tools"
  if [ ! -x "$tools/bin/cargo-audit" ]; then
    echo "installing cargo-audit 0.22.2 into $tools (once)"
    cargo install --quiet --locked cargo-audit --version 0.22.2 --root "$tools"
  fi
  "$tools/bin/cargo-audit" audit --no-fetch --db "$advisories"
else
  echo "notice: $advisories is absent here; skipping cargo audit"
fi
