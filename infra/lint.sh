#!/usr/bin/env bash
# Offline lint of infra/template.yaml and its nested stacks (infra/stacks/): cfn-lint and checkov, each in its own project-local
# virtualenv (checkov's pins clash with other tools). Installs only when the pinned version is
# missing, so reruns are fast. Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPLATES=(infra/template.yaml infra/stacks/*.yaml)

# ensure_venv <venv dir> <requirements file> <package>
ensure_venv() {
    local venv=$1 req=$2 pkg=$3 want have
    want=$(sed -n "s/^${pkg}==\([^[:space:];#]*\).*/\1/p" "$req" | head -n1)
    if [[ -z "$want" ]]; then
        echo "lint.sh: no pinned ${pkg}==<version> in ${req}" >&2
        exit 2
    fi
    if [[ ! -x "$venv/bin/python" ]]; then
        python3 -m venv "$venv"
    fi
    have=$("$venv/bin/python" -m pip show "$pkg" 2>/dev/null | sed -n 's/^Version: //p' || true)
    if [[ "$have" != "$want" ]]; then
        echo "lint.sh: installing ${pkg}==${want} into ${venv}" >&2
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    fi
}

ensure_venv .venv-cfnlint infra/lint-requirements/cfn-lint.txt cfn-lint
ensure_venv .venv-checkov infra/lint-requirements/checkov.txt checkov

status=0

echo "== cfn-lint ${TEMPLATES[*]}"
if .venv-cfnlint/bin/cfn-lint "${TEMPLATES[@]}"; then
    echo "cfn-lint: no findings"
else
    status=1
fi

echo "== checkov ${TEMPLATES[*]}"
if .venv-checkov/bin/checkov "${TEMPLATES[@]/#/-f=}" --framework cloudformation \
    --skip-download --quiet --compact; then
    echo "checkov: no failed checks"
else
    status=1
fi

exit "$status"
