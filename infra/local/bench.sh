#!/usr/bin/env bash
# make bench: stripped release builds of every function and of a hello-world lambda_http
# binary, then the measurements (the harness itself runs in the dev profile) against a fresh
# emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BINS="faults-report journal-get" measures the sizes and cold starts of those binaries only
# (each LTO link takes about 90 s on 2 cores; all 76 take about an hour); every function's
# round trips and handler time are measured either way.
if [ -n "${BINS:-}" ]; then
  bins=(--bin bench-hello)
  for bin in $BINS; do bins+=(--bin "$bin"); done
  cargo build --release "${bins[@]}"
else
  cargo build --release -p nestling-accounts -p nestling-settings -p nestling-staff -p nestling-outbox -p nestling-children -p nestling-guardians -p nestling-media-function -p nestling-journal -p nestling-care -p nestling-incidents -p nestling-comms -p nestling-assessment -p bench-hello --bins
fi
# ARCH=arm64 also cross-builds the same binaries for arm64, the deployed architecture, with
# cargo-lambda (pinned, from PyPI; it brings zig as the linker) and reports their sizes.
if [ "${ARCH:-}" = arm64 ]; then
  lambda_venv="$HOME/.cache/nestling-tools/lambda-venv"
  if [ ! -x "$lambda_venv/bin/cargo-lambda" ]; then
    python3 -m venv "$lambda_venv"
    "$lambda_venv/bin/pip" install --quiet --disable-pip-version-check "cargo-lambda==1.8.6"
  fi
  rustup target add aarch64-unknown-linux-gnu
  if [ -n "${BINS:-}" ]; then arm_bins=("${bins[@]}"); else arm_bins=(--workspace --exclude nestling-tests --exclude nestling-local --exclude nestling-cost); fi
  PATH="$lambda_venv/bin:$PATH" cargo lambda build --release --arm64 "${arm_bins[@]}"
  export ARM64_LAMBDA_DIR="$CARGO_TARGET_DIR/lambda"
fi
cargo build -p nestling-tests --bin bench
mkdir -p "$CARGO_TARGET_DIR"
port=$(infra/local/free-port.sh)
moto_pid=$(infra/local/emulator.sh "$port" "$CARGO_TARGET_DIR/moto-bench.log")
trap 'kill "$moto_pid" 2>/dev/null || true; sleep 1; kill -9 "$moto_pid" 2>/dev/null || true' EXIT
NESTLING_EMULATOR_URL="http://127.0.0.1:$port" RUST_LOG=warn RELEASE_DIR="$CARGO_TARGET_DIR/release" "$CARGO_TARGET_DIR/debug/bench"
