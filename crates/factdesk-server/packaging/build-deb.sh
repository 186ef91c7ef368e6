#!/usr/bin/env bash
# Builds the desk server's .deb from a staged tree with dpkg-deb:
#   build-deb.sh BINARY OUTDIR
# BINARY is a release build of factdesk-server; the .deb goes to OUTDIR and its path is
# printed. The package holds /usr/bin/factdesk-server, the systemd unit, the example
# configuration /etc/factdesk/server.toml (a conffile: an edited copy survives upgrades)
# and the desk's documentation; its dependencies are read from the binary by
# dpkg-shlibdeps.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${1:?usage: build-deb.sh BINARY OUTDIR}
out=${2:?usage: build-deb.sh BINARY OUTDIR}
[ -x "$bin" ] || { echo "build-deb.sh: $bin is not an executable" >&2; exit 1; }

version=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version *= *"\(.*\)"/\1/p' "$root/Cargo.toml")
[ -n "$version" ] || { echo "build-deb.sh: no version in $root/Cargo.toml" >&2; exit 1; }
built=$("$bin" --version)
[ "$built" = "factdesk-server $version" ] \
  || { echo "build-deb.sh: $bin says \"$built\", the workspace is $version" >&2; exit 1; }
arch=$(dpkg --print-architecture)

stage=$(mktemp -d /tmp/factdesk-server-deb-XXXXXX)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
install -D -m 0755 "$bin" "$pkg/usr/bin/factdesk-server"
install -D -m 0644 "$here/factdesk-server.service" \
  "$pkg/usr/lib/systemd/system/factdesk-server.service"
install -D -m 0644 "$here/server.toml" "$pkg/etc/factdesk/server.toml"
install -D -m 0644 "$root/docs/desk.md" "$pkg/usr/share/doc/factdesk-server/desk.md"
install -d "$pkg/DEBIAN"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$pkg/DEBIAN/"
echo /etc/factdesk/server.toml >"$pkg/DEBIAN/conffiles"
cat >"$pkg/usr/share/doc/factdesk-server/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: factdesk-server

Files: *
Copyright: 2026 the Factdesk authors
License: MIT or Apache-2.0
COPYRIGHT

# dpkg-shlibdeps reads the package's name from a debian/control beside it.
mkdir -p "$stage/debian"
printf 'Source: factdesk-server\n\nPackage: factdesk-server\nArchitecture: any\n' \
  >"$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O "$pkg/usr/bin/factdesk-server" 2>/dev/null \
  | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
size=$(du -k -s "$pkg" --exclude=DEBIAN | cut -f1)

cat >"$pkg/DEBIAN/control" <<CONTROL
Package: factdesk-server
Version: $version
Architecture: $arch
Maintainer: Factdesk
Installed-Size: $size
Depends: $depends, passwd
Recommends: postgresql
Section: net
Priority: optional
Description: Factdesk desk server: a newsroom's shared claim history
 The desk server lets a newsroom's fact-checkers share their work: each keeps
 Factdesk's local database as the working copy and syncs its history of verdicts,
 notes and sources through this server, which keeps them in PostgreSQL with roles,
 assignments, sign-offs and comment threads. It serves HTTPS with rustls when given
 a certificate, or plain HTTP on loopback behind a reverse proxy.
CONTROL

mkdir -p "$out"
deb="$out/factdesk-server_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
