#!/usr/bin/env bash
# make dev: the emulator, the gateway on $NESTLING_PORT (3000) serving every route and the
# web app built into web/dist, the outbox consumer, and the demo nursery. Ctrl-C stops
# everything this script started.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NESTLING_EMULATOR_PORT="${NESTLING_EMULATOR_PORT:-5055}"
export NESTLING_PORT="${NESTLING_PORT:-3000}"
cargo build -p nestling-local --bin nestling-local
# The web app into web/dist (the gateway serves $NESTLING_WEB_DIR, default web/dist); its
# dependencies are installed again only when package-lock.json changed since the last install.
(cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build)
echo "web app built; it will be at http://localhost:$NESTLING_PORT/"
mkdir -p "$CARGO_TARGET_DIR"
moto_pid=$(infra/local/emulator.sh "$NESTLING_EMULATOR_PORT" "$CARGO_TARGET_DIR/moto-dev.log")
trap 'kill "$moto_pid" 2>/dev/null || true' EXIT INT TERM
echo "emulator (moto) on 127.0.0.1:$NESTLING_EMULATOR_PORT, pid $moto_pid"
"$CARGO_TARGET_DIR/debug/nestling-local"
