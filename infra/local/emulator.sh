#!/usr/bin/env bash
# Starts moto's server on 127.0.0.1:$1 in the background, waits until it answers, and prints
# its pid. Used by dev.sh, test.sh and bench.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="$1"
log="${2:-/dev/null}"
# Authenticator codes are checked for real (RFC 6238), as Cognito does, so a wrong code fails.
MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true .venv/bin/python infra/local/moto_server.py -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/_nestling/mail?to=ready%40emulator.test" >/dev/null 2>&1; then
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "moto_server exited; see $log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "moto_server did not start on port $port" >&2
kill "$pid" 2>/dev/null || true
exit 1
