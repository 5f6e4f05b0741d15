# Nestling: two commands on a fresh machine.
#   make dev   local AWS emulator + demo nursery + API on http://localhost:3000
#   make test  everything the suite needs, then the whole suite and the template lint
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/nestling-target
VENV := .venv
MOTO := $(VENV)/bin/moto_server

.PHONY: dev test bench lint openapi template emulator build clean-venv

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

lint:
	infra/lint.sh

# Regenerates docs/openapi.json from the code (a test fails when it drifts).
openapi:
	cargo run -q -p nestling-local --bin openapi > docs/openapi.json

# Regenerates infra/template.yaml from infra/template.base.yaml and the route table (a test
# fails when it drifts).
template:
	cargo run -q -p nestling-local --bin template > infra/template.yaml.new && mv infra/template.yaml.new infra/template.yaml

build:
	cargo build --workspace

clean-venv:
	rm -rf $(VENV) .venv-cfnlint .venv-checkov
