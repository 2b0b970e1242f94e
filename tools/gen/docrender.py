"""Parametric renderer for Chinese official documents (公文) after GB/T 9704-2012.

A DocSpec is laid out once into pages of drawing operations in millimetres
(origin top-left); two backends draw them:
  * render_text_pdf(): a text PDF as exported from Word/WPS (reportlab, embedded TrueType);
  * render_page_image(): a PIL raster of a page, used for scans (render_scan_pdf()).
Geometry (research/domain.md §1): A4; 版心 156 x 225 mm at 28 mm left / 37 mm top;
发文机关标志 top edge 72 mm from the paper top; 发文字号 two lines below it; a red
line 4 mm under the number; title two lines below the line; 22 lines of 28 characters.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .common import font_file, np_rng_for, pil_font, split_runs
from .seal import SealSpec, render_seal

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP = 28.0, 37.0
AREA_W, AREA_H = 156.0, 225.0
LINE = AREA_H / 22.0          # 10.23 mm line pitch
BODY_PT = 15.8                # 3号 (16 pt) tuned so 28 characters fill 156 mm
PT_MM = 25.4 / 72.0
HEADER_TOP = 72.0
RED = (230, 0, 18)


@dataclass
class DocSpec:
    """Everything that varies between documents. Strings are exactly what is printed."""
    issuers: list                       # issuing organ names (2+ = 联合行文)
    title: str
    paragraphs: list                    # [(style, text)], style in body|h1|h2|plain
    date_text: str                      # 成文日期 as printed, e.g. 2025年3月5日
    signers: list | None = None         # 署名; defaults to issuers
    number: str | None = None           # own 发文字号 as printed under the header
    header: str = "red"                 # red | black | none
    header_suffix: str = "文件"          # "" = name only
    header_color: tuple = RED
    header_font: str = "song"
    header_height_mm: float = 17.0      # glyph height of the 发文机关标志
    rule_color: tuple | None = None     # defaults to header colour (black header -> black line)
    number_position: str = "center"     # center | left (上行文) | topright (no header)
    signer_of_upward: str | None = None  # 签发人 for 上行文
    recipients: str | None = None       # 主送
    seals: list = field(default_factory=list)   # SealSpec per signer (may be shorter)
    body_font: str = "song"
    title_font: str = "song"
    h1_font: str = "hei"
    h2_font: str = "kai"
    banji: dict | None = None           # {'cc': str|None, 'printer': str, 'print_date': str}
    page_numbers: bool = True
    author: str = ""
    creator: str = "WPS 文字"
    pdf_date: str = "20250101090000"      # CreationDate/ModDate (local +08:00), never the clock
    extra_lines_after_title: int = 0


# --- text measuring (reportlab metrics; both backends share one layout) -------
_RL_REGISTERED: set = set()


def rl_font_name(key: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    name = "F_" + key
    if name not in _RL_REGISTERED:
        path, idx = font_file(key)
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=idx))
        _RL_REGISTERED.add(name)
    return name


def text_width_mm(text: str, key: str, size_pt: float) -> float:
    from reportlab.pdfbase import pdfmetrics
    w = 0.0
    for k, run in split_runs(text, key):
        w += pdfmetrics.stringWidth(run, rl_font_name(k), size_pt)
    return w * PT_MM


_NO_LINE_START = set("，。、；：？！）》」』”’〕】〉%．,.;:!?)")
_NO_LINE_END = set("（《「『“‘〔【〈(")


def wrap(text: str, key: str, size_pt: float, width_mm: float, first_indent_mm: float = 0.0):
    """Greedy CJK wrapping; closing punctuation may hang past the margin (避头)."""
    lines, cur, cur_w = [], "", first_indent_mm
    for ch in text:
        w = text_width_mm(ch, key, size_pt)
        if cur and cur_w + w > width_mm + 0.01 and ch not in _NO_LINE_START:
            carry = ""
            while len(cur) > 1 and cur[-1] in _NO_LINE_END:
                carry = cur[-1] + carry
                cur = cur[:-1]
            lines.append(cur)
            cur, cur_w = carry, text_width_mm(carry, key, size_pt) if carry else 0.0
        cur += ch
        cur_w += w
    if cur:
        lines.append(cur)
    return lines


# --- layout ------------------------------------------------------------------
# op kinds:
#   ("text", x, y_baseline, text, font, size_pt, color, hscale, bold, align)
#   ("line", x1, y1, x2, y2, width_mm, color)
#   ("seal", cx, cy, SealSpec)

def _text(x, y, s, font, size, color=(0, 0, 0), hscale=1.0, bold=0.0, align="left"):
    return ("text", x, y, s, font, size, color, hscale, bold, align)


def _header_ops(spec: DocSpec):
    """Ops for the 发文机关标志; returns (ops, bottom_y_mm)."""
    ops = []
    color = spec.header_color if spec.header == "red" else (20, 20, 20)
    H = spec.header_height_mm
    size_pt = H / PT_MM / 0.86     # glyph box ~0.86 em for these CJK fonts
    if len(spec.issuers) == 1:
        s = spec.issuers[0] + spec.header_suffix
        natural = text_width_mm(s, spec.header_font, size_pt)
        hscale = min(1.0, (AREA_W - 6) / natural, 0.80 if len(s) <= 8 else 1.0)
        base = HEADER_TOP + H * 0.93
        ops.append(_text(PAGE_W / 2, base, s, spec.header_font, size_pt, color, hscale,
                         bold=0.35, align="center"))
        return ops, HEADER_TOP + H
    # joint issue: names stacked, "文件" to the right, centred vertically across them
    n = len(spec.issuers)
    h_line = min(H * 0.78, 13.0)
    gap = h_line * 0.35
    size_pt = h_line / PT_MM / 0.86
    names_w = max(text_width_mm(s, spec.header_font, size_pt) for s in spec.issuers)
    suf = spec.header_suffix
    suf_size = size_pt * (1.45 if n == 2 else 1.8)
    suf_w = text_width_mm(suf, spec.header_font, suf_size) if suf else 0.0
    total = names_w + (6 + suf_w if suf else 0)
    hscale = min(1.0, (AREA_W - 4) / total)
    x0 = PAGE_W / 2 - total * hscale / 2
    for i, s in enumerate(spec.issuers):
        base = HEADER_TOP + h_line * 0.93 + i * (h_line + gap)
        # names are justified to the same width (each name spread across names_w)
        w = text_width_mm(s, spec.header_font, size_pt)
        if len(s) > 1 and w < names_w - 0.5:
            step = (names_w - w) / (len(s) - 1)
            x = x0
            for ch in s:
                ops.append(_text(x, base, ch, spec.header_font, size_pt, color, hscale, 0.35))
                x += (text_width_mm(ch, spec.header_font, size_pt) + step) * hscale
        else:
            ops.append(_text(x0, base, s, spec.header_font, size_pt, color, hscale, 0.35))
    block_h = n * h_line + (n - 1) * gap
    if suf:
        sx = x0 + (names_w + 6) * hscale
        sbase = HEADER_TOP + block_h / 2 + suf_size * PT_MM * 0.86 * 0.5 - suf_size * PT_MM * 0.04
        ops.append(_text(sx, sbase, suf, spec.header_font, suf_size, color, hscale, 0.45))
    return ops, HEADER_TOP + block_h


def layout(spec: DocSpec):
    """Lay the document out. Returns (pages, info); pages are lists of ops."""
    pages = [[]]
    info = {"number_y_mm": None, "rule_y_mm": None, "header_bottom_mm": None, "seal_centers": []}
    page = pages[0]
    bottom = TOP + AREA_H
    body_size = BODY_PT
    char_w = text_width_mm("国", spec.body_font, body_size)

    # -- 版头 -------------------------------------------------------------------
    if spec.header != "none":
        hops, hb = _header_ops(spec)
        page.extend(hops)
        info["header_bottom_mm"] = hb
        num_base = hb + 2 * LINE + 4.0
        if spec.number:
            if spec.number_position == "left":
                page.append(_text(LEFT + char_w, num_base, spec.number, spec.body_font, body_size))
                if spec.signer_of_upward:
                    right = LEFT + AREA_W - char_w
                    name_w = text_width_mm(spec.signer_of_upward, spec.h2_font, body_size)
                    page.append(_text(right - name_w, num_base, "签发人：",
                                      spec.body_font, body_size, align="right"))
                    page.append(_text(right, num_base, spec.signer_of_upward,
                                      spec.h2_font, body_size, align="right"))
            else:
                page.append(_text(PAGE_W / 2, num_base, spec.number, spec.body_font, body_size,
                                  align="center"))
            info["number_y_mm"] = num_base
        rule_y = num_base + 4.0
        rc = spec.rule_color or (spec.header_color if spec.header == "red" else (20, 20, 20))
        page.append(("line", LEFT, rule_y, LEFT + AREA_W, rule_y, 0.5, rc))
        info["rule_y_mm"] = rule_y
        y = rule_y + 2 * LINE
    else:
        y = TOP + LINE * 0.8
        if spec.number:
            if spec.number_position == "topright":
                page.append(_text(LEFT + AREA_W, y, spec.number, spec.body_font, body_size,
                                  align="right"))
            else:
                page.append(_text(PAGE_W / 2, y, spec.number, spec.body_font, body_size,
                                  align="center"))
            info["number_y_mm"] = y
            y += 2 * LINE
        else:
            y += LINE

    # -- title (2号小标宋, may wrap) ---------------------------------------------
    title_pt = 22.0
    for tl in wrap(spec.title, spec.title_font, title_pt, AREA_W - 2 * char_w):
        page.append(_text(PAGE_W / 2, y, tl, spec.title_font, title_pt, bold=0.25, align="center"))
        y += LINE * 1.05
    y += LINE * (1 + spec.extra_lines_after_title) - LINE * 0.05

    def new_page():
        nonlocal page, y
        page = []
        pages.append(page)
        y = TOP + LINE * 0.8

    if spec.recipients:
        page.append(_text(LEFT, y, spec.recipients, spec.body_font, body_size))
        y += LINE

    # -- body -------------------------------------------------------------------
    for style, text in spec.paragraphs:
        font = {"h1": spec.h1_font, "h2": spec.h2_font}.get(style, spec.body_font)
        indent = 0.0 if style == "plain" else 2 * char_w
        lines = wrap(text, font, body_size, AREA_W, indent)
        for i, ln in enumerate(lines):
            if y > bottom - 1:
                new_page()
            x = LEFT + (indent if i == 0 else 0)
            page.append(_text(x, y, ln, font, body_size))
            y += LINE
    last_body_y = y - LINE

    # -- signature, date and seals --------------------------------------------
    signers = spec.signers if spec.signers is not None else list(spec.issuers)
    name_y = last_body_y + 3 * LINE
    date_y = name_y + LINE
    need_bottom = date_y + (9.0 if spec.seals else 0.0)
    if need_bottom > bottom:
        # GB/T 9704 forbids a page with only the signature: move the last body lines over.
        moved = []
        while page and page[-1][0] == "text" and len(moved) < 2:
            moved.insert(0, page.pop())
        new_page()
        for op in moved:
            page.append(op[:2] + (y,) + op[3:])
            y += LINE
        last_body_y = y - LINE
        name_y = last_body_y + 3 * LINE
        date_y = name_y + LINE
    date_w = text_width_mm(spec.date_text, spec.body_font, body_size)
    date_right = LEFT + AREA_W - 4 * char_w
    date_cx = date_right - date_w / 2
    if len(signers) <= 1:
        centers = [date_cx]
    else:
        centers = [LEFT + AREA_W * (0.28 + 0.62 * i / (len(signers) - 1)) for i in range(len(signers))]
        centers[-1] = date_cx
    for s, cx in zip(signers, centers):
        page.append(_text(cx, name_y, s, spec.body_font, body_size, align="center"))
    page.append(_text(date_right, date_y, spec.date_text, spec.body_font, body_size, align="right"))
    for seal, cx in zip(spec.seals, centers):
        if seal is None:
            continue
        cy = name_y - 3.0 + (LINE * 0.5 if len(signers) == 1 else 0.0) - 4.0
        page.append(("seal", cx, cy, seal))
        info["seal_centers"].append((len(pages), cx, cy))
    y = date_y + LINE

    # -- 版记 at the foot of the last page ---------------------------------------
    if spec.banji:
        n_lines = 2 if spec.banji.get("cc") else 1
        top_y = bottom - n_lines * (LINE * 0.8) - 2
        if top_y > y + (12 if spec.seals else 2):
            small = 14.0
            page.append(("line", LEFT, top_y, LEFT + AREA_W, top_y, 0.35, (0, 0, 0)))
            yy = top_y + LINE * 0.62
            if spec.banji.get("cc"):
                page.append(_text(LEFT + char_w, yy, "抄送：" + spec.banji["cc"], spec.body_font, small))
                page.append(("line", LEFT, yy + 2.6, LEFT + AREA_W, yy + 2.6, 0.25, (0, 0, 0)))
                yy += LINE * 0.8
            page.append(_text(LEFT + char_w, yy, spec.banji["printer"], spec.body_font, small))
            page.append(_text(LEFT + AREA_W - char_w, yy, spec.banji["print_date"] + "印发",
                              spec.body_font, small, align="right"))
            page.append(("line", LEFT, yy + 2.6, LEFT + AREA_W, yy + 2.6, 0.35, (0, 0, 0)))
            info["banji"] = True

    # -- page numbers ------------------------------------------------------------
    if spec.page_numbers:
        for i, p in enumerate(pages, start=1):
            s = f"— {i} —"
            yb = bottom + 7 + 3.5
            if i % 2 == 1:
                p.append(_text(LEFT + AREA_W - char_w, yb, s, "song", 14, align="right"))
            else:
                p.append(_text(LEFT + char_w, yb, s, "song", 14, align="left"))
    info["pages"] = len(pages)
    return pages, info


# --- backend 1: text PDF (reportlab) -------------------------------------------

def render_text_pdf(spec: DocSpec, px_per_mm_seal: float = 12.0) -> tuple[bytes, dict]:
    """A text PDF like Word/WPS exports: embedded TrueType subsets, seal as an RGBA image."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    pages, info = layout(spec)
    buf = io.BytesIO()
    mm = 72.0 / 25.4
    c = rl_canvas.Canvas(buf, pagesize=(PAGE_W * mm, PAGE_H * mm), invariant=1,
                         pageCompression=1, initialFontName=rl_font_name(spec.body_font),
                         initialFontSize=BODY_PT)
    c.setTitle(spec.title)
    c.setAuthor(spec.author or (spec.issuers[0] if spec.issuers else ""))
    c.setCreator(spec.creator)
    c.setProducer(spec.creator)
    c.setSubject("")
    c.setDateFormatter(lambda *_a: f"D:{spec.pdf_date}+08'00'")
    for ops in pages:
        for op in ops:
            kind = op[0]
            if kind == "text":
                _, x, y, s, font, size, color, hscale, bold, align = op
                w = text_width_mm(s, font, size) * hscale
                if align == "center":
                    x -= w / 2
                elif align == "right":
                    x -= w
                # Tr and Tz are graphics state and would leak into later text: q/Q
                c.saveState()
                t = c.beginText()
                t.setTextOrigin(x * mm, (PAGE_H - y) * mm)
                t.setHorizScale(hscale * 100)
                r, g, b = [v / 255.0 for v in color]
                t.setFillColorRGB(r, g, b)
                if bold:
                    # faux bold (小标宋 look): fill + stroke in the text colour
                    t.setStrokeColorRGB(r, g, b)
                    c.setLineWidth(bold * size / 16.0)
                    t.setTextRenderMode(2)
                else:
                    t.setTextRenderMode(0)
                for k, run in split_runs(s, font):
                    t.setFont(rl_font_name(k), size)
                    t.textOut(run)
                c.drawText(t)
                c.restoreState()
            elif kind == "line":
                _, x1, y1, x2, y2, wmm, color = op
                c.setStrokeColorRGB(*[v / 255.0 for v in color])
                c.setLineWidth(wmm * mm)
                c.line(x1 * mm, (PAGE_H - y1) * mm, x2 * mm, (PAGE_H - y2) * mm)
            elif kind == "seal":
                _, cx, cy, seal = op
                img = render_seal(seal, px_per_mm_seal)
                side = img.width / px_per_mm_seal
                c.drawImage(ImageReader(img), (cx - side / 2) * mm, (PAGE_H - cy - side / 2) * mm,
                            side * mm, side * mm, mask="auto")
        c.showPage()
    c.save()
    return buf.getvalue(), info


# --- backend 2: raster page (PIL) ----------------------------------------------

def render_page_image(ops, dpi: int) -> Image.Image:
    """Render one laid-out page to an RGB image at dpi."""
    k = dpi / 25.4
    W, H = int(round(PAGE_W * k)), int(round(PAGE_H * k))
    img = Image.new("RGB", (W, H), (255, 255, 255))
    dr = ImageDraw.Draw(img)
    seals = []
    for op in ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, font, size, color, hscale, bold, align = op
            px = size * PT_MM * k
            w_total = text_width_mm(s, font, size) * hscale * k
            if align == "center":
                x0 = x * k - w_total / 2
            elif align == "right":
                x0 = x * k - w_total
            else:
                x0 = x * k
            stroke = int(round(bold * px / 40.0)) if bold else 0
            if hscale >= 0.999:
                cx = x0
                for fk, run in split_runs(s, font):
                    f = pil_font(fk, px)
                    dr.text((cx, y * k), run, font=f, fill=color, anchor="ls",
                            stroke_width=stroke, stroke_fill=color)
                    cx += text_width_mm(run, fk, size) * k
            else:
                # render unscaled into a layer, then squeeze horizontally
                natural = int(math.ceil(text_width_mm(s, font, size) * k)) + 4 * stroke + 4
                hh = int(px * 1.4) + 4 * stroke
                layer = Image.new("L", (natural, hh), 0)
                ld = ImageDraw.Draw(layer)
                cx = 2 + stroke
                for fk, run in split_runs(s, font):
                    f = pil_font(fk, px)
                    ld.text((cx, px * 1.1), run, font=f, fill=255, anchor="ls",
                            stroke_width=stroke, stroke_fill=255)
                    cx += text_width_mm(run, fk, size) * k
                layer = layer.resize((max(1, int(natural * hscale)), hh), Image.LANCZOS)
                img.paste(color, (int(x0), int(y * k - px * 1.1)), layer)
        elif kind == "line":
            _, x1, y1, x2, y2, wmm, color = op
            dr.line([(x1 * k, y1 * k), (x2 * k, y2 * k)], fill=color,
                    width=max(1, int(round(wmm * k))))
        elif kind == "seal":
            seals.append(op)
    if seals:
        arr = np.asarray(img, dtype=np.float32)
        for _, cx, cy, seal in seals:
            s_img = render_seal(seal, k)
            sa = np.asarray(s_img, dtype=np.float32)
            a = sa[..., 3:4] / 255.0
            col = sa[..., 0:3]
            x0 = int(round(cx * k - s_img.width / 2))
            y0 = int(round(cy * k - s_img.height / 2))
            h, w = a.shape[:2]
            xa, ya = max(0, x0), max(0, y0)
            xb, yb = min(arr.shape[1], x0 + w), min(arr.shape[0], y0 + h)
            if xb <= xa or yb <= ya:
                continue
            sub = arr[ya:yb, xa:xb]
            aa = a[ya - y0:yb - y0, xa - x0:xb - x0]
            cc = col[ya - y0:yb - y0, xa - x0:xb - x0]
            # ink multiplies over the paper and the text beneath it
            arr[ya:yb, xa:xb] = sub * (1 - aa) + sub * (cc / 255.0) * aa
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img


# --- scans ---------------------------------------------------------------------

@dataclass
class ScanSpec:
    dpi: int = 200
    rotation_deg: float = 1.0
    grayscale: bool = False
    noise: float = 5.0
    jpeg_quality: int = 70
    paper_tint: tuple = (0.985, 0.975, 0.955)
    seed: int = 0
    producer: str = "Canon iR-ADV C3530 PDF"
    date: str = "20250306093000+08'00'"


def degrade_scan(page: Image.Image, scan: ScanSpec, page_index: int) -> Image.Image:
    """Make a clean page look scanned: tint, blur, skew, noise, optional grayscale."""
    rng = np_rng_for(scan.seed, "scan", page_index)
    img = page.filter(ImageFilter.GaussianBlur(0.35 * scan.dpi / 150))
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape[:2]
    # uneven illumination: a gentle gradient plus paper tint
    gy = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
    gx = np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :]
    shade = 1.0 - 0.03 * gy * float(rng.uniform(0.3, 1.0)) - 0.02 * gx * float(rng.uniform(0, 1))
    arr = arr * shade[..., None] * np.array(scan.paper_tint, dtype=np.float32)
    # ink is never pure black on a scan
    arr = 18 + arr * (1 - 18 / 255)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if scan.rotation_deg:
        fill = tuple(int(245 * t) for t in scan.paper_tint)
        img = img.rotate(scan.rotation_deg, resample=Image.BILINEAR, expand=False, fillcolor=fill)
    arr = np.asarray(img, dtype=np.float32)
    # sensor noise from a random tile (a full-page normal draw costs more than the rest)
    tile = rng.normal(0.0, scan.noise, size=(509, 509, 1)).astype(np.float32)
    big = np.tile(tile, (h // 509 + 2, w // 509 + 2, 1))
    oy, ox = int(rng.integers(0, 509)), int(rng.integers(0, 509))
    arr = arr + big[oy:oy + h, ox:ox + w]
    # dust specks
    for _ in range(int(rng.integers(8, 30))):
        y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
        r = int(rng.integers(1, 3))
        arr[max(0, y - r):y + r, max(0, x - r):x + r] *= 0.4
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if scan.grayscale:
        img = img.convert("L")
    return img


def image_pdf(jpegs: list, page_size_pt: tuple, producer: str, date: str, gray: list,
              title: str = "") -> bytes:
    """A minimal PDF with one full-page DCT image per page (what scanners write)."""
    objs = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    n = len(jpegs)
    # object numbering: 1 catalog, 2 pages, 3 info, then per page: page, content, image
    objs = [b"", b"", b""]
    kids = []
    for i, (data, size) in enumerate(jpegs):
        pw, ph = page_size_pt
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q\n".encode()
        cs = "/DeviceGray" if gray[i] else "/DeviceRGB"
        img_obj = (f"<< /Type /XObject /Subtype /Image /Width {size[0]} /Height {size[1]} "
                   f"/ColorSpace {cs} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\n"
                   "stream\n").encode() + data + b"\nendstream"
        img_id = add(img_obj)
        cont_id = add(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream")
        page_id = add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
                      f"/Resources << /XObject << /Im0 {img_id} 0 R >> >> "
                      f"/Contents {cont_id} 0 R >>".encode())
        kids.append(page_id)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = (f"<< /Type /Pages /Count {n} /Kids [" + " ".join(f"{k} 0 R" for k in kids)
               + "] >>").encode()

    def pdf_str(s: str) -> str:
        if all(ord(ch) < 128 for ch in s):
            return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
        return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"

    objs[2] = (f"<< /Producer {pdf_str(producer)} /Creator {pdf_str(producer)} "
               f"/CreationDate (D:{date}) /ModDate (D:{date})"
               + (f" /Title {pdf_str(title)}" if title else "") + " >>").encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, b in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + b + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def render_scan_pdf(spec: DocSpec, scan: ScanSpec) -> tuple[bytes, dict]:
    """An image-only PDF: each page rendered, degraded and embedded as one JPEG."""
    pages, info = layout(spec)
    jpegs, gray = [], []
    for i, ops in enumerate(pages):
        img = degrade_scan(render_page_image(ops, scan.dpi), scan, i)
        b = io.BytesIO()
        img.save(b, "JPEG", quality=scan.jpeg_quality, optimize=False, progressive=False,
                 subsampling=2 if img.mode == "RGB" else 0)
        jpegs.append((b.getvalue(), img.size))
        gray.append(img.mode == "L")
    mm = 72.0 / 25.4
    data = image_pdf(jpegs, (PAGE_W * mm, PAGE_H * mm), scan.producer, scan.date, gray)
    return data, info
