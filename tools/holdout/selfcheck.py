#!/usr/bin/python3
"""Consistency check of a generated truth.json: build the report a perfect checker would write
(evpack JSON report format, as read by shared/external/evaluate.py) and let evaluate.py score it.
Every measure must then be met; a miss means the truth contradicts itself or the evaluator.

    /usr/bin/python3 tools/holdout/selfcheck.py /work/sets/tune-1/truth.json /tmp/perfect.json
    /usr/bin/python3 /work/shared/external/evaluate.py /work/sets/tune-1/truth.json /tmp/perfect.json all
"""
import json
import sys


def main():
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    root = truth.get("generator", {}).get("archive", "")
    files, findings = [], []
    reused = {t["path"] for t in truth["files"] if t.get("duplicate_of")} | \
        {t["duplicate_of"] for t in truth["files"] if t.get("duplicate_of")}
    for t in truth["files"]:
        p = t["path"]  # findings name files relative to the archive folder
        rec = {"path": root + "/" + p, "indicator": t.get("indicator")}
        if t["kind"] == "document" and not t.get("corrupt"):
            rh, sl = t.get("red_header"), t.get("seal")
            rec["document"] = {
                "letterhead": {"state": "cannot_verify" if rh == "unverifiable" else ("present" if rh else "absent")},
                "seal": {"state": "cannot_verify" if sl == "shape-only" else ("present" if sl else "absent")},
                "doc_number": {"text": t.get("doc_number")} if t.get("doc_number") else None,
                "number": {"state": "present" if t.get("doc_number") else "absent"},
                "issue_date": t.get("date"), "seal_page": t.get("seal_page")}
            if t.get("doc_number") and t.get("doc_number_standard") is False:
                findings.append({"file": p, "code": "DOC_NUMBER_FORM", "severity": "warning"})
        if t["kind"] == "photo" and not t.get("corrupt"):
            st = "cannot_verify" if t.get("date_only") else ("present" if t.get("watermark") else "absent")
            rec["photo"] = {"watermark": {"state": st}, "watermark_time": t.get("watermark_time")}
            if t["path"] in reused:
                findings.append({"file": p, "code": "D1_PHOTO_REUSED", "severity": "warning"})
            if t.get("edited"):
                findings.append({"file": p, "code": "PHOTO_EDITING_SOFTWARE", "severity": "warning"})
        if t["kind"] == "screenshot":
            names = {"time": "查询时间", "matter": "查询事项", "subject": "主体名称", "result": "查询结果"}
            rec["photo"] = {"published": t.get("date"),
                            "query_fields": [names[k] for k, v in (t.get("query_fields") or {}).items() if v]}
        for pt in t.get("privacy_types", []):
            findings.append({"file": p, "code": {"id": "PRIVACY_ID_CARD", "mobile": "PRIVACY_MOBILE"}[pt], "severity": "warning"})
        if t.get("defect"):
            findings.append({"file": p, "code": "PLANTED", "severity": "warning"})
        files.append(rec)
    inds = [{"id": k, "points": v["expect_points"]} for k, v in truth.get("indicators", {}).items() if "expect_points" in v]
    json.dump({"format_version": 1, "files": files, "findings": findings, "indicators": inds},
              open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)


if __name__ == "__main__":
    main()
