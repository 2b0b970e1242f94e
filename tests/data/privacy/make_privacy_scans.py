#!/usr/bin/python3
"""Makes the scanned and photographed privacy (D.2) fixtures (committed; tests never run this).

    /usr/bin/python3 tests/data/privacy/make_privacy_scans.py

Needs reportlab, PIL and numpy from Debian and poppler-utils (pdftoppm); reuses the scan and
phone-photo helpers of tests/data/docs/make_docs.py.

signin_sheet_photo.jpg        signin_sheet.pdf (make_privacy.py) rendered at 150 dpi and
                              photographed on a desk: perspective, light falling off, blur;
                              the trainees' three mobiles must be found.
commitment_bad_id_scan.pdf    a 信用承诺书 whose signatory's ID number has a wrong check digit
                              (370181198503127519), colour scan at 150 dpi: nothing to report.
commitment_masked_photo.jpg  a 信用承诺书 with its ID and mobile masked (370181********7518,
                              137****6058) photographed on a desk: nothing to report (OCR may
                              read the stars as digits; a second reading must confirm them).
commitment_50dpi_scan.pdf     a 信用承诺书 with a valid ID (11010519491231002X) and a mobile
                              (13912345678), scanned at 50 dpi: too coarse to read, a manual
                              check and never a D.2.
"""
import os
import sys
import tempfile

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "docs"))
from make_docs import phone_photo, render, scan  # noqa: E402

pdfmetrics.registerFont(TTFont("ZenHei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
MM = 72 / 25.4


def commitment(path, id_number, mobile):
    c = canvas.Canvas(path, pagesize=A4)
    w, h = A4
    c.setFont("ZenHei", 22)
    c.drawCentredString(w / 2, h - 40 * MM, "信用承诺书")
    c.setFont("ZenHei", 14)
    lines = ["本人作为青石县顺达道路运输有限公司法定代表人，",
             "郑重承诺：本单位提供的材料真实有效，依法诚信经营，",
             "自觉接受交通运输主管部门和社会监督。",
             "",
             "承诺人：张建国",
             "身份证号：" + id_number]
    if mobile:
        lines.append("联系电话：" + mobile)
    y = h - 70 * MM
    for line in lines:
        c.drawString(30 * MM, y, line)
        y -= 11 * MM
    c.drawString(120 * MM, y - 20 * MM, "2025年3月27日")
    c.save()


def main():
    photo = phone_photo(render(os.path.join(HERE, "signin_sheet.pdf"), 150))
    photo.save(os.path.join(HERE, "signin_sheet_photo.jpg"), quality=85)
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.pdf")
        commitment(bad, "370181198503127519", "")
        scan(bad, os.path.join(HERE, "commitment_bad_id_scan.pdf"), 150)
        masked = os.path.join(tmp, "masked.pdf")
        commitment(masked, "370181********7518", "137****6058")
        phone_photo(render(masked, 150)).save(os.path.join(HERE, "commitment_masked_photo.jpg"), quality=85)
        coarse = os.path.join(tmp, "coarse.pdf")
        commitment(coarse, "11010519491231002X", "13912345678")
        scan(coarse, os.path.join(HERE, "commitment_50dpi_scan.pdf"), 50)


if __name__ == "__main__":
    main()
