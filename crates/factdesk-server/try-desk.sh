#!/usr/bin/env bash
# `make desk`: a throwaway PostgreSQL cluster in a temporary folder and the desk server on
# it, with an editor and a checker whose tokens are printed. Ctrl-C stops both and removes
# the cluster. PostgreSQL runs as the postgres user when this runs as root (initdb refuses
# root), and listens only on a Unix socket in the folder.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "make desk: PostgreSQL is not installed; apt-get install postgresql (make deps does)" >&2
  exit 1
fi
target=${CARGO_TARGET_DIR:-target}/debug
port=${DESK_PORT:-7700}
dir=$(mktemp -d /tmp/factdesk-desk-XXXXXX)
owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$dir"
  owner=(runuser -u postgres --)
fi
stop() {
  "${owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
"${owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" \
  -o "-p 5432 -k $dir -c listen_addresses=''" -w start >/dev/null
"${owner[@]}" "$bin/createdb" -h "$dir" -p 5432 -U postgres factdesk
url="host=$dir port=5432 user=postgres dbname=factdesk"
for role in editor checker; do
  echo "$role token: $("$target/factdesk-server" --database-url "$url" user add "$role" --role "$role" 2>/dev/null)"
done
echo "join a database: $target/factdesk desk join http://127.0.0.1:$port --token TOKEN"
"$target/factdesk-server" --database-url "$url" serve --listen "127.0.0.1:$port"
