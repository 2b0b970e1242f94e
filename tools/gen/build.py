"""Turn one job (a file to make) into bytes on disk and its ground-truth label.

Jobs are plain picklable dicts so a multiprocessing pool can build them in any order
with the same result: every random choice inside comes from the job's own seeds.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re

from PIL import Image

from .common import FIXED_MTIME, quarter_of, write_bytes
from .content import DocParams, build_doc
from .docrender import ScanSpec, render_scan_pdf, render_text_pdf
from .office import docx_bytes, xlsx_bytes
from .photos import PhotoSpec, encode_photo, render_photo
from .screens import ScreenSpec, render_screen

# Every label has every key; None means "does not apply to this file".
LABEL_KEYS = [
    "path", "indicator", "kind", "content_kind", "size_bytes", "date", "quarter", "notes",
    # documents
    "title", "pages", "has_header", "header_red", "header_color", "header_lines", "header_text",
    "has_own_number", "own_number", "own_number_wellformed", "own_number_issue", "cited_numbers",
    "has_seal", "seal_count", "seal_color", "seal_state", "issue_date", "date_text",
    "date_text_wellformed", "is_scan", "grayscale", "scan_dpi", "scan_rotation_deg",
    "privacy_items",
    # photos
    "has_watermark", "watermark_style", "watermark_time", "antifake_code", "has_exif", "exif_time",
    "exif_make", "exif_model", "exif_software", "exif_orientation", "exif_gps", "reused_of",
    "stored_size", "display_size",
    # screenshots
    "published", "captured", "query_fields", "query_fields_missing",
    # office files
    "rows",
]

DOC_KEYS = ["pages", "has_header", "header_red", "header_color", "header_lines", "header_text",
            "has_own_number", "own_number", "own_number_wellformed", "own_number_issue", "cited_numbers",
            "has_seal", "seal_count", "seal_color", "seal_state", "issue_date", "date_text",
            "date_text_wellformed", "is_scan", "grayscale", "scan_dpi", "scan_rotation_deg", "date", "quarter"]

WELLFORMED_NUMBER = re.compile(r"^[\u4e00-\u9fff]+〔(19|20)\d{2}〕[1-9]\d*号$")


def number_issue(n: str | None) -> str | None:
    """Why a 发文字号 is malformed (brackets, 第, short year, leading zero), or None."""
    if n is None or WELLFORMED_NUMBER.match(n):
        return None
    if "〔" not in n or "〕" not in n:
        return "brackets"
    if "第" in n:
        return "di"
    if re.search(r"〔\d{2}〕", n):
        return "short_year"
    if re.search(r"〕0\d*号", n):
        return "leading_zero"
    if not n.endswith("号"):
        return "no_hao"
    return "other"


def _hex(c) -> str:
    return "#%02x%02x%02x" % tuple(int(v) for v in c)


def new_label(job) -> dict:
    lab = {k: None for k in LABEL_KEYS}
    lab["path"] = job["path"]
    lab["indicator"] = job.get("indicator")
    lab["kind"] = job["kind"]
    lab["notes"] = job.get("notes")
    return lab


def _doc_label(lab, p: DocParams, scan: ScanSpec | None, truth: dict):
    lab.update({
        "title": truth["title"], "pages": truth["pages"],
        "has_header": p.header != "none",
        "header_red": (p.header == "red") if p.header != "none" else None,
        "header_color": _hex(p.header_color) if p.header == "red" else (
            "#141414" if p.header == "black" else None),
        "header_lines": len(p.issuers) if p.header != "none" else None,
        "header_text": ("".join(p.issuers) + p.header_suffix) if p.header != "none" else None,
        "has_own_number": p.number is not None, "own_number": p.number,
        "own_number_wellformed": (number_issue(p.number) is None) if p.number else None,
        "own_number_issue": number_issue(p.number),
        "cited_numbers": truth["cited_numbers"],
        "has_seal": p.seal != "none", "seal_count": truth["seal_count"],
        "seal_color": _hex(p.seal_color) if p.seal != "none" else None,
        "seal_state": p.seal if p.seal != "none" else None,
        "issue_date": p.date.isoformat(),
        "date_text": truth["date_text"],
        "date_text_wellformed": p.date_style == "arabic",
        "is_scan": scan is not None,
        "grayscale": bool(scan.grayscale) if scan else False,
        "scan_dpi": scan.dpi if scan else None,
        "scan_rotation_deg": scan.rotation_deg if scan else None,
        "date": p.date.isoformat(), "quarter": quarter_of(p.date),
    })
    if p.privacy:
        lab["privacy_items"] = [f"id:{p.topic['id_number']}", f"mobile:{p.topic['mobile']}"]


def _render_doc(p: DocParams, scan: ScanSpec | None):
    spec, truth = build_doc(p)
    truth["date_text"] = spec.date_text
    if scan is None:
        data, _ = render_text_pdf(spec)
    else:
        # scanned the next working morning after signing
        scan.date = f"{p.date + dt.timedelta(days=1):%Y%m%d}{spec.pdf_date[8:]}+08'00'"
        data, _ = render_scan_pdf(spec, scan)
    return data, truth


def _photo_label(lab, spec: PhotoSpec, stored_size, display_size):
    wm, ex = spec.watermark, spec.exif
    lab.update({
        "has_watermark": wm is not None,
        "watermark_style": wm.style if wm else None,
        "watermark_time": wm.shown_time() if wm else None,
        "antifake_code": (wm.code or None) if wm and wm.style == "jinri" else None,
        "has_exif": ex is not None,
        "exif_time": ex.time.strftime("%Y-%m-%d %H:%M:%S") if ex and ex.time else None,
        "exif_make": ex.make if ex else None, "exif_model": ex.model if ex else None,
        "exif_software": ex.software if ex else None,
        "exif_orientation": (6 if spec.rotate_stored else ex.orientation) if ex else None,
        "exif_gps": [round(v, 5) for v in ex.gps] if ex and ex.gps else None,
        "stored_size": list(stored_size), "display_size": list(display_size),
    })
    t = wm.time if wm else (ex.time if ex else None)
    if t:
        lab["date"] = t.date().isoformat()
        lab["quarter"] = quarter_of(t.date())


def build(job: dict) -> dict:
    """Write the job's file under job['root'] and return its label."""
    out = os.path.join(job["root"], job["path"])
    lab = new_label(job)
    kind = job["kind"]
    if kind in ("text_pdf", "scan_pdf", "truncated_pdf"):
        p: DocParams = job["doc"]
        scan = job.get("scan")
        data, truth = _render_doc(p, scan)
        _doc_label(lab, p, scan, truth)
        lab["content_kind"] = "pdf"
        if kind == "truncated_pdf":
            cut = int(len(data) * job.get("keep", 0.4))
            data = data[:cut]
            # nothing can be read from a cut file: the document facts are unknowable
            for k in DOC_KEYS:
                lab[k] = None
            lab["notes"] = (lab["notes"] or "") + f" [intended: {p.number}, {p.date.isoformat()}]"
    elif kind == "photo":
        spec: PhotoSpec = job["photo"]
        reuse = job.get("reuse")
        if reuse:
            orig: PhotoSpec = reuse["photo"]
            display, _ = render_photo(orig)
            w = int(display.width * reuse.get("scale", 0.8))
            h = int(display.height * reuse.get("scale", 0.8))
            display = display.resize((w, h), Image.LANCZOS)
            spec.width, spec.height = w, h
            spec.watermark = orig.watermark
            data = encode_photo(display, spec)
            lab["reused_of"] = reuse["of"]
        else:
            display, data = render_photo(spec)
        stored = (display.height, display.width) if spec.rotate_stored else display.size
        _photo_label(lab, spec, stored, display.size)
        lab["content_kind"] = "jpeg"
    elif kind in ("screenshot", "png_as_jpg"):
        spec: ScreenSpec = job["screen"]
        data = render_screen(spec)
        lab["content_kind"] = "png"
        lab["published"] = spec.published.strftime("%Y-%m-%d") if spec.published else None
        lab["captured"] = spec.captured.strftime("%Y-%m-%d %H:%M") if spec.captured else None
        lab["title"] = spec.title
        if spec.kind == "query":
            lab["query_fields"] = dict(spec.query)
            lab["query_fields_missing"] = [k for k in ("查询时间", "查询事项", "主体名称", "查询结果")
                                           if k not in spec.query]
            qt = spec.query.get("查询时间")
            if qt:
                lab["date"] = qt[:10]
                lab["quarter"] = quarter_of(dt.date.fromisoformat(qt[:10]))
        elif spec.published:
            lab["date"] = spec.published.date().isoformat()
            lab["quarter"] = quarter_of(spec.published.date())
    elif kind == "docx":
        d = job["docx"]
        data = docx_bytes(d["title"], d.get("paragraphs", []), d.get("table"),
                          after_table=d.get("after"))
        lab["content_kind"] = "docx"
        lab["title"] = d["title"]
        lab["rows"] = d.get("rows_label")
        if d.get("date"):
            lab["date"] = d["date"]
            lab["quarter"] = quarter_of(dt.date.fromisoformat(d["date"]))
    elif kind == "xlsx":
        x = job["xlsx"]
        data = xlsx_bytes(x["sheet"], x["header"], x["rows"], title=x.get("title", ""))
        lab["content_kind"] = "xlsx"
        lab["title"] = x.get("title")
        lab["rows"] = x.get("rows_label")
    elif kind in ("empty", "text", "corrupt_jpeg", "raw"):
        data = job.get("data", b"")
        lab["content_kind"] = job.get("content_kind", "empty" if not data else "other")
    else:
        raise ValueError(kind)
    write_bytes(out, data)
    lab["size_bytes"] = len(data)
    return lab


def build_safe(job: dict) -> dict:
    """build() for pool workers: re-raise with the path so failures are attributable."""
    try:
        return build(job)
    except Exception as e:  # pragma: no cover - diagnostic path
        raise RuntimeError(f"gen_samples: failed on {job.get('path')}: {e!r}") from e


__all__ = ["build", "build_safe", "LABEL_KEYS", "number_issue", "FIXED_MTIME"]
