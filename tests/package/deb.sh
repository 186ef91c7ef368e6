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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/artifacts"
export FACTDESK_DB="$tmp/factdesk.db" FACTDESK_CONFIG_DIR="$tmp/config" XDG_DATA_HOME="$tmp/data"

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "'"$bin"'" & app=$!
  # One search per try, its answer kept: a second search could meet a window the web
  # view destroys while it starts, and xdotool then fails with BadWindow.
  win=""
  for i in $(seq 1 300); do
    win=$(xdotool search --name "^Factdesk$" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.1
  done
  sleep 3
  mkdir -p artifacts
  import -window root artifacts/installed-deb.png || true
  alive=0; kill -0 $app 2>/dev/null && alive=1
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
  [ -n "$win" ] || { echo "deb.sh: no Factdesk window appeared" >&2; exit 1; }
  [ $alive = 1 ] || { echo "deb.sh: the app exited on its own" >&2; exit 1; }
  echo "window $win titled Factdesk appeared; the app stayed up"
'
echo "1 passed, 0 failed"
