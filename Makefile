# The README's two commands are `make run` and `make test`; each installs what it needs.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
NPM ?= npm
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"
APP_BIN := target/debug/factdesk-app

# Debian packages: building the app (WebKitGTK and friends), then testing it (a virtual
# X server, WebKit's WebDriver, ImageMagick for icons, Chromium for the report tests,
# PostgreSQL for the desk server's tests, which start their own throwaway clusters).
BUILD_PACKAGES := libwebkit2gtk-4.1-dev build-essential libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev patchelf file pkg-config
TEST_PACKAGES := xvfb webkit2gtk-driver chromium imagemagick xdotool libreoffice-writer-nogui hyphen-en-us qpdf \
  rpm rpm2cpio postgresql systemd curl dbus-daemon

.PHONY: deps ui app run run-cli desk lint check-ui test test-ui e2e measure bench bench-documents bundle test-package \
  bundle-server test-package-server

## Everything the build and the tests need; installs only what is missing.
deps:
	@command -v $(CARGO) >/dev/null || { echo "make: cargo not found; install Rust with rustup (https://rustup.rs) first" >&2; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@missing=""; for p in $(BUILD_PACKAGES) $(TEST_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    for i in 1 2 3 4 5 6; do apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing && break; \
	      echo "make: apt is busy, retrying in 10 s" >&2; sleep 10; done; \
	  else echo "make: install these Debian packages first: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi
	@command -v node >/dev/null || { echo "make: Node.js 20.19 or newer is needed (https://nodejs.org)" >&2; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
	  || { echo "make: Node.js 20.19 or newer is needed, found $$(node --version)" >&2; exit 1; }
	@[ node_modules/.package-lock.json -nt package-lock.json ] || $(NPM) ci --no-audit --no-fund
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked

## The UI, built into dist/ (which the app embeds).
ui: deps
	$(NPM) run build

## The app with its UI embedded (no dev server needed).
app: ui
	$(CARGO) build --features tauri/custom-protocol

## The main job: the desktop app on its database (the sample article is imported on first start).
run: app
	./$(APP_BIN)

## The claims of the sample article, from the command line.
run-cli: deps
	$(CARGO) run --release -p factdesk-cli -- extract --published 2023-04-20 samples/seed-stoltenberg-kyiv.txt

## For trying the desk: PostgreSQL in a temporary cluster and the desk server on
## 127.0.0.1:7700, with an editor's and a checker's tokens printed; Ctrl-C ends both.
desk: deps
	$(CARGO) build -p factdesk-server -p factdesk-cli
	crates/factdesk-server/try-desk.sh

lint: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## The UI's type check, lint and format check.
check-ui: deps
	$(NPM) run check
	$(NPM) run lint

test-ui: deps
	$(NPM) test

## The real app in a real window under Xvfb, driven by WebDriver; screenshots go to artifacts/.
e2e: app
	$(CARGO) build -p factdesk-cli -p factdesk-server
	$(XVFB) node --test --test-concurrency=1 tests/e2e/app.test.mjs tests/e2e/library.test.mjs \
	  tests/e2e/import.test.mjs tests/e2e/desk.test.mjs

## Every test: formats, lints, UI checks and tests, the app end to end, the installed .deb,
## the desk server's .deb, then the Rust tests (unit, property, data-driven, store, report
## and end-to-end CLI tests). The closing line sums every cargo test binary's results.
test: lint check-ui test-ui e2e test-package test-package-server
	$(CARGO) test --workspace 2>&1 | tee target/cargo-test.log
	@if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- ui/src/lib/bindings; then \
	  echo "make: the UI's generated types (ui/src/lib/bindings) changed with the Rust types; commit them" >&2; exit 1; fi
	@awk '/^test result:/ { passed += $$4; failed += $$6 } END { printf "cargo: %d passed, %d failed\n", passed, failed }' target/cargo-test.log

## Start-up, search, scrolling, opening and keyboard timings and the idle memory of the release
## app, with the sample and with a generated 100,000-article library (reported, not asserted;
## written to docs/measurements.json). The app runs in a D-Bus session of its own, as a desktop
## session gives every app: without one, GLib tries to start a bus each time a library asks.
measure: ui
	$(CARGO) build --release -p factdesk-cli
	$(CARGO) build --release --features tauri/custom-protocol
	APP=target/release/factdesk-app dbus-run-session -- $(XVFB) node --test --test-concurrency=1 tests/e2e/measure.test.mjs

## Extraction speed on the dev corpus repeated to 10 MB; web page import speed by size and depth.
bench: deps
	$(CARGO) run --release -p factdesk-cli -- bench extract
	$(CARGO) run --release -p factdesk-cli -- bench import

## DOCX and PDF reading speed: LibreOffice makes a 1 MB DOCX and a PDF of about 100 pages
## from the corpus texts in target/bench-documents/.
bench-documents: deps
	$(CARGO) build --release -p factdesk-cli
	mkdir -p target/bench-documents
	target/release/factdesk bench documents --write-text target/bench-documents/article-1mb.txt --bytes 2300000
	target/release/factdesk bench documents --write-text target/bench-documents/report-100p.txt --bytes 360000
	soffice -env:UserInstallation=file://$(CURDIR)/target/bench-documents/profile --headless --norestore \
	  "--infilter=Text (encoded):UTF8,LF,,," --convert-to "docx:MS Word 2007 XML" --outdir target/bench-documents \
	  target/bench-documents/article-1mb.txt
	soffice -env:UserInstallation=file://$(CURDIR)/target/bench-documents/profile --headless --norestore \
	  "--infilter=Text (encoded):UTF8,LF,,," --convert-to pdf --outdir target/bench-documents \
	  target/bench-documents/report-100p.txt
	target/release/factdesk bench documents target/bench-documents/article-1mb.docx target/bench-documents/report-100p.pdf

# Packages carry a binary without debug info (6 MiB instead of 24 MiB for the .deb); the
# workspace's release profile keeps line tables for profiling the engine.
RELEASE_NO_DEBUG := --config 'profile.release.debug=false' --config 'profile.release.strip="debuginfo"'
BUNDLE_CARGO := -- $(RELEASE_NO_DEBUG)

## Installable packages: .deb, .rpm and AppImage (see docs/app.md for the AppImage on offline
## machines).
bundle: deps
	$(NPM) run tauri -- build --bundles deb,rpm $(BUNDLE_CARGO)
	$(NPM) run tauri -- build --bundles appimage $(BUNDLE_CARGO) \
	  || echo "make: the AppImage was not built: Tauri's AppImage bundler downloads its tools from GitHub (see docs/app.md)" >&2

## The desk server as a .deb (binary, systemd unit, example config in /etc/factdesk), built
## by dpkg-deb from a staged tree: target/release/bundle/server/.
bundle-server: deps
	$(CARGO) build --release -p factdesk-server $(RELEASE_NO_DEBUG)
	crates/factdesk-server/packaging/build-deb.sh target/release/factdesk-server target/release/bundle/server

## Checks the server's .deb (metadata, contents, the unit with systemd-analyze) and runs the
## binary extracted from it on its example config against a throwaway PostgreSQL cluster.
test-package-server: bundle-server
	tests/package/server-deb.sh

## Installs the .deb with dpkg, starts the installed app under Xvfb and checks its window
## appears; checks the .rpm's contents and starts the app unpacked from it.
test-package: bundle
	tests/package/deb.sh
	tests/package/rpm.sh
