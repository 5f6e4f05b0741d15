#!/usr/bin/env bash
# make bench: release builds of every function, then the measurements against a fresh emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -p nestling-accounts -p nestling-settings -p nestling-staff -p nestling-outbox --bins
cargo build --release -p nestling-tests --bin bench-hello --bin bench
mkdir -p "$CARGO_TARGET_DIR"
port=$(infra/local/free-port.sh)
moto_pid=$(infra/local/emulator.sh "$port" "$CARGO_TARGET_DIR/moto-bench.log")
trap 'kill "$moto_pid" 2>/dev/null || true' EXIT
NESTLING_EMULATOR_URL="http://127.0.0.1:$port" RUST_LOG=warn "$CARGO_TARGET_DIR/release/bench"
