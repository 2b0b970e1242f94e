#!/usr/bin/env bash
# Document verdicts on a labelled archive made outside this project (the external
# format: an archive folder and truth.json beside it, scored by
# ../shared/external/evaluate.py): only its documents are checked, so the figures
# and the time are the document inspector's.
#   tools/bench-docs-external.sh SET_DIR [--bin build/evpack] [--jobs N]
# e.g. tools/bench-docs-external.sh ../shared/external
#      tools/bench-docs-external.sh /work/sets/tune-1
# Say in any figure you report whether the code was tuned on that set.
set -euo pipefail
cd "$(dirname "$0")/.."

set_dir=${1:?usage: tools/bench-docs-external.sh SET_DIR [--bin BIN] [--jobs N]}
shift
bin=build/evpack
jobs=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: tools/bench-docs-external.sh SET_DIR [--bin BIN] [--jobs N]" >&2; exit 2 ;;
  esac
done
evaluate=../shared/external/evaluate.py
[ -f "$evaluate" ] || evaluate=/work/shared/external/evaluate.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$set_dir" "$work/docs" <<'PY'
import json, os, shutil, sys
set_dir, out = sys.argv[1:3]
truth = json.load(open(os.path.join(set_dir, "truth.json"), encoding="utf-8"))
root = next(os.path.join(set_dir, d) for d in sorted(os.listdir(set_dir)) if os.path.isdir(os.path.join(set_dir, d)))
for f in truth["files"]:
    if f.get("kind") != "document":
        continue
    src, dst = os.path.join(root, f["path"]), os.path.join(out, f["path"])
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
PY
docs=$(find "$work/docs" -type f | wc -l)
start=$(date +%s.%N)
"$bin" check "$work/docs" --as-of 2025-12-31 --no-cache --quiet --jobs "$jobs" --json "$work/report.json" > /dev/null 2>&1 || true
end=$(date +%s.%N)
echo "== $set_dir: $docs documents, $(echo "$end - $start" | bc) s (jobs=$jobs)"
# "files matched" counts the whole archive: only the documents were checked.
/usr/bin/python3 "$evaluate" "$set_dir/truth.json" "$work/report.json" doc || true
# Per group of producer (truth "producer" where the set has it): text PDFs, colour
# scans (scan_color, scan_rot, scan_low), grayscale scans, photos of paper.
/usr/bin/python3 - "$set_dir/truth.json" "$work/report.json" <<'PY'
import collections, json, sys, unicodedata
norm = lambda p: unicodedata.normalize("NFC", (p or "").replace("\\", "/")).strip("/")
truth, report = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
files = {norm(f["path"]): f for f in report.get("files", [])}
groups = {"ttf": "text", "glyph": "text", "soffice": "text", "cid": "text", "charspace": "text",
          "scan_color": "colour scan", "scan_rot": "colour scan", "scan_low": "colour scan",
          "scan_gray": "gray scan", "phone_pdf": "photo of paper", "phone_jpg": "photo of paper"}
tally = collections.defaultdict(collections.Counter)
for t in truth["files"]:
    if t.get("kind") != "document" or t.get("corrupt") or "producer" not in t:
        continue
    rp = norm(t["path"])
    rec = files.get(rp) or next((v for k, v in files.items() if k.endswith("/" + rp)), None) or {}
    doc = rec.get("document") or {}
    c = tally[groups.get(t["producer"], t["producer"])]
    c["n"] += 1
    num, date = (doc.get("doc_number") or {}).get("text"), doc.get("issue_date")
    c["number"] += num == t.get("doc_number")
    c["number wrong"] += bool(num) and num != t.get("doc_number")
    c["date"] += date == t.get("date")
    c["date wrong"] += bool(date) and date != t.get("date")
    c["false absent"] += (t.get("red_header") is True and (doc.get("letterhead") or {}).get("state") == "absent") + \
        (t.get("seal") is True and (doc.get("seal") or {}).get("state") == "absent")
for g, c in sorted(tally.items()):
    print(f"  {g:15s} number {c['number']}/{c['n']} (wrong {c['number wrong']})  date {c['date']}/{c['n']} "
          f"(wrong {c['date wrong']})  false absent {c['false absent']}")
PY
