#!/usr/bin/env bash
# Checks the desk server's .deb that `make bundle-server` built, without installing it on
# this machine: its metadata, contents and maintainer scripts, the systemd unit
# (`systemd-analyze verify` and its security exposure, in a throwaway root), then the
# extracted binary run with the shipped example config pointed at a throwaway PostgreSQL
# cluster, answering 401 without a token and 200 with one.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=$(ls -t target/release/bundle/server/factdesk-server_*.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] || { echo "server-deb.sh: no .deb in target/release/bundle/server; run make bundle-server" >&2; exit 1; }
echo "checking $deb"
passed=0
fail() { echo "server-deb.sh: FAILED: $*" >&2; exit 1; }
pass() { echo "ok: $*"; passed=$((passed + 1)); }

work=$(mktemp -d /tmp/factdesk-server-deb-test-XXXXXX)
chmod 0755 "$work"
server_pid=
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
owner=()
[ "$(id -u)" = 0 ] && owner=(runuser -u postgres --)
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -d "$work/pg/data" ] && "${owner[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Metadata.
info=$(dpkg-deb -I "$deb")
field() { dpkg-deb -f "$deb" "$1"; }
version=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ "$(field Package)" = factdesk-server ] || fail "Package is $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is $(field Version), the workspace is $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is $(field Architecture)"
field Depends | grep -Eq '(^|, )libc6 \(>= [0-9.]+\)' || fail "Depends lacks a versioned libc6: $(field Depends)"
grep -Eq ' conffiles *$' <<<"$info" || fail "no conffiles in the control archive"
pass "metadata: $(field Package) $(field Version) $(field Architecture); Depends: $(field Depends)"

# Contents: paths, owners, modes.
contents=$(dpkg-deb -c "$deb")
expect_file() { # MODE PATH
  grep -Eq "^$1 root/root +[0-9]+ [0-9-]+ [0-9:]+ \./${2#/}\$" <<<"$contents" \
    || fail "$2 is not in the package as $1 root/root"
}
expect_file -rwxr-xr-x /usr/bin/factdesk-server
expect_file -rw-r--r-- /usr/lib/systemd/system/factdesk-server.service
expect_file -rw-r--r-- /etc/factdesk/server.toml
expect_file -rw-r--r-- /usr/share/doc/factdesk-server/copyright
expect_file -rw-r--r-- /usr/share/doc/factdesk-server/desk.md
pass "contents: binary, unit, config and docs, owned by root"

root=$work/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/DEBIAN"
[ "$(cat "$work/DEBIAN/conffiles")" = /etc/factdesk/server.toml ] || fail "conffiles: $(cat "$work/DEBIAN/conffiles")"
for script in postinst prerm postrm; do
  [ -x "$work/DEBIAN/$script" ] || fail "$script is missing or not executable"
  sh -n "$work/DEBIAN/$script" || fail "$script is not valid sh"
done
grep -q 'useradd --system' "$work/DEBIAN/postinst" || fail "postinst creates no system user"
pass "conffile /etc/factdesk/server.toml; postinst, prerm and postrm parse"

# The unit.
unit=$root/usr/lib/systemd/system/factdesk-server.service
for line in 'ExecStart=/usr/bin/factdesk-server --config /etc/factdesk/server.toml serve' \
  User=factdesk Restart=on-failure NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes \
  PrivateTmp=yes; do
  grep -qx "$line" "$unit" || fail "the unit lacks $line"
done
pass "unit: runs serve on /etc/factdesk/server.toml as factdesk, restarts on failure, hardened"
if command -v systemd-analyze >/dev/null; then
  # A root holding the package and the system's own units (the targets it is ordered against).
  mkdir -p "$work/sdroot/usr/lib/systemd/system"
  cp -r /lib/systemd/system/. "$work/sdroot/usr/lib/systemd/system/"
  cp -r "$root/." "$work/sdroot/"
  said=$(systemd-analyze verify --root="$work/sdroot" factdesk-server.service 2>&1) \
    || fail "systemd-analyze verify: $said"
  [ -z "$said" ] || fail "systemd-analyze verify warns: $said"
  exposure=$(systemd-analyze security --offline=true --root="$work/sdroot" factdesk-server.service 2>/dev/null \
    | sed -n 's/.*Overall exposure level for factdesk-server.service: \([0-9.]*\).*/\1/p')
  [ -n "$exposure" ] || fail "systemd-analyze security gave no exposure level"
  awk -v e="$exposure" 'BEGIN { exit !(e <= 2.5) }' || fail "exposure level $exposure is above 2.5"
  pass "systemd-analyze verify: no warnings; security exposure $exposure (0 safest, 10 unsafe)"
else
  echo "SKIPPED: systemd-analyze is not installed (apt-get install systemd), the unit was not verified"
fi

# The extracted binary on the shipped config, pointed at a throwaway cluster.
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "PostgreSQL is not installed (apt-get install postgresql)"
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
"${owner[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
"${owner[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" \
  -o "-p 5432 -k $work/pg -c listen_addresses='' -c fsync=off" -w start >/dev/null
"${owner[@]}" "$pg_bin/createdb" -h "$work/pg" -p 5432 -U postgres factdesk
config=$work/server.toml
sed -e "s|^database_url = .*|database_url = \"host=$work/pg port=5432 user=postgres dbname=factdesk\"|" \
  -e 's|^listen = .*|listen = "127.0.0.1:0"|' "$root/etc/factdesk/server.toml" >"$config"
grep -q "^database_url = \"host=$work/pg" "$config" && grep -q '^listen = "127.0.0.1:0"' "$config" \
  || fail "the example config has no database_url or listen line to set"
server=$root/usr/bin/factdesk-server
[ "$("$server" --version)" = "factdesk-server $version" ] || fail "the binary says $("$server" --version)"
"$server" --config "$config" serve >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|^factdesk-server: serving the desk on \(http://[0-9.:]*\)$|\1|p' "$work/serve.out")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server stopped: $(cat "$work/serve.err")"
  sleep 0.1
done
[ -n "$url" ] || fail "the server did not say where it listens within 10 s"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/me")
[ "$status" = 401 ] || fail "GET $url/v1/me without a token answered $status, not 401"
pass "the extracted server on the shipped config (its migrations run at start) answers 401 without a token"
token=$("$server" --config "$config" user add ana --role editor 2>/dev/null)
body=$(curl -s -H "Authorization: Bearer $token" "$url/v1/me")
grep -q '"ana"' <<<"$body" || fail "GET /v1/me with ana's token answered $body"
pass "a user added through the same config is recognised: $body"

echo "$passed passed, 0 failed"
