#!/usr/bin/env bash
# Debian's chromium for the browser tests (web/browser_test.go drives it with
# chromedp). Idempotent; without root or apt the tests skip themselves.
set -euo pipefail
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
