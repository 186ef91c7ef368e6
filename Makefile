# The README's two commands are `make run` and `make test`; each installs what it needs.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo

.PHONY: deps run test lint bench

## Toolchain components the build and checks need.
deps:
	@command -v $(CARGO) >/dev/null || { echo "make: cargo not found; install Rust with rustup (https://rustup.rs) first" >&2; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "make: the report tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

## The main job: the claims of the sample article.
run: deps
	$(CARGO) run --release -p factdesk-cli -- extract --published 2023-04-20 samples/seed-stoltenberg-kyiv.txt

lint: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Every test: formatting, lints, unit, property, data-driven and end-to-end CLI tests.
test: lint
	$(CARGO) test --workspace

## Extraction speed on the dev corpus repeated to 10 MB.
bench: deps
	$(CARGO) run --release -p factdesk-cli -- bench extract
