#!/usr/bin/env bash
# The hostile-input audit of issue 24, rerun on a build: generates the inputs (nothing big is
# committed), runs evpack on each with a private $TMPDIR, and prints one markdown table row per
# input: exit status (a signal = crash), findings expected, wall time, peak RSS (/usr/bin/time -v),
# the most bytes $TMPDIR held during the run (du polled every 0.1 s), temp files left.
#
# usage: tools/audit-hostile.sh [EVPACK_BINARY]   (default build/evpack)
# Env: AUDIT_DIR (default /tmp/evpack-audit, removed first), PDF_BOMB_MIB (default 4096).
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD
bin=$(readlink -f "${1:-build/evpack}")
dir=${AUDIT_DIR:-/tmp/evpack-audit}
rm -rf "$dir" && mkdir -p "$dir/in" "$dir/tmp" "$dir/out"
py=/usr/bin/python3

# ---- inputs ---------------------------------------------------------------------------------
$py - "$dir/in" <<'PY'
import sys, zipfile, struct, zlib, os
d = sys.argv[1]
def docx(path, body):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body>' + body + '</w:body></w:document>')
os.makedirs(d + '/deep', exist_ok=True)
docx(d + '/deep/deep.docx', '<w:r>' * 50000 + '<w:t>x</w:t>' + '</w:r>' * 50000)
with zipfile.ZipFile(d + '/deep.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    z.write(d + '/deep/deep.docx', 'deep.docx')
zeros = b'\0' * (1 << 20)
with zipfile.ZipFile(d + '/many-1mib.zip', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for i in range(2000):
        z.writestr('z%04d.bin' % i, zeros)
# 500 central-directory records sharing one deflated 1 MiB entry (overlap bomb)
packed = zlib.compressobj(9, zlib.DEFLATED, -15)
data = packed.compress(zeros) + packed.flush()
crc = zlib.crc32(zeros)
local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 8, 0, 0x5A21, crc, len(data), len(zeros), 5, 0) + b'0.bin' + data
cd = b''
for i in range(500):
    name = b'%d.bin' % i
    cd += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 8, 0, 0x5A21, crc, len(data), len(zeros), len(name), 0, 0, 0, 0, 0, 0) + name
eocd = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 500, 500, len(cd), len(local), 0)
open(d + '/overlap-500.zip', 'wb').write(local + cd + eocd)
with zipfile.ZipFile(d + '/entries-100001.zip', 'w', zipfile.ZIP_STORED) as z:
    for i in range(100001):
        z.writestr('e%06d.txt' % i, b'')
# nested: two inner zips of 600 MiB zeros each, stored in the outer (budget shared across levels)
os.makedirs(d + '/legacy', exist_ok=True)
open(d + '/legacy/坏.doc', 'wb').write(b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + b'\0' * 504 + b'\xff' * 100)
open(d + '/legacy/乱码.wps', 'wb').write(bytes(range(256)) * 4)
PY
mkdir -p "$dir/in/pdfbomb" "$dir/in/active"
$py tools/gen/hostile_pdf.py "$dir/in/pdfbomb/bomb.pdf" bomb "${PDF_BOMB_MIB:-4096}"
$py tools/gen/hostile_pdf.py "$dir/in/active/js.pdf" javascript
$py tools/gen/hostile_pdf.py "$dir/in/active/launch.pdf" launch-objstm
# a bag whose tag manifest names files outside it
mkdir -p "$dir/in/bag/pkg/data"
echo evidence > "$dir/in/bag/pkg/data/a.txt"
printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > "$dir/in/bag/pkg/bagit.txt"
(cd "$dir/in/bag/pkg" && sha256sum data/a.txt > manifest-sha256.txt &&
  { sha256sum manifest-sha256.txt; echo "$(sha256sum /etc/passwd | cut -d' ' -f1)  /etc/passwd";
    echo "$(sha256sum /etc/hostname | cut -d' ' -f1)  ../../../../../../../../etc/hostname"; } > tagmanifest-sha256.txt)
(cd "$dir/in/bag" && zip -qr ../bag.zip pkg)
# formula-like file names for the XLSX
mkdir -p "$dir/in/names"
cp "$src/tests/data/docs/text_stsong_not_embedded.pdf" "$dir/in/names/=HYPERLINK(1).pdf"
# a tree big enough that pack is still writing when it is killed
mkdir -p "$dir/in/big" && cp -r "$src/samples/青石县佐证材料" "$dir/in/big/"
head -c 400M /dev/urandom > "$dir/in/big/青石县佐证材料/其他/大文件.bin"
# the sample as a zip, for the interruption runs
(cd "$src/samples" && zip -qr "$dir/in/sample.zip" 青石县佐证材料)

# ---- runs -----------------------------------------------------------------------------------
echo "| input | command | exit | findings (expected) | wall s | peak RSS MB | max \$TMPDIR MB | temp left |"
echo "|---|---|---|---|---|---|---|---|"
run() {  # label, expected codes (space separated), evpack args...
  local label=$1 expect=$2
  shift 2
  rm -rf "$dir/tmp" && mkdir -p "$dir/tmp"
  local max=0
  ( while :; do du -sb "$dir/tmp" 2>/dev/null | cut -f1; sleep 0.1; done ) >"$dir/du.log" &
  local poller=$!
  TMPDIR="$dir/tmp" /usr/bin/time -v "$bin" "$@" >"$dir/out.txt" 2>"$dir/time.txt"
  local rc=$?
  kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null
  max=$(sort -n "$dir/du.log" | tail -1)
  local rss wall found=""
  rss=$(grep 'Maximum resident' "$dir/time.txt" | grep -o '[0-9]*$')
  wall=$(grep 'Elapsed (wall' "$dir/time.txt" | awk '{print $NF}')
  local sig=$(grep -o 'Command terminated by signal [0-9]*' "$dir/time.txt")
  for code in $expect; do  # a finding code (in the JSON report) or a text of the console summary
    if grep -rqs -- "$code" "$dir/out.txt" "$dir/out/report.json" 2>/dev/null; then found+="$code ✓ "; else found+="$code ✗ "; fi
  done
  local left=$(find "$dir/tmp" -mindepth 1 -maxdepth 1 | wc -l)
  echo "| $label | \`${*##*/}\` | ${sig:-$rc} | $found | $wall | $((rss / 1024)) | $(( ${max:-0} / 1048576 )) | $left |"
  rm -f "$dir/out/report.json"
}
run "deep.docx (50,000 levels), folder" "DOCX_TOO_DEEP" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/deep"
run "deep.docx in a zip" "DOCX_TOO_DEEP" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/deep.zip"
run "2,000 × 1 MiB zeros ($(du -h "$dir/in/many-1mib.zip" | cut -f1))" "ZIP_BOMB" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/many-1mib.zip"
run "500 overlapping 1 MiB entries ($(du -h "$dir/in/overlap-500.zip" | cut -f1))" "ZIP_BOMB" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/overlap-500.zip"
run "100,001 empty entries ($(du -h "$dir/in/entries-100001.zip" | cut -f1))" "ZIP_TOO_MANY_ENTRIES" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/entries-100001.zip"
run "PDF: ${PDF_BOMB_MIB:-4096} MiB flate stream ($(du -h "$dir/in/pdfbomb/bomb.pdf" | cut -f1))" "PDF_STREAM_BOMB" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/pdfbomb"
run "PDFs with /JS, /Launch + /EmbeddedFiles in an object stream" "PDF_JAVASCRIPT PDF_LAUNCH PDF_EMBEDDED_FILES" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/active"
run "damaged .doc, non-OLE .wps" "OFFICE_CORRUPT" check --no-ocr --no-cache --json "$dir/out/report.json" "$dir/in/legacy"
run "bag naming /etc/passwd, ../../etc/hostname" "指向材料包以外" verify --no-check "$dir/in/bag.zip"

# init through a symlinked folder
mkdir -p "$dir/init/tree" "$dir/init/elsewhere"
ln -s "$dir/init/elsewhere" "$dir/init/tree/01 制度建设（13分）"
"$bin" init "$dir/init/tree" >"$dir/out.txt" 2>&1
echo "| init with a symlinked folder inside | \`init\` | $? | 符号链接 $(grep -q 符号链接 "$dir/out.txt" && echo ✓ || echo ✗) | | | | outside: $(find "$dir/init/elsewhere" -mindepth 1 | wc -l) files |"

# XLSX cells
TMPDIR="$dir/tmp" "$bin" check --no-ocr --no-cache --xlsx "$dir/out/f.xlsx" "$dir/in/names" >/dev/null 2>&1
text_style=$(cd "$dir/out" && unzip -p f.xlsx xl/styles.xml | grep -c 'formatCode="@"')
echo "| file named =HYPERLINK(1).pdf | \`check --xlsx\` | | Text-format cell: $([ "$text_style" -gt 0 ] && echo ✓ || echo ✗) | | | | |"

# SIGTERM during check X.zip; kill -9 during check X.zip and during pack, then one normal run
interrupt() {  # label, signal, args...
  local label=$1 sig=$2
  shift 2
  rm -rf "$dir/tmp" "$dir/out" && mkdir -p "$dir/tmp" "$dir/out"
  TMPDIR="$dir/tmp" "$bin" "$@" >/dev/null 2>&1 &
  local pid=$!
  local what=${WAIT_FOR:-tmp}
  for _ in $(seq 1 2000); do
    if [ "$what" = tmp ] && [ -n "$(ls -A "$dir/tmp")" ]; then break; fi
    if [ "$what" = out ] && ls "$dir/out" 2>/dev/null | grep -q 'tmp-'; then break; fi
    sleep 0.02
  done
  sleep "${AFTER:-0.5}"
  kill "-$sig" "$pid"
  wait "$pid"
  local rc=$?
  local left_tmp left_out
  left_tmp=$(find "$dir/tmp" -mindepth 1 -maxdepth 1 | wc -l)
  left_out=$(find "$dir/out" -name '*tmp-*' | wc -l)
  TMPDIR="$dir/tmp" "$bin" rules list >/dev/null 2>&1
  [ "${*:1:1}" = pack ] && TMPDIR="$dir/tmp" "$bin" check --no-ocr --no-cache --json "$dir/out/again.json" "$src/samples/青石县佐证材料" >/dev/null 2>&1
  local after=$(( $(find "$dir/tmp" -mindepth 1 -maxdepth 1 | wc -l) + $(find "$dir/out" -name '*tmp-*' | wc -l) ))
  echo "| $label | \`kill -$sig\` | $rc | | | | | left: $((left_tmp + left_out)), after one normal run: $after |"
}
interrupt "check sample.zip, SIGTERM" TERM check --no-cache "$dir/in/sample.zip"
interrupt "check sample.zip, SIGINT" INT check --no-cache "$dir/in/sample.zip"
interrupt "check sample.zip, kill -9" KILL check --no-cache "$dir/in/sample.zip"
WAIT_FOR=out AFTER=0.3 interrupt "pack (writing the zip), kill -9" KILL pack --no-cache --no-ocr --unmapped other -o "$dir/out/验收.zip" "$dir/in/big/青石县佐证材料"
WAIT_FOR=out AFTER=0.3 interrupt "pack (writing the zip), SIGTERM" TERM pack --no-cache --no-ocr --unmapped other -o "$dir/out/验收.zip" "$dir/in/big/青石县佐证材料"
