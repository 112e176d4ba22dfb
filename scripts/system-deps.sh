#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are here: chromium (driven by
# playwright) and a Chinese font, so that screenshots show readable Chinese; Pango
# for WeasyPrint (the PDF report) and poppler-utils (its tests read the PDF).
set -euo pipefail

packages=(chromium fonts-wqy-zenhei libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "缺少 Debian 软件包:${missing[*]}。请以 root 运行:apt-get install ${missing[*]}" >&2
  echo "Missing Debian packages: ${missing[*]}. As root: apt-get install ${missing[*]}" >&2
  exit 1
fi
run_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing ${missing[*]} ..."
run_as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive run_as_root apt-get install -y -qq "${missing[@]}"
