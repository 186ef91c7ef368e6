#!/usr/bin/env bash
# Usage: window.sh BINARY
# Starts BINARY under Xvfb with a private database and checks that a window titled
# "Factdesk" appears (found with xdotool) and that the app is still up 3 s later.
# Saves a screenshot as artifacts/<binary's package>.png when SHOT names one.
set -euo pipefail
bin=$1
shot=${SHOT:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
  if [ -n "'"$shot"'" ]; then mkdir -p artifacts; import -window root "artifacts/'"$shot"'.png" || true; fi
  alive=0; kill -0 $app 2>/dev/null && alive=1
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
  [ -n "$win" ] || { echo "window.sh: no Factdesk window appeared from '"$bin"'" >&2; exit 1; }
  [ $alive = 1 ] || { echo "window.sh: '"$bin"' exited on its own" >&2; exit 1; }
  echo "window $win titled Factdesk appeared from '"$bin"'; the app stayed up"
'
