"""The stress preset: thousands of small and hostile files in many folders.

Made at test time, never committed: corrupt JPEGs and PDFs, truncated files,
zero-byte files, names that are not valid UTF-8, very long names, Office lock files,
a directory symlink that points to an ancestor (a loop), symlinks that leave the root
and a dangling symlink.
"""
from __future__ import annotations

import io
import os

from PIL import Image

from .common import FIXED_MTIME, np_rng_for, rng_for
from .office import docx_bytes
from .photos import ExifSpec, exif_bytes


def _tiny_pdf(text: str) -> bytes:
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + o + b"\nendobj\n")
    x = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for o in offs:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode())
    return out.getvalue()


def _tiny_jpeg(nr, exif: bool, r) -> bytes:
    arr = nr.integers(0, 255, size=(24, 32, 3), dtype="uint8")
    img = Image.fromarray(arr)
    b = io.BytesIO()
    kw = {"quality": 70}
    if exif:
        import datetime as dt
        t = dt.datetime(2025, r.randint(1, 12), r.randint(1, 28), r.randint(8, 18), r.randint(0, 59))
        kw["exif"] = exif_bytes(ExifSpec("Xiaomi", "2211133C", t), (32, 24))
    img.save(b, "JPEG", **kw)
    return b.getvalue()


def _tiny_png(nr) -> bytes:
    img = Image.fromarray(nr.integers(0, 255, size=(16, 16, 3), dtype="uint8"))
    b = io.BytesIO()
    img.save(b, "PNG")
    return b.getvalue()


FOLDER_WORDS = ["制度建设", "联动机制", "信息管理", "信用应用", "诚信宣传", "培训交流", "探索创新", "照片",
                "会议", "第一季度", "第二季度", "扫描件", "新建文件夹", "副本", "备份", "2025", "其他"]


def make_stress(out: str, seed: int, files: int) -> dict:
    """Write the stress tree; returns a labels dict (paths relative to out)."""
    r = rng_for(seed, "stress")
    nr = np_rng_for(seed, "stress")
    os.makedirs(out, exist_ok=True)
    folders = [""]
    for i in range(80):
        parent = r.choice(folders)
        depth = parent.count("/") + 1 if parent else 0
        if depth > 6:
            parent = ""
        name = f"{r.randint(1, 9)}.{r.choice(FOLDER_WORDS)}" if r.random() < 0.6 else r.choice(FOLDER_WORDS) + str(i)
        folders.append(f"{parent}/{name}".lstrip("/"))
    # one very deep chain
    deep = "/".join(f"层级{i}" for i in range(40))
    folders.append(deep)

    entries = []
    kinds = (["jpeg"] * 40 + ["pdf"] * 15 + ["corrupt_jpeg"] * 10 + ["truncated_pdf"] * 5 + ["empty"] * 5
             + ["text"] * 10 + ["docx"] * 5 + ["png"] * 5 + ["misnamed"] * 5)
    seen = set()
    for i in range(files):
        kind = r.choice(kinds)
        folder = r.choice(folders)
        ext = {"jpeg": ".jpg", "pdf": ".pdf", "corrupt_jpeg": ".jpg", "truncated_pdf": ".pdf", "empty": "",
               "text": ".txt", "docx": ".docx", "png": ".png", "misnamed": r.choice([".pdf", ".jpg", ".heic", ".xlsx"])}[kind]
        if kind == "empty":
            ext = r.choice([".jpg", ".pdf", ".docx", ".txt"])
        base = r.choice(["会议照片", "IMG_2025", "扫描件", "通知", "台账", "截图", "新建 Microsoft Word 文档",
                         "副本 - 副本", "照片(1)", "材料"])
        name = f"{base}_{i:05d}{ext}"
        rel = f"{folder}/{name}".lstrip("/")
        if rel in seen:
            continue
        seen.add(rel)
        if kind == "jpeg":
            data, ck = _tiny_jpeg(nr, r.random() < 0.5, r), "jpeg"
        elif kind == "pdf":
            data, ck = _tiny_pdf(f"stress {i}"), "pdf"
        elif kind == "corrupt_jpeg":
            data = b"\xff\xd8\xff\xe0" + bytes(nr.integers(0, 256, size=r.randint(10, 3000), dtype="uint8"))
            ck = "jpeg"
        elif kind == "truncated_pdf":
            full = _tiny_pdf(f"truncated {i}")
            data, ck = full[: r.randint(9, len(full) - 20)], "pdf"
        elif kind == "empty":
            data, ck = b"", "empty"
        elif kind == "text":
            s = f"说明{i}：本文件为测试文件。联系电话 1390538{i % 10000:04d}\n"
            data = s.encode("gbk") if r.random() < 0.5 else s.encode("utf-8")
            ck = "text"
        elif kind == "docx":
            data, ck = docx_bytes(f"台账{i}", ["测试"]), "docx"
        elif kind == "png":
            data, ck = _tiny_png(nr), "png"
        else:
            data = r.choice([_tiny_pdf("misnamed"), _tiny_png(nr), bytes(nr.integers(0, 256, size=200, dtype="uint8"))])
            ck = "pdf" if data.startswith(b"%PDF") else ("png" if data.startswith(b"\x89PNG") else "other")
        entries.append((rel, kind, ck, data))

    # odd names
    entries.append(("Thumbs.db", "raw", "other", bytes(64)))
    entries.append((".DS_Store", "raw", "other", b"\x00\x00\x00\x01Bud1" + bytes(32)))
    entries.append(("~$临时文件.docx", "raw", "other", b"\x0c" + "张晓燕".encode("utf-16-le") + bytes(100)))
    entries.append(("长文件名" * 20 + ".pdf", "pdf", "pdf", _tiny_pdf("long name")))
    entries.append(("名称 含 空格 与 (括号) & 符号#1.jpg", "jpeg", "jpeg", _tiny_jpeg(nr, False, r)))

    labels = {"preset": "stress", "seed": seed, "files": [], "symlinks": [], "non_utf8_names": []}
    for rel, kind, ck, data in entries:
        p = os.path.join(out, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        labels["files"].append({"path": rel, "kind": kind, "content_kind": ck, "size_bytes": len(data)})

    # names that are not valid UTF-8 (GBK bytes, as old Windows zips produce)
    outb = os.fsencode(out)
    for i, s in enumerate(["会议照片", "工作方案", "双公示台账"]):
        raw = s.encode("gbk") + f"_{i}".encode() + (b".jpg" if i == 0 else b".pdf")
        with open(os.path.join(outb, raw), "wb") as f:
            f.write(_tiny_jpeg(nr, False, r) if i == 0 else _tiny_pdf("gbk"))
        labels["non_utf8_names"].append(raw.hex())

    # symlinks
    outside = out.rstrip("/") + "-outside"
    os.makedirs(outside, exist_ok=True)
    with open(os.path.join(outside, "外部文件-不应被读取.txt"), "wb") as f:
        f.write("root 以外的文件\n".encode("utf-8"))
    links = [("回环链接", ".", "directory symlink to the root itself (loop)"),
             (folders[3] + "/指向上级", "../" * (folders[3].count("/") + 1), "directory symlink to an ancestor (loop)"),
             ("外部目录", os.path.relpath(outside, out), "directory symlink outside the root"),
             ("外部文件.txt", "/etc/hostname", "file symlink outside the root (absolute)"),
             ("失效链接.pdf", "不存在的文件.pdf", "dangling symlink")]
    for rel, target, note in links:
        p = os.path.join(out, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if os.path.lexists(p):
            os.remove(p)
        os.symlink(target.rstrip("/") or ".", p)
        labels["symlinks"].append({"path": rel, "target": target.rstrip("/") or ".", "notes": note})
    return labels


__all__ = ["make_stress", "FIXED_MTIME"]
