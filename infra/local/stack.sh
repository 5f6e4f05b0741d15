# Sourced by e2e.sh and fuzz.sh: start_stack <name> <web dir> builds nothing new (the suite's
# binary, with the features the tests resolve), starts an emulator of its own and the local
# stack with the demo nursery on free ports, waits until the demo is seeded, and sets
# $port, $stack_log and $NESTLING_DEMO_TOTP_SECRET (the demo staff's authenticator secret,
# which the stack prints). Both are stopped when the calling script exits.
start_stack() {
  local name="$1" web_dir="$2" emulator_port
  # On its own, `-p nestling-local` resolves features differently and compiles every AWS SDK
  # crate a second time; with the workspace's tests, which are built by then, it is a check.
  cargo build -q --workspace --tests --bin nestling-local
  emulator_port=$(infra/local/free-port.sh)
  moto_pid=$(infra/local/emulator.sh "$emulator_port" "$CARGO_TARGET_DIR/moto-$name.log")
  port=$(infra/local/free-port.sh)
  stack_log="$CARGO_TARGET_DIR/$name-stack.log"
  NESTLING_EMULATOR_PORT="$emulator_port" NESTLING_PORT="$port" NESTLING_WEB_DIR="$web_dir" \
    "$CARGO_TARGET_DIR/debug/nestling-local" >"$stack_log" 2>&1 &
  stack_pid=$!
  trap 'kill "$stack_pid" 2>/dev/null || true; kill "$moto_pid" 2>/dev/null || true' EXIT
  # The secret is printed last, after "Nestling is running" and the demo logins.
  for _ in $(seq 1 600); do
    grep -q "Authenticator secret of the demo's staff:" "$stack_log" && break
    kill -0 "$stack_pid" 2>/dev/null || { echo "the local stack stopped:"; tail -40 "$stack_log"; exit 1; }
    sleep 0.5
  done
  grep -q "Authenticator secret of the demo's staff:" "$stack_log" || { echo "the local stack did not start in 5 minutes:"; tail -40 "$stack_log"; exit 1; }
  NESTLING_DEMO_TOTP_SECRET=$(sed -n "s/^Authenticator secret of the demo's staff: \([A-Za-z2-7]*\).*/\1/p" "$stack_log" | head -1)
  export NESTLING_DEMO_TOTP_SECRET
  echo "local stack with the demo nursery on http://localhost:$port"
}
