"""Page layout of red-header documents (GB/T 9704-2012 geometry) and two renderers:
reportlab PDF (CID non-embedded, embedded TrueType, glyph-by-glyph) and PIL raster (for scans).

Coordinates are mm from the top-left of an A4 page; text y is the baseline.
"""
from __future__ import annotations

import io
import os

from PIL import Image, ImageDraw

from . import seal as sealmod
from . import util

PAGE_W, PAGE_H = 210.0, 297.0
PT = 25.4 / 72  # mm per point
NOBREAK_START = "，。、；：）》”’！？"

# TrueType files (glyf outlines) reportlab can embed, by role
TTF = {
    "song": [("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0), ("/usr/share/fonts/truetype/arphic/uming.ttc", 0)],
    "hei": [("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0), ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0)],
    "kai": [("/usr/share/fonts/truetype/arphic/ukai.ttc", 0), ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
            ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0)],
    "fang": [("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKaiMono-Light.ttf", 0),
             ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf", 0),
             ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0)],
}
TTF_TUNE_EXCLUDE = {"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf",
                    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc"}


def pick_ttf(rng, role, split):
    c = [x for x in TTF[role] if os.path.exists(x[0]) and (split == "holdout" or x[0] not in TTF_TUNE_EXCLUDE)]
    return rng.choice(c or TTF["hei"])


def char_w(ch, pt):
    """Advance estimate in mm (CJK 1 em, Latin about 0.55 em)."""
    if ord(ch) < 0x2E80 and ch not in "—“”‘’…":
        return pt * PT * 0.55
    return pt * PT


def text_w(s, pt, track=0.0):
    return sum(char_w(c, pt) for c in s) + track * len(s)


def wrap(s, pt, width, indent=0):
    lines, cur, w = [], "", indent * pt * PT
    for ch in s:
        cw = char_w(ch, pt)
        if w + cw > width + 0.01 and cur and ch not in NOBREAK_START:
            lines.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += cw
    if cur:
        lines.append(cur)
    return lines


class Doc:
    def __init__(self):
        self.pages = [[]]
        self.seal_page = None
        self.date_xy = None

    def add(self, el):
        self.pages[-1].append(el)

    def new_page(self):
        self.pages.append([])


def T(x, y, s, role="fang", pt=16, color=(0, 0, 0), align="l", track=0.0, hscale=1.0):
    return {"t": "text", "x": x, "y": y, "s": s, "role": role, "pt": pt, "color": color, "align": align,
            "track": track, "hscale": hscale}


def layout(spec, rng):
    """Lay a document spec out on pages. spec keys: header (dict or None), number_display, title,
    recipients, paras, sign_name, date_text, seal (params or None), banji (bool), body_pt."""
    doc = Doc()
    L, TOP, W = 28.0, 37.0, 156.0
    BOTTOM = TOP + 225.0
    pt = spec.get("body_pt", 16)
    pitch = spec.get("pitch", 225.0 / 22)
    y = TOP
    hd = spec.get("header")
    num = spec.get("number_display")
    red = (220, 20, 20) if not spec.get("header_black") else (20, 20, 20)
    if hd and hd["form"] in ("file", "plain", "joint"):
        top = TOP + hd.get("offset", 35.0)
        if hd["form"] == "joint":
            n = max(len(a) for a in hd["names"])
            size_mm = min(15.0, 120.0 / n)
            for i, a in enumerate(hd["names"]):
                doc.add(T(L + 4, top + size_mm * (i + 0.9) * 1.15, a, "header", size_mm / PT, red, "l", hscale=hd.get("hscale", 1)))
            doc.add(T(L + W - 2, top + size_mm * 1.5, "文件", "header", size_mm * 1.6 / PT, red, "r"))
            mark_bottom = top + size_mm * 2.3
        else:
            txt = hd["text"]
            n = len(txt)
            hs = hd.get("hscale", 1.0)
            size_mm = min(hd.get("size", 19.0), W / (n * hs))
            doc.add(T(L + W / 2, top + size_mm * 0.88, txt, "header", size_mm / PT, red, "c", hscale=hs))
            mark_bottom = top + size_mm
        y = mark_bottom + 2 * pitch
        if num:
            if hd.get("upward"):
                doc.add(T(L + pt * PT, y, num, "fang", pt, align="l", track=spec.get("num_track", 0)))
                doc.add(T(L + W - 4 * pt * PT, y, "签发人：" + hd.get("signer", "王建国"), "fang", pt, align="r"))
            else:
                doc.add(T(L + W / 2, y, num, "fang", pt, align="c", track=spec.get("num_track", 0)))
        doc.add({"t": "line", "x1": L, "y1": y + 4 + 1.5, "x2": L + W, "y2": y + 4 + 1.5, "w": hd.get("rule", 0.5), "color": red})
        if hd.get("star"):
            doc.add({"t": "star", "x": L + W / 2, "y": y + 5.5, "r": 2.6, "color": red})
        y = y + 5.5 + 2 * pitch
    elif hd and hd["form"] == "letter":
        top = 30.0
        size_mm = min(12.0, 170.0 / len(hd["text"]))
        doc.add(T(PAGE_W / 2, top + size_mm * 0.9, hd["text"], "header", size_mm / PT, red, "c", hscale=hd.get("hscale", 1)))
        ly = top + size_mm + 4
        doc.add({"t": "line", "x1": 20, "y1": ly, "x2": 190, "y2": ly, "w": 1.0, "color": red})
        doc.add({"t": "line", "x1": 20, "y1": ly + 1.3, "x2": 190, "y2": ly + 1.3, "w": 0.3, "color": red})
        y = ly + pitch
        if num:
            doc.add(T(L + W, y, num, "fang", pt, align="r", track=spec.get("num_track", 0)))
        y += 1.5 * pitch
    else:
        y = TOP + pitch
        if num:  # a number without a letterhead sits under the top margin, right-aligned
            doc.add(T(L + W, y, num, "fang", pt, align="r", track=spec.get("num_track", 0)))
            y += 1.5 * pitch
    # title
    tpt = spec.get("title_pt", 22)
    for ln in wrap(spec["title"], tpt, W - 10):
        doc.add(T(L + W / 2, y, ln, "title", tpt, align="c"))
        y += tpt * PT * 1.55
    y += pitch * 0.8

    def need(h):
        nonlocal y
        if y + h > BOTTOM:
            doc.new_page()
            y = TOP + pitch * 0.8

    if spec.get("recipients"):
        doc.add(T(L, y, spec["recipients"], "fang", pt))
        y += pitch
    for p in spec["paras"]:
        heading = len(p) > 2 and p[1] == "、" and p[0] in "一二三四五六七"
        role = "hei" if heading else "fang"
        lines = wrap(p, pt, W, indent=2)
        for i, ln in enumerate(lines):
            need(pitch)
            doc.add(T(L + (2 * pt * PT if i == 0 else 0), y, ln, role, pt))
            y += pitch
    # signature block
    sig_h = pitch * 3.2
    need(sig_h)
    y += pitch * 1.2 if spec.get("seal") else pitch * 0.5
    date_text = spec["date_text"]
    dw = text_w(date_text, pt)
    date_right = L + W - 4 * pt * PT
    date_cx = date_right - dw / 2
    if spec.get("sign_name"):
        doc.add(T(date_cx, y, spec["sign_name"], "fang", pt, align="c"))
        y += pitch
    doc.add(T(date_right, y, date_text, "fang", pt, align="r"))
    doc.date_xy = (len(doc.pages) - 1, date_cx, y)
    if spec.get("seal"):
        d = spec.get("seal_mm", 42.0)
        cy = y - pitch * 0.55 + spec.get("seal_dy", 0.0)
        doc.add({"t": "seal", "x": date_cx + spec.get("seal_dx", 0.0), "y": cy, "d": d, "p": spec["seal"],
                 "vector": spec.get("seal_vector", False)})
        doc.seal_page = len(doc.pages)
    y += pitch
    if spec.get("banji"):
        by = BOTTOM - 2 * pitch
        if y > by - pitch:
            doc.new_page()
        doc.add({"t": "line", "x1": L, "y1": by - pitch * 0.7, "x2": L + W, "y2": by - pitch * 0.7, "w": 0.35, "color": (0, 0, 0)})
        doc.add(T(L + pt * PT, by - pitch * 0.1, spec["banji"][0], "fang", 14))
        doc.add({"t": "line", "x1": L, "y1": by + pitch * 0.15, "x2": L + W, "y2": by + pitch * 0.15, "w": 0.25, "color": (0, 0, 0)})
        doc.add(T(L + pt * PT, by + pitch * 0.75, spec["banji"][1], "fang", 14))
        doc.add(T(L + W - pt * PT, by + pitch * 0.75, spec["banji"][2], "fang", 14, align="r"))
        doc.add({"t": "line", "x1": L, "y1": by + pitch * 1.0, "x2": L + W, "y2": by + pitch * 1.0, "w": 0.35, "color": (0, 0, 0)})
    if spec.get("page_numbers", True) and len(doc.pages) > 1:
        for i, pg in enumerate(doc.pages):
            s = f"— {i + 1} —"
            pg.append(T(L + W - 14 if i % 2 == 0 else L + 14, BOTTOM + 7 + 5, s, "song", 14, align="r" if i % 2 == 0 else "l"))
    return doc

# ------------------------------------------------------------------ PDF renderer

_registered = {}


def _reg_ttf(path, idx):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    name = "F" + str(abs(hash((path, idx))) % 10 ** 8)
    if name not in _registered:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=idx))
        _registered[name] = True
    return name


def _reg_cid():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if "STSong-Light" not in _registered:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _registered["STSong-Light"] = True
    return "STSong-Light"


def pdf_fonts(rng, producer, split):
    if producer == "cid":
        n = _reg_cid()
        return {r: n for r in ("header", "title", "hei", "fang", "song", "kai")}
    m = {"header": pick_ttf(rng, rng.choice(["song", "hei"]), split), "title": pick_ttf(rng, rng.choice(["hei", "song"]), split),
         "hei": pick_ttf(rng, "hei", split), "fang": pick_ttf(rng, rng.choice(["fang", "song", "kai"]), split),
         "song": pick_ttf(rng, "song", split), "kai": pick_ttf(rng, "kai", split)}
    return {k: _reg_ttf(*v) for k, v in m.items()}


def _draw_vector_seal(c, el, mm):
    """A seal drawn as PDF vectors: ring, star, rotated glyphs (some producers stamp this way)."""
    import math
    p = el["p"]
    cx, cy, r = el["x"] * mm, (PAGE_H - el["y"]) * mm, el["d"] / 2 * mm
    col = [v / 255 for v in p["color"]]
    c.saveState()
    c.setStrokeColorRGB(*col)
    c.setFillColorRGB(*col)
    c.setLineWidth(el["d"] * p["ring"] * mm)
    c.circle(cx, cy, r * (1 - p["ring"] / 2), stroke=1, fill=0)
    pts = []
    rs = el["d"] * p["star"] / 2 * mm
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = rs if i % 2 == 0 else rs * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    path = c.beginPath()
    path.moveTo(*pts[0])
    for q in pts[1:]:
        path.lineTo(*q)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    name = p["name"]
    n = len(name)
    span = math.radians(p["arc"])
    fs = min(el["d"] * 0.13, el["d"] * 0.36 * span / n * 0.95) * mm
    rad = r * 0.72
    font = _reg_cid() if "cid" in el.get("producer", "") else el["font"]
    for i, ch in enumerate(name):
        a = math.pi / 2 + span / 2 - span * (i + 0.5) / n
        c.saveState()
        c.translate(cx + rad * math.cos(a), cy + rad * math.sin(a))
        c.rotate(math.degrees(a) - 90)
        c.setFont(font, fs)
        c.drawCentredString(0, -fs * 0.35, ch)
        c.restoreState()
    c.restoreState()


def to_pdf(doc, path, producer, fonts, meta=None, split="tune"):
    """producer: cid | ttf | glyph | charspace."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    mm = 72 / 25.4
    c = canvas.Canvas(path, pagesize=(PAGE_W * mm, PAGE_H * mm), invariant=1, pageCompression=1)
    meta = meta or {}
    c.setAuthor(meta.get("author", ""))
    c.setTitle(meta.get("title", ""))
    c.setCreator(meta.get("creator", ""))
    c.setProducer(meta.get("producer", ""))
    for pg in doc.pages:
        for el in pg:
            if el["t"] == "text":
                fn = fonts[el["role"]]
                size = el["pt"]
                col = [v / 255 for v in el["color"]]
                c.setFillColorRGB(*col)
                s = el["s"]
                track = el["track"] * mm
                hs = el["hscale"]
                width = (c.stringWidth(s, fn, size) * hs + track * len(s))
                x = el["x"] * mm
                if el["align"] == "c":
                    x -= width / 2
                elif el["align"] == "r":
                    x -= width
                yb = (PAGE_H - el["y"]) * mm
                if producer == "glyph" or (producer == "cid" and track):
                    cx = x
                    for ch in s:
                        c.setFont(fn, size)
                        if hs != 1:
                            c.saveState()
                            c.translate(cx, yb)
                            c.scale(hs, 1)
                            c.drawString(0, 0, ch)
                            c.restoreState()
                        else:
                            c.drawString(cx, yb, ch)
                        cx += c.stringWidth(ch, fn, size) * hs + track
                else:
                    to = c.beginText(x, yb)
                    to.setFont(fn, size)
                    if hs != 1:
                        to.setHorizScale(hs * 100)
                    if track:
                        to.setCharSpace(track)
                    to.textOut(s)
                    c.drawText(to)
            elif el["t"] == "line":
                c.setStrokeColorRGB(*[v / 255 for v in el["color"]])
                c.setLineWidth(el["w"] * mm)
                c.line(el["x1"] * mm, (PAGE_H - el["y1"]) * mm, el["x2"] * mm, (PAGE_H - el["y2"]) * mm)
            elif el["t"] == "star":
                _draw_vector_seal  # noqa (star drawn as text glyph)
                c.setFillColorRGB(*[v / 255 for v in el["color"]])
                c.setFont(fonts["hei"], el["r"] * 2.4 * mm)
                c.drawCentredString(el["x"] * mm, (PAGE_H - el["y"] - el["r"]) * mm, "★")
            elif el["t"] == "seal":
                if el.get("vector"):
                    el = dict(el, font=fonts["song"], producer=producer)
                    _draw_vector_seal(c, el, mm)
                else:
                    px = int(el["d"] / 25.4 * 300)
                    im = sealmod.render(el["p"], px)
                    c.drawImage(ImageReader(im), (el["x"] - el["d"] / 2) * mm, (PAGE_H - el["y"] - el["d"] / 2) * mm,
                                el["d"] * mm, el["d"] * mm, mask="auto")
        c.showPage()
    c.save()

# ------------------------------------------------------------------ raster renderer


def raster_fonts(rng, split):
    return {"header": util.pick_cjk(rng, split, rng.choice(["song", "hei"])),
            "title": util.pick_cjk(rng, split, rng.choice(["hei", "song"])),
            "hei": util.pick_cjk(rng, split, "hei"),
            "fang": util.pick_cjk(rng, split, rng.choice(["fang", "song", "kai"])),
            "song": util.pick_cjk(rng, split, "song"), "kai": util.pick_cjk(rng, split, "kai")}


def to_image(doc, page_i, dpi, fonts, paper=(255, 255, 255)):
    k = dpi / 25.4
    W, H = int(PAGE_W * k), int(PAGE_H * k)
    img = Image.new("RGB", (W, H), paper)
    d = ImageDraw.Draw(img)
    seals = []
    for el in doc.pages[page_i]:
        if el["t"] == "text":
            f = util.font(fonts[el["role"]], el["pt"] * PT * k)
            s = el["s"]
            hs = el["hscale"]
            tr = el["track"] * k
            if hs == 1 and not tr:
                an = {"l": "ls", "c": "ms", "r": "rs"}[el["align"]]
                d.text((el["x"] * k, el["y"] * k), s, font=f, fill=el["color"], anchor=an)
            else:
                wpx = int(d.textlength(s, font=f) + tr * len(s)) + 4
                hpx = int(el["pt"] * PT * k * 1.4)
                tmp = Image.new("L", (wpx, hpx), 0)
                td = ImageDraw.Draw(tmp)
                cx = 0
                for ch in s:
                    td.text((cx, hpx * 0.8), ch, font=f, fill=255, anchor="ls")
                    cx += td.textlength(ch, font=f) + tr
                tmp = tmp.resize((max(1, int(wpx * hs)), hpx), Image.LANCZOS)
                x = el["x"] * k - {"l": 0, "c": tmp.width / 2, "r": tmp.width}[el["align"]]
                img.paste(el["color"], (int(x), int(el["y"] * k - hpx * 0.8)), tmp)
        elif el["t"] == "line":
            d.line((el["x1"] * k, el["y1"] * k, el["x2"] * k, el["y2"] * k), fill=el["color"], width=max(1, int(el["w"] * k)))
        elif el["t"] == "star":
            f = util.font(fonts["hei"], el["r"] * 2.4 * k)
            d.text((el["x"] * k, el["y"] * k), "★", font=f, fill=el["color"], anchor="mm")
        elif el["t"] == "seal":
            seals.append(el)
    for el in seals:
        px = int(el["d"] * k)
        im = sealmod.render(el["p"], px)
        sealmod.multiply_onto(img, im, (el["x"] * k - px / 2, el["y"] * k - px / 2))
    return img
