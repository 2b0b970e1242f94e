#!/usr/bin/python3
"""Makes the small document fixtures of tests/data/docs that are not cut from the docset.

    /usr/bin/python3 tests/data/docs/make_docs.py OUT_DIR

Written the way other producers write them, not the way tools/gen does:
ReportLab's STSong-Light (Adobe-GB1, NOT embedded, UniGB-UCS2-H: what iText and
many government systems write), letter-spaced full-width numbers, Chinese-numeral
dates with a Latin O. Needs python3-reportlab, python3-pil and poppler-utils
(pdftoppm). The outputs are committed; tests never run this.
"""
import math
import os
import subprocess
import sys
import tempfile

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"
MM = 72 / 25.4
RED = (0.85, 0.05, 0.08)


def centred(c, text, y_mm, size, colour=(0, 0, 0), spacing=0.0):
    c.setFillColorRGB(*colour)
    c.setFont(FONT, size)
    width = pdfmetrics.stringWidth(text, FONT, size) + spacing * (len(text) - 1)
    x = (A4[0] - width) / 2
    if spacing:
        t = c.beginText(x, A4[1] - y_mm * MM)
        t.setFont(FONT, size)
        t.setCharSpace(spacing)
        t.textOut(text)
        c.drawText(t)
    else:
        c.drawString(x, A4[1] - y_mm * MM, text)


def seal(c, cx_mm, cy_mm, org):
    """A 42 mm red round seal: ring, star, the organisation's name along the top."""
    cx, cy, r = cx_mm * MM, A4[1] - cy_mm * MM, 21 * MM
    c.setStrokeColorRGB(*RED)
    c.setFillColorRGB(*RED)
    c.setLineWidth(1.2 * MM)
    c.circle(cx, cy, r - 0.6 * MM, stroke=1, fill=0)
    star = []
    for k in range(10):
        a = math.pi / 2 + k * math.pi / 5
        rr = 6 * MM if k % 2 == 0 else 2.4 * MM
        star.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    p = c.beginPath()
    p.moveTo(*star[0])
    for pt in star[1:]:
        p.lineTo(*pt)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.setFont(FONT, 11)
    n = len(org)
    for i, ch in enumerate(org):
        a = math.radians(210 - i * 240 / (n - 1))
        x, y = cx + (r - 5.5 * MM) * math.cos(a), cy + (r - 5.5 * MM) * math.sin(a)
        c.saveState()
        c.translate(x, y)
        c.rotate(math.degrees(a) - 90)
        c.drawCentredString(0, -4, ch)
        c.restoreState()


def document(path, number, date, number_spacing=0.0, date_spacing=0.0, sealed=True, letter=False):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    centred(c, "青石县交通运输局文件" if not letter else "青石县交通运输局", 50, 34, RED, spacing=2)
    if letter:
        # The letter form (信函格式): the number under the red rule at the right margin.
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, 16)
        c.drawRightString(A4[0] - 28 * MM, A4[1] - 93 * MM, number)
    else:
        centred(c, number, 78, 16, spacing=number_spacing)
    c.setStrokeColorRGB(*RED)
    c.setLineWidth(0.8 * MM)
    c.line(26 * MM, A4[1] - 84 * MM, A4[0] - 26 * MM, A4[1] - 84 * MM)
    centred(c, "关于建立信用交通工作协调联动机制的通知", 100 if not letter else 106, 20)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, 16)
    body = ["各科室、各单位：", "　　根据《关于推进全省交通运输行业信用体系建设构建信用", "监管新机制的指导意见》（鲁交法〔2020〕5号）要求，结合",
            "我局实际，建立信用工作协调联动机制。", "　　一、加强信用信息归集共享，推进信用承诺。",
            "　　二、各单位要高度重视，按月报送工作进展。"]
    for i, line in enumerate(body):
        c.drawString(28 * MM, A4[1] - (120 + i * 9) * MM, line)
    if sealed:
        seal(c, 140, 200, "青石县交通运输局")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, 16)
    c.drawString(118 * MM, A4[1] - 196 * MM, "青石县交通运输局")
    t = c.beginText(114 * MM, A4[1] - 205 * MM)
    t.setFont(FONT, 16)
    t.setCharSpace(date_spacing)
    t.textOut(date)
    c.drawText(t)
    c.save()


def scan(src, dst, dpi):
    """Rasterised in colour at `dpi`, saved as a JPEG-in-PDF like a scanner's."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), src, os.path.join(tmp, "p")], check=True)
        pages = sorted(os.path.join(tmp, p) for p in os.listdir(tmp))
        ims = [Image.open(p).convert("RGB").rotate(0.6, resample=Image.BICUBIC, fillcolor="white") for p in pages]
        ims[0].save(dst, save_all=True, append_images=ims[1:], resolution=dpi, quality=80)


def render(src, dpi):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", src, os.path.join(tmp, "p")], check=True)
        return Image.open(os.path.join(tmp, os.listdir(tmp)[0])).convert("RGB")


def perspective_coeffs(src, dst):
    """PIL's PERSPECTIVE coefficients mapping output points `dst` to input points `src`."""
    import numpy as np
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return list(np.linalg.solve(np.array(rows, float), np.array(rhs, float)))


def phone_photo(sheet):
    """The sheet photographed on a brown desk from a little off square: perspective,
    light falling off towards one corner, a soft blur; 1500x2000 like a phone's."""
    W, H = 1500, 2000
    desk = Image.new("RGB", (W, H), (120, 85, 55))
    dst = [(200, 170), (1290, 230), (1330, 1800), (160, 1750)]
    src = [(0, 0), (sheet.width, 0), (sheet.width, sheet.height), (0, sheet.height)]
    coeffs = perspective_coeffs(src, dst)
    warped = sheet.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", sheet.size, 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    desk.paste(warped, (0, 0), mask)
    light = Image.linear_gradient("L").rotate(45, expand=False).resize((W, H)).point(lambda v: 255 - v * 80 // 255)
    photo = Image.composite(desk, Image.new("RGB", (W, H), (0, 0, 0)), light)
    from PIL import ImageFilter
    return photo.filter(ImageFilter.GaussianBlur(0.8))


def main(out):
    os.makedirs(out, exist_ok=True)
    # A text PDF as iText writes it: Chinese fonts not embedded; 成文日期 in Chinese
    # numerals with a Latin O for 〇.
    document(os.path.join(out, "text_stsong_not_embedded.pdf"), "青交字〔2025〕12号", "二O二五年二月十日")
    # A scan of a letter-spaced number in full-width digits and a letter-spaced date.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src.pdf")
        document(src, "青交字〔２０２５〕２７号", "2025年5月9日", number_spacing=4, date_spacing=6)
        scan(src, os.path.join(out, "scan_spaced_fullwidth_number.pdf"), 150)
        # A phone photo of an unsealed paper saved as a PDF: a 4:3 page, the sheet on a
        # gray desk, its size and place in the photo unknown to a checker.
        document(src, "青交字〔2025〕12号", "2025年2月10日", sealed=False)
        sheet = render(src, 100)
        photo = Image.new("RGB", (1200, 900), (118, 116, 112))
        sheet = sheet.resize((int(sheet.width * 820 / sheet.height), 820))
        photo.paste(sheet, ((1200 - sheet.width) // 2, 40))
        photo.save(os.path.join(out, "photo_of_unsealed_paper.pdf"), resolution=120, quality=75)
        # The letter form: the number under the red rule, at the right margin.
        document(src, "青交函〔2025〕19号", "2025年4月8日", letter=True)
        scan(src, os.path.join(out, "scan_letter_form_number.pdf"), 150)
        # A stack scanned with its sheets the wrong way round: page 1 sideways (turned
        # a quarter clockwise), page 2 (the signature and 成文日期) upside down.
        document(src, "青交字〔2025〕31号", "2025年6月18日")
        page = render(src, 150).rotate(0.5, resample=Image.BICUBIC, fillcolor="white")
        turned = [page.rotate(-90, expand=True), page.rotate(180)]
        turned[0].save(os.path.join(out, "scan_turned_pages.pdf"), save_all=True, append_images=turned[1:],
                       resolution=150, quality=80)
        # A clerk's phone photo of a sealed notice, saved as a plain JPEG.
        document(src, "青交字〔2025〕8号", "2025年3月12日")
        phone_photo(render(src, 150)).save(os.path.join(out, "photo_of_sealed_paper.jpg"), quality=85)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
