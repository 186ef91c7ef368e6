#!/usr/bin/env bash
# Installs the .deb that `make bundle` built, starts the installed app under Xvfb with a
# private database, and checks that its window appears (by its title, with xdotool) and
# that it stays up. Needs root for dpkg.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] || { echo "deb.sh: no .deb in target/release/bundle/deb; run make bundle" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "deb.sh: installing a .deb needs root" >&2; exit 1; }

echo "installing $deb"
dpkg -i "$deb" >/dev/null || { apt-get install -f -y -qq >/dev/null; dpkg -i "$deb" >/dev/null; }
bin=/usr/bin/factdesk-app
[ -x "$bin" ] || { echo "deb.sh: $bin is not installed" >&2; exit 1; }
dpkg -s factdesk | grep -E '^(Package|Version|Description|Section|Maintainer):' || true
[ -f /usr/share/applications/Factdesk.desktop ] && echo "desktop entry: /usr/share/applications/Factdesk.desktop"

SHOT=installed-deb tests/package/window.sh "$bin"
echo "1 passed, 0 failed"
