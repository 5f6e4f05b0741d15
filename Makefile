# Nestling: two commands on a fresh machine.
#   make dev   local AWS emulator + demo nursery + API on http://localhost:3000
#   make test  everything the suite needs, then the whole suite and the template lint
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/nestling-target
VENV := .venv
MOTO := $(VENV)/bin/moto_server

.PHONY: dev test bench cost lint openapi template emulator build clean-venv

$(MOTO): infra/local/requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r infra/local/requirements.lock
	touch $(MOTO)

emulator: $(MOTO)

dev: $(MOTO)
	infra/local/dev.sh

test: $(MOTO)
	infra/local/test.sh

bench: $(MOTO)
	infra/local/bench.sh

# A month of a 60-child nursery and of a 10-setting group at AWS list prices (docs/cost.md),
# from the bench's measurements: $(CARGO_TARGET_DIR)/bench.json after `make bench`, else the
# committed docs/bench.json. `make cost BENCH=path` prices another file.
cost:
	cargo run -q -p nestling-cost --bin cost -- $(BENCH)

lint:
	infra/lint.sh

# Regenerates docs/openapi.json from the code (a test fails when it drifts).
openapi:
	cargo run -q -p nestling-local --bin openapi > docs/openapi.json

# Regenerates infra/template.yaml and infra/stacks/ from infra/template.base.yaml and the route
# table (a test fails when they drift).
template:
	cargo run -q -p nestling-local --bin template

build:
	cargo build --workspace

clean-venv:
	rm -rf $(VENV) .venv-cfnlint .venv-checkov
