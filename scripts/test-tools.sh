#!/usr/bin/env bash
# Tools the tests use: qpdf (PDF structure check), poppler-utils (pdftotext, pdffonts,
# pdfinfo, pdftoppm) and Chromium for the browser tests (driven by playwright-core; never a
# downloaded browser). Installed from Debian's packages when missing.
set -euo pipefail
missing=()
command -v qpdf >/dev/null || missing+=(qpdf)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test-tools: qpdf, poppler-utils and chromium are present"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "test-tools: please install ${missing[*]} with your package manager" >&2
  exit 1
fi
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
echo "test-tools: installing ${missing[*]} from Debian's packages"
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
