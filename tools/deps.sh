#!/bin/sh
# Installs the Debian packages Channelbase needs, only those missing. Idempotent and quick
# when nothing is missing. As root it runs apt-get; otherwise it prints the command.
# chromium (/usr/bin/chromium) is the browser tests/browser/ drives through playwright-core;
# fonts-noto-core gives it glyphs for Persian and Arabic (Noto Sans/Naskh Arabic) —
# Vazirmatn, the usual Persian UI face, is not packaged in Debian 12.
set -eu
pkgs="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev \
libcsv-dev libmimalloc-dev libcmocka-dev wrk curl sqlite3 postgresql chromium fonts-noto-core"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

# The web build and the test runners need Node.js >= 20.19 (or >= 22.12): vite 7, jsdom
# and `node --test --test-concurrency`. Debian 12's own nodejs is 18.19, too old; this
# says exactly what to do instead of letting the build fail later.
node_ok() {
	v=$(node -p 'process.versions.node' 2>/dev/null) || return 1
	major=${v%%.*}
	rest=${v#*.}
	minor=${rest%%.*}
	case "$major$minor" in *[!0-9]*|"") return 1 ;; esac
	[ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; } || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; }
}
check_node() {
	command -v node >/dev/null 2>&1 || return 0 # reported as missing above
	node_ok && return 0
	echo "deps: Node.js $(node --version 2>/dev/null || echo '?') is too old; the web build and tests need Node.js >= 20.19 (or >= 22.12)."
	echo "      Debian 12's nodejs package is 18.x. Install Node.js 22 from NodeSource, as root:"
	echo "        curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh"
	echo "        bash /tmp/nodesource_setup.sh && apt-get install -y nodejs"
	echo "      (or, without root: install nvm and run 'nvm install 22'), then run 'make deps' again."
	exit 1
}

if [ "${1:-}" = "--check-node" ]; then # only the Node.js version (tests/api/deps.test.mjs)
	check_node
	echo "deps: Node.js $(node --version) is recent enough"
	exit 0
fi
if [ -z "$missing" ]; then
	check_node
	echo "deps: all present"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing:$missing"
	echo "run:  sudo apt-get install -y$missing"
	check_node
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
check_node
