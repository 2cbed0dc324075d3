#!/usr/bin/env bash
# Installs the font the sample generator draws Chinese text with (WenQuanYi
# Micro Hei, Debian's fonts-wqy-microhei). Idempotent.
set -euo pipefail
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
[ -f "${HESHI_FONT:-$font}" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "fonts: install fonts-wqy-microhei (apt-get) or set HESHI_FONT" >&2
	exit 1
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
