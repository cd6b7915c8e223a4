#!/usr/bin/env bash
# Debian 12 system packages the app and its tests need. Installs them only when run as root
# and something is missing; otherwise it just says what is missing.
set -euo pipefail
# Usage: system-deps.sh run|test   (run: what the app needs; test: plus the test tools)
profile=${1:-test}
pkgs=(
  # Qt's offscreen and xcb platforms, and a font that covers Vietnamese
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
  xvfb
  # QtMultimedia (announcements) links against PulseAudio's client library even with no sound card
  libpulse0
  # OCR of the scanned papers in Vietnamese (issue 21), run in the background. Optional at run
  # time: without it the app says so and keeps the scans without a text layer
  ocrmypdf tesseract-ocr-vie
)
if [ "$profile" = test ]; then
  # the tests: PDFs, barcodes, pseudo-terminals, a throwaway PostgreSQL server
  pkgs+=(poppler-utils zbar-tools socat postgresql postgresql-contrib)
  # a PulseAudio null sink, so the announcement test plays real sound with no sound card
  pkgs+=(pulseaudio)
  # document scanners (issue 21): SANE's scanimage and its `test` backend, a real driver stack.
  # At the counter only a Linux office that scans through SANE needs sane-utils (docs/devices.md).
  pkgs+=(sane-utils libsane1)
  # digital signatures (issue 24): a real PKCS#11 token in software (SoftHSM2), and NSS's certutil
  # for the trust store poppler's pdfsig checks signatures against
  pkgs+=(softhsm2 libnss3-tools)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Cài gói hệ thống: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Thiếu gói hệ thống (cài bằng quyền root): sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
