"""Ledgers and sign-in sheets as PDF tables (and photos of printed sheets): 双公示, credit repair,
monthly 台账, 签到表; mobiles and ID numbers, some masked, some wrapped across two lines of a cell."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile

from PIL import Image

from . import docs, doclayout, util


def _fonts(rng, split, hand=False):
    if rng.random() < 0.3:
        n = doclayout._reg_cid()
        return n, n
    body = doclayout._reg_ttf(*doclayout.pick_ttf(rng, "kai" if hand else rng.choice(["song", "hei", "fang"]), split))
    head = doclayout._reg_ttf(*doclayout.pick_ttf(rng, "hei", split))
    return body, head


def table_pdf(path, title, cols, widths, rows, rng, split, footer=None, landscape=True, hand=False, subtitle=None,
              row_h=9.0, font_pt=10):
    """rows: list of lists of cell strings; a cell may hold '\\n' (drawn on two lines)."""
    from reportlab.pdfgen import canvas
    mm = 72 / 25.4
    W, H = (297, 210) if landscape else (210, 297)
    c = canvas.Canvas(path, pagesize=(W * mm, H * mm), invariant=1)
    body, head = _fonts(rng, split, hand)
    scale = (W - 30) / sum(widths)
    widths = [w * scale for w in widths]
    x0 = 15
    y = 18

    def page_head():
        nonlocal y
        c.setFont(head, 16)
        c.drawCentredString(W / 2 * mm, (H - 18) * mm, title)
        y = 26
        if subtitle:
            c.setFont(body, 10)
            c.drawString(x0 * mm, (H - y) * mm, subtitle)
            y += 6
        draw_row(cols, head, True)

    def draw_row(cells, fn, header=False):
        nonlocal y
        h = row_h * (1.6 if any("\n" in x for x in cells) else 1)
        if header:
            c.setFillColorRGB(0.92, 0.92, 0.92)
            c.rect(x0 * mm, (H - y - h) * mm, sum(widths) * mm, h * mm, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        xx = x0
        c.setLineWidth(0.5)
        for cell, w in zip(cells, widths):
            c.rect(xx * mm, (H - y - h) * mm, w * mm, h * mm, stroke=1, fill=0)
            c.setFont(fn, font_pt)
            lines = cell.split("\n")
            for i, ln in enumerate(lines):
                yy = H - y - h / 2 - (i - (len(lines) - 1) / 2) * font_pt * 0.42 - font_pt * 0.13
                c.drawCentredString((xx + w / 2) * mm, yy * mm, ln)
            xx += w
        y += h

    page_head()
    for r in rows:
        if y > H - 25:
            c.showPage()
            page_head()
        draw_row(r, body)
    if footer:
        c.setFont(body, 11)
        for i, f in enumerate(footer):
            c.drawRightString((W - 20) * mm, (H - y - 10 - i * 7) * mm, f)
    c.showPage()
    c.save()


def wrap_number(num, rng):
    cut = rng.randint(5, 8)
    return num[:cut] + "\n" + num[cut:]


def shuanggongshi(path, rng, split, world, n_rows=12):
    priv = set()
    rows = []
    for i in range(n_rows):
        comp = util.company(rng, world["county"])
        dec = dt.date(2025, rng.randint(1, 11), rng.randint(1, 28))
        pub = util.rand_workday(rng, dec + dt.timedelta(days=1), dec + dt.timedelta(days=12))
        rep = util.person(rng)
        rows.append([str(i + 1), comp, util.credit_code(rng), rep, f"{world['abbr']}交运罚〔2025〕{rng.randint(1, 99)}号",
                     util.fmt_date(dec, "iso"), util.fmt_date(pub, "iso")])
    table_pdf(path, f"{world['county']}交通运输局“双公示”信息报送台账（2025年）", ["序号", "行政相对人名称", "统一社会信用代码", "法定代表人",
              "决定文书号", "决定日期", "公示日期"], [10, 55, 45, 20, 45, 25, 25], rows, rng, split)
    return {"kind": "ledger", "privacy_types": [], "red_header": False, "seal": False}


def repair_ledger(path, rng, split, world, want_id, want_mobile, wrap):
    rows = []
    priv = set()
    for i in range(rng.randint(3, 6)):
        comp = util.company(rng, world["county"])
        contact = util.person(rng)
        mob = util.mobile(rng)
        if want_mobile and i == 0:
            m = wrap_number(mob, rng) if wrap else mob
            priv.add("mobile")
        else:
            m = util.mask_mobile(mob)
            if wrap:
                m = wrap_number(m, rng)
        idn = util.id_number(rng)
        if want_id and i == 1:
            idc = wrap_number(idn, rng) if wrap else idn
            priv.add("id")
        else:
            idc = util.mask_id(idn, rng.randint(0, 1))
            if wrap:
                idc = wrap_number(idc, rng)
        rows.append([str(i + 1), comp, f"{world['abbr']}交运罚〔2025〕{rng.randint(1, 60)}号",
                     util.fmt_date(dt.date(2025, rng.randint(1, 10), rng.randint(1, 28)), "iso"), contact, idc, m,
                     rng.choice(["已修复", "已完成修复", "修复完成"])])
    table_pdf(path, "信用修复工作台账", ["序号", "企业名称", "处罚决定书文号", "修复日期", "联系人", "身份证号", "联系电话", "状态"],
              [8, 45, 40, 22, 16, 34 if not wrap else 22, 26 if not wrap else 15, 16], rows, rng, split,
              footer=[f"填报单位：{world['bureau']}"])
    return {"kind": "ledger", "privacy_types": sorted(priv), "red_header": False, "seal": False}


def monthly_ledger(path, rng, split, world, month):
    d = dt.date(2025, month, rng.randint(25, 28))
    tasks = ["领导小组会议调度", "双公示信息报送", "信用承诺书收集", "信用评价结果公示", "信用修复指导", "信用工作信息报送", "典型案例报送"]
    rows = [[str(i + 1), t, rng.choice(["已完成", "持续推进", "按计划推进", "已完成"]), rng.choice(["法制科", "运输中心", "公路中心", "执法大队"]),
             rng.choice(["", "报送信息2篇", "公示14条", "收集承诺书36份", ""])] for i, t in enumerate(rng.sample(tasks, 5))]
    table_pdf(path, f"{world['county']}信用交通县创建工作台账（2025年{month}月）", ["序号", "工作任务", "完成情况", "责任单位", "备注"],
              [10, 60, 30, 30, 50], rows, rng, split, footer=[f"填报人：{util.person(rng)}", f"填报日期：{util.fmt_date(d, 'cn')}"],
              landscape=rng.random() < 0.5)
    return {"kind": "ledger", "date": d.isoformat(), "red_header": False, "seal": False, "privacy_types": []}


def signin_sheet(path, rng, split, world, event, day, n_unmasked, photo=False):
    rows = []
    priv = set()
    for i in range(rng.randint(10, 18)):
        mob = util.mobile(rng)
        if i < n_unmasked:
            m = mob
            priv.add("mobile")
        else:
            m = util.mask_mobile(mob) if rng.random() < 0.7 else ""
        rows.append([str(i + 1), util.person(rng), rng.choice([world["bureau"], util.company(rng, world["county"]), "运输中心", "执法大队"])[:16],
                     rng.choice(["科员", "负责人", "安全员", "经理", "站长", ""]), m, f"{rng.randint(8, 9)}:{rng.randint(0, 59):02d}"])
    rng.shuffle(rows)
    for i, r in enumerate(rows):
        r[0] = str(i + 1)
    pdf = path if not photo else tempfile.mktemp(suffix=".pdf", dir=os.path.dirname(path))
    table_pdf(pdf, f"{event}签到表", ["序号", "姓名", "单位", "职务", "联系电话", "签到时间"], [10, 22, 60, 20, 32, 20], rows, rng, split,
              subtitle=f"时间：{util.fmt_date(day, 'cn')}    地点：{world['bureau']}会议室", landscape=False, hand=True, row_h=10, font_pt=11)
    truth = {"kind": "ledger", "privacy_types": sorted(priv), "red_header": False, "seal": False}
    if photo:
        base = pdf[:-4]
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", pdf, base], check=True)
        page = Image.open(base + ".png").convert("RGB")
        img = docs.phone_photo(page, rng, split)
        util.save_jpeg(img, path, quality=rng.randint(70, 90))
        os.remove(pdf)
        os.remove(base + ".png")
        truth["photo_of_paper"] = True
    return truth
