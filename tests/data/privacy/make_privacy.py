#!/usr/bin/python3
"""Makes the privacy (D.2) fixtures in this folder (committed; tests never run this).

    /usr/bin/python3 tests/data/privacy/make_privacy.py

ledger_wrapped.pdf    信用修复台账 drawn with reportlab in STSong-Light (a CID font reportlab
                      does not embed, as iText and many government systems write them):
                      narrow table cells wrap a mobile number after its second group
                      ("138 0013" / "8000") and an ID number inside its digits; the same
                      table holds a masked mobile, an office landline, an amount, a date, a
                      document number and a credit code, none of which is personal.
signin_sheet.pdf      培训签到表 (text PDF, embedded TrueType): trainees' mobiles in a column.
signin_sheet.xlsx     the same sheet as .xlsx (numbers typed as numbers and as text).
signin_sheet.docx     the same sheet as a Word table.
`truth.json` lists the personal numbers each file holds (all must be found) and the
other numbers (none may be reported).
"""
import json
import os
import sys

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tools"))
from gen.office import docx_bytes, xlsx_bytes  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
pdfmetrics.registerFont(TTFont("ZenHei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))

# Personal numbers made up to pass their checks: 11010519491231002X and 370181198503127518
# have valid GB 11643 check characters.
TRUTH = {}


def doc(path, story, pagesize=A4):
    SimpleDocTemplate(os.path.join(HERE, path), pagesize=pagesize, leftMargin=40, rightMargin=40,
                      topMargin=40, bottomMargin=40, title=path, author="fixture").build(story)


def ledger():
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=10, leading=13, wordWrap="CJK")
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=16, leading=22, alignment=1)
    head = ["序号", "当事人", "身份证号码", "联系电话", "处罚决定书文号", "罚款金额（元）", "修复日期", "备注"]
    rows = [
        ["1", "张某", "370181198503127518", "138 0013 8000", "青交罚〔2025〕12号", "20000", "2025-03-18",
         "统一社会信用代码91370123MA3CQ8XY2K"],
        ["2", "李某", "370181********7513", "139****5678", "青交罚〔2025〕15号", "1380013800", "2025-04-02",
         "办公电话0531-87654321"],
        ["3", "王某", "11010519491231002X", "13912345678", "青交罚〔2025〕21号", "5000", "2025-05-20", "已修复"],
    ]
    data = [[Paragraph(h, cell) for h in head]] + [[Paragraph(c, cell) for c in r] for r in rows]
    # Column widths chosen so the ID wraps inside its digits and "138 0013 8000" after "0013".
    widths = [30, 46, 74, 52, 96, 66, 70, 180]
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc("ledger_wrapped.pdf", [Paragraph("青石县交通运输局信用修复台账", title), Spacer(1, 12), t],
        pagesize=landscape(A4))
    TRUTH["ledger_wrapped.pdf"] = {"personal": ["370181198503127518", "13800138000", "11010519491231002X",
                                                "13912345678"],
                                   "not_personal": ["139****5678", "370181********7513", "0531-87654321",
                                                    "1380013800", "91370123MA3CQ8XY2K"]}


TRAINEES = [["1", "赵丽", "青石县顺达道路运输有限公司", "安全员", "15965432108"],
            ["2", "钱伟", "青石县通达货运有限公司", "经理", "18853117766"],
            ["3", "孙强", "青石县安平机动车维修有限公司", "技术负责人", "13705319988"],
            ["4", "周敏", "青石县交通运输局", "科员", "0531-82345678"]]


def signin_pdf():
    cell = ParagraphStyle("cell", fontName="ZenHei", fontSize=11, leading=15)
    title = ParagraphStyle("title", fontName="ZenHei", fontSize=16, leading=22, alignment=1)
    head = ["序号", "姓名", "单位", "职务", "联系电话", "签名"]
    data = [[Paragraph(h, cell) for h in head]] + [[Paragraph(c, cell) for c in r] + [""] for r in TRAINEES]
    t = Table(data, colWidths=[36, 56, 190, 70, 100, 70])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc("signin_sheet.pdf", [Paragraph("2025年道路运输企业信用知识培训签到表", title),
                             Paragraph("时间：2025年7月22日 14:30　地点：青石县交通运输局三楼会议室", cell),
                             Spacer(1, 10), t])


def signin_office():
    rows = [[int(r[0]), r[1], r[2], r[3], int(r[4]) if r[4].isdigit() and i % 2 == 0 else r[4]]
            for i, r in enumerate(TRAINEES)]
    with open(os.path.join(HERE, "signin_sheet.xlsx"), "wb") as f:
        f.write(xlsx_bytes("签到表", ["序号", "姓名", "单位", "职务", "联系电话"], rows,
                           title="2025年道路运输企业信用知识培训签到表"))
    with open(os.path.join(HERE, "signin_sheet.docx"), "wb") as f:
        f.write(docx_bytes("2025年道路运输企业信用知识培训签到表", ["时间：2025年7月22日 14:30"],
                           table=[["序号", "姓名", "单位", "职务", "联系电话"]] + TRAINEES))


ledger()
signin_pdf()
signin_office()
for name in ("signin_sheet.pdf", "signin_sheet.xlsx", "signin_sheet.docx"):
    TRUTH[name] = {"personal": [r[4] for r in TRAINEES[:3]], "not_personal": ["0531-82345678"]}
with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as out:
    json.dump(TRUTH, out, ensure_ascii=False, indent=1, sort_keys=True)
    out.write("\n")
