#!/usr/bin/env bash
# Checks the .rpm that `make bundle` built, on this Debian machine where it cannot be
# installed: its digests, name and version, that it carries the app, its desktop entry and icons,
# that it declares WebKitGTK as a dependency (so dnf or zypper pull it in), and that the
# app unpacked from it starts and shows its window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/../.."

rpm=$(ls -t target/release/bundle/rpm/*.rpm 2>/dev/null | head -1 || true)
[ -n "$rpm" ] || { echo "rpm.sh: no .rpm in target/release/bundle/rpm; run make bundle" >&2; exit 1; }
command -v rpm2archive >/dev/null || { echo "rpm.sh: rpm2archive is missing; install Debian's rpm2cpio package (make deps)" >&2; exit 1; }

fail() { echo "rpm.sh: $rpm: $*" >&2; exit 1; }
echo "checking $rpm"
rpm -K "$rpm" >/dev/null 2>&1 || fail "its digests do not check out (rpm -K)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name_version=$(rpm -qp --queryformat '%{NAME} %{VERSION}' "$rpm" 2>/dev/null)
[ "$name_version" = "factdesk $version" ] || fail "is '$name_version', expected 'factdesk $version'"

files=$(rpm -qpl "$rpm" 2>/dev/null)
for f in /usr/bin/factdesk-app /usr/share/applications/Factdesk.desktop; do
  grep -qx "$f" <<<"$files" || fail "does not carry $f"
done
grep -q '^/usr/share/icons/hicolor/.*/apps/factdesk-app.png$' <<<"$files" || fail "carries no icon"
rpm -qpR "$rpm" 2>/dev/null | grep -qi 'webkit2gtk' || fail "does not require WebKitGTK"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
rpm2archive - <"$rpm" | tar -xz -C "$root" || fail "does not unpack"
SHOT=unpacked-rpm tests/package/window.sh "$root/usr/bin/factdesk-app"
echo "1 passed, 0 failed"
