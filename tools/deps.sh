#!/bin/sh
# Installs the Debian packages Channelbase needs, only those missing. Idempotent and quick
# when nothing is missing. As root it runs apt-get; otherwise it prints the command.
# chromium (/usr/bin/chromium) is the browser tests/browser/ drives through playwright-core;
# fonts-noto-core gives it glyphs for Persian and Arabic (Noto Sans/Naskh Arabic) —
# Vazirmatn, the usual Persian UI face, is not packaged in Debian 12.
set -eu
pkgs="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev \
libcsv-dev libcmocka-dev wrk curl sqlite3 postgresql chromium fonts-noto-core"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -z "$missing" ]; then
	echo "deps: all present"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing:$missing"
	echo "run:  sudo apt-get install -y$missing"
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
