#!/usr/bin/env python3
"""Scores document inspection against the generator's labels.

    tools/score_docs.py LABELS.json REPORT.json [--misses]

LABELS.json is written by `tools/gen_samples.py --preset docset`; REPORT.json by
`evpack check DIR --json`. Prints precision and recall of the red letterhead, the
document's own number (exact string), the red seal and the 成文日期, for text PDFs,
colour scans and grayscale scans separately ("numfound": a number was found where one is printed, the D.6
question; "number": the exact string; "number~": exact but for the bracket style, which a scan reports as
〔〕 when its brackets' ink shows no clear shape), plus the "absent" verdicts given on
grayscale scans (there must be none: red cannot be judged there).
Exit status 0 always; the figures are for people (and the closing notes).
"""
from __future__ import annotations

import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = self.n = 0

    def add(self, truth: bool, predicted: bool, correct: bool = True):
        """truth: the attribute exists; predicted: evpack says it exists; correct: the value matches."""
        self.n += 1
        if predicted and truth and correct:
            self.tp += 1
        else:
            if predicted:
                self.fp += 1
            if truth:
                self.fn += 1

    def text(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        return f"P {p * 100:5.1f}%  R {r * 100:5.1f}%  (tp {self.tp}, fp {self.fp}, fn {self.fn}, n {self.n})"


BRACKETS = str.maketrans({c: "〔" for c in "([［【〖﹝（"} | {c: "〕" for c in ")]］】〗﹞）"})


def same_but_brackets(a, b):
    return a.translate(BRACKETS) == b.translate(BRACKETS)


def group_of(label):
    if not label["is_scan"]:
        return "text"
    return "gray-scan" if label["grayscale"] else "colour-scan"


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    labels = {f["path"]: f for f in load(argv[1])["files"]}
    report = {f["path"]: f for f in load(argv[2])["files"]}
    show_misses = "--misses" in argv
    groups = {}
    gray_absent = {"letterhead": 0, "seal": 0}
    gray_cannot = {"letterhead": 0, "seal": 0}
    misses = []
    for path, lab in sorted(labels.items()):
        got = report.get(path)
        if got is None or lab.get("kind") not in ("text_pdf", "scan_pdf"):
            continue
        doc = got.get("document") or {}
        g = groups.setdefault(group_of(lab), {k: Score() for k in ("header", "numfound", "number", "number~", "seal", "date")})
        head_state = (doc.get("letterhead") or {}).get("state")
        seal_state = (doc.get("seal") or {}).get("state")
        number = (doc.get("doc_number") or {}).get("text")
        red_header = bool(lab["has_header"] and lab["header_red"])
        if group_of(lab) == "gray-scan":
            for key, state in (("letterhead", head_state), ("seal", seal_state)):
                gray_absent[key] += state == "absent"
                gray_cannot[key] += state == "cannot-verify"
        else:
            g["header"].add(red_header, head_state == "present")
            g["seal"].add(bool(lab["has_seal"]), seal_state == "present")
            if (head_state == "present") != red_header:
                misses.append((path, "header", red_header, head_state, (doc.get("letterhead") or {}).get("reason")))
            if (seal_state == "present") != bool(lab["has_seal"]):
                misses.append((path, "seal", lab["seal_state"], seal_state, (doc.get("seal") or {}).get("reason")))
        g["numfound"].add(bool(lab["has_own_number"]), number is not None)
        g["number"].add(bool(lab["has_own_number"]), number is not None, number == lab["own_number"])
        # "number~": the same, bracket style aside (scans report 〔〕 whatever OCR saw).
        g["number~"].add(bool(lab["has_own_number"]), number is not None,
                         number is not None and lab["own_number"] is not None
                         and same_but_brackets(number, lab["own_number"]))
        if number != lab["own_number"]:
            misses.append((path, "number", lab["own_number"], number, ""))
        date = doc.get("issue_date")
        g["date"].add(True, date is not None, date == lab["issue_date"])
        if date != lab["issue_date"]:
            misses.append((path, "date", lab["issue_date"], date, lab["date_text"]))
    for name in ("text", "colour-scan", "gray-scan"):
        if name not in groups:
            continue
        scores = groups[name]
        print(f"{name}: {scores['number'].n} documents")
        for key in ("header", "numfound", "number", "number~", "seal", "date"):
            if name == "gray-scan" and key in ("header", "seal"):
                continue
            print(f"  {key:7s} {scores[key].text()}")
        if name == "gray-scan":
            print(f"  absent verdicts on grayscale scans: letterhead {gray_absent['letterhead']}, "
                  f"seal {gray_absent['seal']} (cannot verify: {gray_cannot['letterhead']}, {gray_cannot['seal']})")
    if show_misses:
        for m in misses:
            print("  miss:", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
