#!/usr/bin/env bash
# API fuzzing with schemathesis (pinned, in .venv-fuzz) against a local stack of its own: the
# demo nursery plus a second setting only identity B owns (fuzz_setup.py). Three bounded passes,
# each failing on any finding:
#   1. authorisation: a parent (A) calls every operation with an id in its path, the ids steered
#      to B's objects (another family's child, another setting): each must be refused, and no
#      answer may carry B's data (fuzz_hooks.py);
#   2. broad, as the parent: every operation and phase, schema conformance, schemathesis'
#      object-level authorisation check (A's reads replayed as parent B);
#   3. staff: Little Acorns' manager over every operation, steered to the other setting's ids.
# 0 server errors is one of the checks in every pass. Budgets: NESTLING_FUZZ_SECONDS per pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p "$CARGO_TARGET_DIR"
out="$CARGO_TARGET_DIR/fuzz"
rm -rf "$out" && mkdir -p "$out"
export NESTLING_FUZZ_DIR="$out"
budget="${NESTLING_FUZZ_SECONDS:-60}"

venv=.venv-fuzz
req=infra/local/fuzz-requirements.lock
if [ ! -x "$venv/bin/st" ] || [ "$req" -nt "$venv/bin/st" ]; then
  echo "fuzz.sh: installing schemathesis into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  touch "$venv/bin/st"
fi

. infra/local/stack.sh
start_stack fuzz "$out/no-web"
api="http://localhost:$port"

"$venv/bin/python" infra/local/fuzz_setup.py "$api" "$out"
# One seed a day: a failure reproduces with NESTLING_FUZZ_SEED, yet the inputs move on.
seed="${NESTLING_FUZZ_SEED:-$(date +%Y%m%d)}"
run=(run docs/openapi.json --url "$api" --workers 1 --request-timeout 10 --seed "$seed" --no-color)
export SCHEMATHESIS_HOOKS=infra/local/fuzz_hooks.py
status=0
ids='\{(settingId|childId|userId|observationId|faultId|breachId|accidentId|mediaId|contributionId|permissionId)\}'

echo "fuzz.sh: 1. authorisation, as a parent, against $api (seed $seed, ${budget} s)"
(set -a; . "$out/hooks.env"; NESTLING_FUZZ_AS=parentA; set +a
  "$venv/bin/st" --config-file infra/local/fuzz-parents.toml "${run[@]}" --include-path-regex "$ids" --phases fuzzing --max-examples 20 --max-time "$budget" \
    --checks not_a_server_error,no_foreign_data,foreign_ids_refused \
    --report junit --report-junit-path "$out/fuzz-authorisation-junit.xml") || status=1

echo "fuzz.sh: 2. every operation, as a parent (${budget} s)"
(set -a; . "$out/hooks.env"; NESTLING_FUZZ_AS=parentA; NESTLING_FUZZ_STEER=0; set +a
  "$venv/bin/st" --config-file infra/local/fuzz-parents.toml "${run[@]}" --phases examples,coverage,fuzzing --max-time "$budget" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,object_level_authorization,no_foreign_data \
    --report junit --report-junit-path "$out/fuzz-parent-junit.xml") || status=1

echo "fuzz.sh: 3. every operation, as a manager (${budget} s)"
token=$(sed -n 's/^TOKEN_managerS1=//p' "$out/tokens.env")
(set -a; . "$out/hooks-staff.env"; set +a
  "$venv/bin/st" --config-file infra/local/fuzz.toml "${run[@]}" -H "Authorization: Bearer $token" --phases examples,coverage,fuzzing --max-time "$budget" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,no_foreign_data,foreign_ids_refused \
    --report junit --report-junit-path "$out/fuzz-staff-junit.xml") || status=1
exit "$status"
