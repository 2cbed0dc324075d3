#!/usr/bin/env bash
# Debian's chromium for the browser tests (web/browser_test.go drives it with
# chromedp). Idempotent; without root or apt the tests skip themselves.
set -euo pipefail

# axe-core, the accessibility engine the browser tests run in each page
# (web/browser_test.go): the registry's tarball, pinned and checked, into
# var/axe. Only tests load it; the pages never do.
axe_version=4.10.3
axe_sha256=0f2b4d7dcdf7d1219df8d1959ad68e565f51d14c3f0d88bb71cd59abeb956292
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$root/var/axe/axe.min.js" ] || ! grep -q "axe v$axe_version" "$root/var/axe/axe.min.js"; then
	mkdir -p "$root/var/axe"
	tgz="$root/var/axe/axe-core-$axe_version.tgz"
	curl -sSfL -o "$tgz" "https://registry.npmjs.org/axe-core/-/axe-core-$axe_version.tgz" || { echo "browser: axe-core not fetched; the accessibility checks will skip" >&2; rm -f "$tgz"; }
	if [ -f "$tgz" ]; then
		echo "$axe_sha256  $tgz" | sha256sum -c --quiet - || { echo "browser: axe-core tarball checksum mismatch" >&2; rm -f "$tgz"; exit 1; }
		tar -xzf "$tgz" -C "$root/var/axe" --strip-components=1 package/axe.min.js
		rm -f "$tgz"
	fi
fi

if command -v chromium >/dev/null 2>&1; then
	exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "browser: chromium missing and no sudo; the browser tests will skip" >&2; exit 0; }
	sudo=sudo
fi
echo "browser: installing chromium (Debian package)" >&2
$sudo apt-get install -y chromium >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y chromium >/dev/null; }
