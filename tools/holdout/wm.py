"""Burned-in time watermarks in the looks of real watermark-camera apps, phone frames and camera stamps.

Every style draws on an RGB image in place (phone frames return a larger image) and returns what
the overlay SHOWS: the minute (or None for a date-only imprint). See docs/holdout-styles.md for
the sources each look is based on.
"""
from __future__ import annotations

import datetime as dt
import math
import string

from PIL import Image, ImageDraw, ImageFilter

from . import util

WEATHER = ["晴", "多云", "阴", "小雨", "晴转多云", "雾", "小雪"]
PLACES = ["{c}交通运输局", "{c}交通运输局三楼会议室", "{c}道路运输事业发展中心", "{c}汽车客运站",
          "{c}政务服务中心交通窗口", "{c}综合行政执法大队", "{c}公路事业发展中心", "{c}城区人民广场",
          "{c}G205国道养护工区", "{c}物流园区", "{c}文化广场", "{c}汽车站候车大厅"]


def place_text(rng, province, city, county):
    p = rng.choice(PLACES).format(c=county)
    form = rng.random()
    if form < 0.4:
        return f"{province}{city}{p}"
    if form < 0.7:
        return f"{city}·{p}"
    return p


def security_code(rng):
    n = rng.randint(12, 16)
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


def _scale(img, rng, ctx):
    lo, hi = ctx["scale_range"]
    return min(img.size) / 1080 * rng.uniform(lo, hi)


def _txt(d, xy, text, f, fill, stroke=0, stroke_fill=(0, 0, 0), shadow=None, anchor="la"):
    if shadow:
        dx, dy, sc = shadow
        d.text((xy[0] + dx, xy[1] + dy), text, font=f, fill=sc, anchor=anchor)
    d.text(xy, text, font=f, fill=fill, stroke_width=stroke, stroke_fill=stroke_fill, anchor=anchor)


def _w(d, text, f, stroke=0):
    b = d.textbbox((0, 0), text, font=f, stroke_width=stroke)
    return b[2] - b[0]


def _h(d, text, f, stroke=0):
    b = d.textbbox((0, 0), text, font=f, stroke_width=stroke, anchor="lt")
    return b[3] - b[1]


def _overlay(img):
    return Image.new("RGBA", img.size, (0, 0, 0, 0))


def _compose(img, ov):
    base = img.convert("RGBA")
    base.alpha_composite(ov)
    img.paste(base.convert("RGB"))


def _scrim(img, y0, strength):
    """Dark gradient behind bottom text (as the 今日水印 clones draw)."""
    w, h = img.size
    ov = _overlay(img)
    d = ImageDraw.Draw(ov)
    for y in range(int(y0), h):
        a = int(strength * (y - y0) / max(1, h - y0))
        d.line((0, y, w, y), fill=(0, 0, 0, a))
    _compose(img, ov)


def _date(rng, d, ctx, choices=("iso", "dot", "slash", "cn", "dot_np", "slash_np")):
    return util.fmt_date(d, rng.choice(choices))


def _week(rng, d):
    return (util.WEEK if rng.random() < 0.75 else util.WEEK_SHORT)[d.weekday()]


def _latlon(ctx, rng):
    lat, lon = ctx["gps"]
    lat += rng.uniform(-0.01, 0.01)
    lon += rng.uniform(-0.01, 0.01)
    return lat, lon


def _res(style, t, seconds=False, date_only=False, **kw):
    r = {"wm_style": style, "shown": None if date_only else t.replace(second=0, microsecond=0),
         "date_only": date_only}
    r.update(kw)
    return r

# ------------------------------------------------------------------ 今日水印 family

def jrsy_classic(img, t, rng, ctx):
    """今日水印相机 default: big HH:MM, yellow bar, date and weekday, place; brand block at right."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    fc = ctx["font"]("hei_bold")
    fs = ctx["font"]("hei")
    secs = rng.random() < 0.15
    tt = util.fmt_time(t, secs)
    ft = util.font(fc, 96 * s)
    fsm = util.font(fs, 30 * s)
    pad = 40 * s
    place = ctx["place"]
    loc_lines = [place] if _w(d, place, fsm) < w * 0.6 else [place[:len(place) // 2], place[len(place) // 2:]]
    note = rng.random() < 0.35
    block_h = _h(d, tt, ft) + 20 * s + len(loc_lines) * 40 * s + (40 * s if note else 0)
    if rng.random() < 0.7:
        _scrim(img, h - block_h - pad * 3, rng.randint(90, 170))
    d = ImageDraw.Draw(img)
    x, y = pad, h - pad - block_h
    sh = (2 * s, 2 * s, (0, 0, 0))
    _txt(d, (x, y), tt, ft, (255, 255, 255), shadow=sh, anchor="lt")
    th = _h(d, tt, ft)
    bx = x + _w(d, tt, ft) + 16 * s
    d.rectangle((bx, y + th * 0.05, bx + 6 * s, y + th), fill=ctx["yellow"])
    dx = bx + 22 * s
    _txt(d, (dx, y + th * 0.02), _date(rng, t.date(), ctx, ("iso", "dot", "slash")), fsm, (255, 255, 255), shadow=sh, anchor="lt")
    wk = _week(rng, t.date())
    if rng.random() < 0.5:
        wk += f"  {rng.choice(WEATHER)} {rng.randint(-3, 33)}℃"
    _txt(d, (dx, y + th * 0.55), wk, fsm, (255, 255, 255), shadow=sh, anchor="lt")
    yy = y + th + 20 * s
    for ln in loc_lines:
        _txt(d, (x, yy), ln, fsm, (255, 255, 255), shadow=sh, anchor="lt")
        yy += 40 * s
    if note:
        _txt(d, (x, yy), "备注：" + rng.choice(ctx["notes"]), fsm, (255, 255, 255), shadow=sh, anchor="lt")
    if rng.random() < 0.85:
        fb1, fb2, fb3 = util.font(fc, 30 * s), util.font(fs, 22 * s), util.font(fs, 19 * s)
        lines = [("今日水印", fb1), (rng.choice(["相机真实时间", "相机真实可验"]), fb2), ("防伪 " + security_code(rng), fb3)]
        yb = h - pad
        for text, f in reversed(lines):
            hh = _h(d, text, f)
            _txt(d, (w - pad, yb), text, f, (255, 255, 255, 230), shadow=sh, anchor="rb")
            yb -= hh + 8 * s
    return _res("jrsy_classic", t, secs)


def jrsy_daka(img, t, rng, ctx):
    """今日水印-打卡 template: a yellow label (打卡/开会/考勤/会议/工作) beside the time."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    fc, fs = ctx["font"]("hei_bold"), ctx["font"]("hei")
    label = rng.choice(["打卡", "开会", "考勤", "会议", "工作", "打卡"])
    ft = util.font(fc, 84 * s)
    fl = util.font(fc, 40 * s)
    fsm = util.font(fs, 30 * s)
    pad = 36 * s
    tt = util.fmt_time(t)
    th = _h(d, tt, ft)
    rows = [_date(rng, t.date(), ctx, ("iso", "dot")) + " " + _week(rng, t.date()), ctx["place"]]
    if rng.random() < 0.4:
        rows.append(rng.choice(["打卡人：", "拍摄人："]) + ctx["person"])
    total = th + 16 * s + len(rows) * 42 * s
    x, y = pad, h - pad - total
    sh = (2 * s, 2 * s, (0, 0, 0))
    lw = _w(d, label, fl) + 24 * s
    d.rounded_rectangle((x, y + th * 0.12, x + lw, y + th * 0.95), radius=8 * s, fill=ctx["yellow"])
    d.text((x + 12 * s, y + th * 0.53), label, font=fl, fill=(40, 40, 40), anchor="lm")
    _txt(d, (x + lw + 16 * s, y), tt, ft, (255, 255, 255), shadow=sh, anchor="lt")
    yy = y + th + 16 * s
    for r in rows:
        _txt(d, (x, yy), r, fsm, (255, 255, 255), shadow=sh, anchor="lt")
        yy += 42 * s
    if rng.random() < 0.7:
        fb = util.font(fc, 26 * s)
        _txt(d, (w - pad, h - pad), rng.choice(["今日水印相机", "今日水印 · 已验证", "今日水印"]), fb, (255, 255, 255), shadow=sh, anchor="rb")
    return _res("jrsy_daka", t)


def marki(img, t, rng, ctx):
    """马克水印相机: time with date/weekday stacked beside it after a thin rule, place with a pin,
    optional translucent box; brand 马克相机 at the right."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    fc, fs = ctx["font"]("hei_bold"), ctx["font"]("hei")
    ft = util.font(fc, 88 * s)
    fsm = util.font(fs, 28 * s)
    pad = 34 * s
    tt = util.fmt_time(t, rng.random() < 0.1)
    th = _h(d, tt, ft)
    tw = _w(d, tt, ft)
    place = ctx["place"]
    pw = max(tw + 230 * s, _w(d, place, fsm) + 60 * s)
    box_h = th + 80 * s
    x0, y0 = pad, h - pad - box_h
    if rng.random() < 0.55:
        ov = _overlay(img)
        od = ImageDraw.Draw(ov)
        od.rounded_rectangle((x0 - 14 * s, y0 - 14 * s, x0 + pw, y0 + box_h), radius=12 * s,
                             fill=(0, 0, 0, rng.randint(70, 140)))
        _compose(img, ov)
        d = ImageDraw.Draw(img)
    sh = (1.5 * s, 1.5 * s, (0, 0, 0))
    _txt(d, (x0, y0), tt, ft, (255, 255, 255), shadow=sh, anchor="lt")
    lx = x0 + tw + 14 * s
    d.line((lx, y0 + th * 0.05, lx, y0 + th), fill=ctx["accent"], width=max(2, int(3 * s)))
    _txt(d, (lx + 14 * s, y0 + 2 * s), _date(rng, t.date(), ctx, ("iso", "dot", "slash")), fsm, (255, 255, 255), shadow=sh, anchor="lt")
    _txt(d, (lx + 14 * s, y0 + th * 0.55), _week(rng, t.date()), fsm, (255, 255, 255), shadow=sh, anchor="lt")
    py = y0 + th + 22 * s
    d.ellipse((x0, py + 4 * s, x0 + 18 * s, py + 22 * s), fill=ctx["accent"])
    _txt(d, (x0 + 28 * s, py), place, fsm, (255, 255, 255), shadow=sh, anchor="lt")
    if rng.random() < 0.8:
        fb1, fb2 = util.font(fc, 28 * s), util.font(fs, 18 * s)
        _txt(d, (w - pad, h - pad - 26 * s), rng.choice(["马克相机", "马克水印相机"]), fb1, (255, 255, 255), shadow=sh, anchor="rb")
        _txt(d, (w - pad, h - pad), rng.choice(["时间地点真实", "已验证 · 真实拍摄", "马克认证"]), fb2, (255, 255, 255), shadow=sh, anchor="rb")
    return _res("marki", t)


def yuandao(img, t, rng, ctx):
    """元道经纬相机: stroke text without a box: 经度/纬度/地址/时间/项目/备注; 现场拍照 in the middle."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    fs = ctx["font"]("hei")
    f = util.font(fs, 34 * s)
    lat, lon = _latlon(ctx, rng)
    secs = rng.random() < 0.6
    tstr = _date(rng, t.date(), ctx, ("iso", "slash", "dot")) + " " + util.fmt_time(t, secs)
    rows = [f"经度：{lon:.6f}", f"纬度：{lat:.6f}", "地址：" + ctx["place"], "时间：" + tstr]
    if rng.random() < 0.6:
        rows.append("项目：" + rng.choice(ctx["projects"]))
    if rng.random() < 0.4:
        rows.append("备注：" + rng.choice(ctx["notes"]))
    if rng.random() < 0.3:
        rows.insert(0, "海拔：" + f"{rng.uniform(20, 400):.1f}米")
    pad = 30 * s
    lh = 46 * s
    y = h - pad - lh * len(rows)
    st = max(2, int(3 * s))
    for r in rows:
        d.text((pad, y), r, font=f, fill=(255, 255, 255), stroke_width=st, stroke_fill=(0, 0, 0))
        y += lh
    if rng.random() < 0.6:
        ov = _overlay(img)
        od = ImageDraw.Draw(ov)
        fbig = util.font(ctx["font"]("hei_bold"), 120 * s)
        od.text((w / 2, h * 0.45), "现场拍照", font=fbig, fill=(255, 255, 255, 70), anchor="mm")
        _compose(img, ov)
    if rng.random() < 0.7:
        badge = Image.new("RGBA", (int(300 * s), int(70 * s)), (0, 0, 0, 0))
        bd = ImageDraw.Draw(badge)
        bd.rounded_rectangle((0, 0, badge.width - 1, badge.height - 1), radius=int(10 * s), fill=(20, 110, 220, 200))
        bd.text((badge.width / 2, badge.height / 2), "工程现场管理", font=util.font(fs, 34 * s), fill=(255, 255, 255), anchor="mm")
        badge = badge.rotate(rng.uniform(10, 20), expand=True, resample=Image.BICUBIC)
        base = img.convert("RGBA")
        base.alpha_composite(badge, (int(w - badge.width - pad), int(h - badge.height - pad)))
        img.paste(base.convert("RGB"))
    return _res("yuandao", t, secs)


def work_record(img, t, rng, ctx):
    """工作记录/工程记录/巡查记录 table: coloured title bar, label/value rows, dark text on a light
    or translucent panel (今日水印/马克 工程 templates)."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    fs, fb = ctx["font"]("hei"), ctx["font"]("hei_bold")
    title = rng.choice(["工作记录", "工程记录", "巡查记录", "检查记录", "施工记录", "会议记录"])
    lat, lon = _latlon(ctx, rng)
    secs = rng.random() < 0.2
    tv = _date(rng, t.date(), ctx, ("iso", "dot", "slash", "cn")) + " " + util.fmt_time(t, secs)
    rows = [("时间", tv), ("地点", ctx["place"])]
    if rng.random() < 0.8:
        rows.append(("天气", f"{rng.choice(WEATHER)} {rng.randint(-3, 33)}℃"))
    if rng.random() < 0.7:
        rows.append(("经纬度", f"{lat:.5f}°N, {lon:.5f}°E" if rng.random() < 0.5 else f"{lon:.6f},{lat:.6f}"))
    if rng.random() < 0.7:
        rows.append((rng.choice(["工作内容", "施工内容", "检查内容", "会议内容"]), rng.choice(ctx["notes"])))
    if rng.random() < 0.4:
        rows.append((rng.choice(["记录人", "检查人", "拍摄人"]), ctx["person"]))
    if rng.random() < 0.3:
        rows.insert(rng.randint(1, len(rows)), ("工程名称", rng.choice(ctx["projects"])))
    f = util.font(fs, 30 * s)
    ftit = util.font(fb, 36 * s)
    d = ImageDraw.Draw(img)
    lw = max(_w(d, r[0], f) for r in rows) + 30 * s
    vw = min(w * 0.62, max(_w(d, r[1], f) for r in rows) + 30 * s)
    rh = 48 * s
    tw_ = lw + vw
    th_ = 58 * s
    H = th_ + rh * len(rows)
    pos = ctx.get("pos") or rng.choice(["bl", "bl", "bl", "tl", "br"])
    pad = 30 * s
    x0 = pad if pos[1] == "l" else w - pad - tw_
    y0 = h - pad - H if pos[0] == "b" else pad
    ov = _overlay(img)
    od = ImageDraw.Draw(ov)
    tc = rng.choice([(25, 105, 220), (0, 150, 110), (240, 130, 20), (30, 60, 150), (200, 40, 40)])
    alpha = rng.choice([255, 235, 210, 180])
    od.rectangle((x0, y0, x0 + tw_, y0 + th_), fill=tc + (255,))
    od.text((x0 + 16 * s, y0 + th_ / 2), title, font=ftit, fill=(255, 255, 255, 255), anchor="lm")
    light = rng.random() < 0.8
    for i, (k, v) in enumerate(rows):
        yy = y0 + th_ + i * rh
        od.rectangle((x0, yy, x0 + lw, yy + rh), fill=((235, 240, 248) if light else (30, 30, 30)) + (alpha,))
        od.rectangle((x0 + lw, yy, x0 + tw_, yy + rh), fill=((255, 255, 255) if light else (55, 55, 55)) + (alpha,))
        od.line((x0, yy, x0 + tw_, yy), fill=(190, 195, 205, 255), width=max(1, int(s)))
        col = (30, 30, 30, 255) if light else (255, 255, 255, 255)
        od.text((x0 + 12 * s, yy + rh / 2), k, font=f, fill=(90, 90, 100, 255) if light else col, anchor="lm")
        vv = v
        while _w(od, vv, f) > vw - 20 * s and len(vv) > 4:
            vv = vv[:-2]
        if vv != v:
            vv = vv[:-1] + "…"
        od.text((x0 + lw + 12 * s, yy + rh / 2), vv, font=f, fill=col, anchor="lm")
    od.rectangle((x0, y0, x0 + tw_, y0 + H), outline=tc + (255,), width=max(1, int(2 * s)))
    _compose(img, ov)
    return _res("work_record", t, secs, dark_on_light=light, position=pos)


def daka_card(img, t, rng, ctx):
    """考勤/会议签到 check-in card: white rounded card, coloured header, dark big time, date, place."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    fs, fb = ctx["font"]("hei"), ctx["font"]("hei_bold")
    d = ImageDraw.Draw(img)
    head = rng.choice(["考勤打卡", "上班打卡", "会议签到", "外勤打卡", "巡查打卡"])
    ft = util.font(fb, 80 * s)
    f = util.font(fs, 28 * s)
    fh = util.font(fb, 30 * s)
    tt = util.fmt_time(t)
    cw = max(_w(d, ctx["place"], f) + 80 * s, 420 * s)
    ch = 60 * s + _h(d, tt, ft) + 110 * s
    pos = rng.choice(["bl", "bc", "bl", "br"])
    pad = 36 * s
    x0 = pad if pos == "bl" else (w - cw) / 2 if pos == "bc" else w - pad - cw
    y0 = h - pad - ch
    ov = _overlay(img)
    od = ImageDraw.Draw(ov)
    col = rng.choice([(22, 119, 255), (0, 170, 120), (255, 120, 30), (60, 90, 200)])
    od.rounded_rectangle((x0, y0, x0 + cw, y0 + ch), radius=18 * s, fill=(255, 255, 255, rng.randint(200, 245)))
    od.rounded_rectangle((x0, y0, x0 + cw, y0 + 56 * s), radius=18 * s, fill=col + (255,))
    od.rectangle((x0, y0 + 30 * s, x0 + cw, y0 + 56 * s), fill=col + (255,))
    od.text((x0 + 20 * s, y0 + 28 * s), head, font=fh, fill=(255, 255, 255, 255), anchor="lm")
    od.text((x0 + 20 * s, y0 + 66 * s), tt, font=ft, fill=col + (255,) if rng.random() < 0.5 else (30, 30, 30, 255), anchor="lt")
    yy = y0 + 66 * s + _h(d, tt, ft) + 14 * s
    od.text((x0 + 20 * s, yy), _date(rng, t.date(), ctx, ("iso", "cn", "slash")) + " " + _week(rng, t.date()), font=f, fill=(60, 60, 60, 255))
    od.text((x0 + 20 * s, yy + 40 * s), "◉ " + ctx["place"], font=f, fill=(60, 60, 60, 255))
    _compose(img, ov)
    return _res("daka_card", t, dark_on_light=True)


def light_panel(img, t, rng, ctx):
    """Light translucent panel with dark text (简约白 templates)."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    fs, fb = ctx["font"]("hei"), ctx["font"]("hei_bold")
    d = ImageDraw.Draw(img)
    ft = util.font(fb, 76 * s)
    f = util.font(fs, 28 * s)
    secs = rng.random() < 0.25
    tt = util.fmt_time(t, secs)
    rows = [_date(rng, t.date(), ctx) + ("  " + _week(rng, t.date()) if rng.random() < 0.7 else ""), ctx["place"]]
    if rng.random() < 0.4:
        rows.append(rng.choice(ctx["notes"]))
    pw = max(_w(d, r, f) for r in rows + [tt]) + 70 * s
    ph = _h(d, tt, ft) + 30 * s + 42 * s * len(rows)
    pos = rng.choice(["bl", "br", "bl"])
    pad = 30 * s
    x0 = pad if pos == "bl" else w - pad - pw
    y0 = h - pad - ph
    ov = _overlay(img)
    od = ImageDraw.Draw(ov)
    od.rounded_rectangle((x0, y0, x0 + pw, y0 + ph), radius=14 * s, fill=(255, 255, 255, rng.randint(120, 220)))
    acc = ctx["accent"]
    od.rectangle((x0 + 14 * s, y0 + 18 * s, x0 + 20 * s, y0 + 16 * s + _h(d, tt, ft)), fill=acc + (255,))
    dark = rng.choice([(20, 20, 20), (40, 45, 60), (10, 40, 90)])
    od.text((x0 + 32 * s, y0 + 14 * s), tt, font=ft, fill=dark + (255,), anchor="lt")
    yy = y0 + 26 * s + _h(d, tt, ft)
    for r in rows:
        od.text((x0 + 32 * s, yy), r, font=f, fill=dark + (255,), anchor="lt")
        yy += 42 * s
    _compose(img, ov)
    return _res("light_panel", t, secs, dark_on_light=True, position=pos)


def panel_corner(img, t, rng, ctx):
    """A time/place panel in the top-right, right-middle or top-left corner."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    fs, fb = ctx["font"]("hei"), ctx["font"]("hei_bold")
    d = ImageDraw.Draw(img)
    ft = util.font(fb, 70 * s)
    f = util.font(fs, 27 * s)
    tt = util.fmt_time(t)
    rows = [_date(rng, t.date(), ctx, ("iso", "dot", "cn")) + " " + _week(rng, t.date()), ctx["place"]]
    pw = max(_w(d, r, f) for r in rows + [tt]) + 50 * s
    ph = _h(d, tt, ft) + 26 * s + 40 * s * len(rows)
    pos = rng.choice(["tr", "rm", "tl", "tr"])
    pad = 30 * s
    x0 = pad if pos == "tl" else w - pad - pw
    y0 = pad if pos[0] == "t" else (h - ph) / 2
    dark = rng.random() < 0.55
    ov = _overlay(img)
    od = ImageDraw.Draw(ov)
    od.rounded_rectangle((x0, y0, x0 + pw, y0 + ph), radius=10 * s,
                         fill=(0, 0, 0, rng.randint(90, 160)) if dark else (250, 250, 250, rng.randint(150, 230)))
    col = (255, 255, 255, 255) if dark else (25, 25, 25, 255)
    al = "lt" if pos == "tl" else "rt"
    xx = x0 + 24 * s if pos == "tl" else x0 + pw - 24 * s
    od.text((xx, y0 + 12 * s), tt, font=ft, fill=col, anchor=al)
    yy = y0 + 20 * s + _h(d, tt, ft)
    od.line((x0 + 20 * s, yy, x0 + pw - 20 * s, yy), fill=ctx["yellow"] + (255,), width=max(2, int(3 * s)))
    yy += 8 * s
    for r in rows:
        od.text((xx, yy), r, font=f, fill=col, anchor=al)
        yy += 40 * s
    _compose(img, ov)
    return _res("panel_corner", t, position=pos, dark_on_light=not dark)

# ------------------------------------------------------------------ phone frames and camera stamps

FRAMES = [("Xiaomi", "Xiaomi 14 Ultra", "Leica", (230, 30, 35)), ("Xiaomi", "Xiaomi 13", "LEICA", (230, 30, 35)),
          ("HUAWEI", "HUAWEI Mate 60 Pro", "XMAGE", (30, 30, 30)), ("HUAWEI", "HUAWEI P60", "XMAGE", (30, 30, 30)),
          ("vivo", "vivo X100 Pro", "ZEISS", (20, 60, 140)), ("OPPO", "OPPO Find X7", "HASSELBLAD", (40, 40, 40)),
          ("HONOR", "HONOR Magic6 Pro", "HONOR", (40, 40, 40)), ("Redmi", "Redmi K70", "Redmi", (230, 60, 30))]


def phone_frame(img, t, rng, ctx):
    """Phone-maker frame watermark: a white (or black) band under the photo with the model name,
    lens parameters and the capture time (Xiaomi/Leica, Huawei XMAGE, vivo ZEISS … frames)."""
    w, h = img.size
    make, model, logo, lc = rng.choice(FRAMES)
    band = int(h * rng.uniform(0.08, 0.12))
    black = rng.random() < 0.2
    out = Image.new("RGB", (w, h + band), (0, 0, 0) if black else (255, 255, 255))
    out.paste(img, (0, 0))
    d = ImageDraw.Draw(out)
    s = band / 120
    fg = (255, 255, 255) if black else (20, 20, 20)
    grey = (150, 150, 150) if black else (130, 130, 130)
    fmodel = util.font(util.LATIN["sans_bold"], 34 * s)
    fsmall = util.font(util.LATIN["sans"], 24 * s)
    pad = 40 * s
    y1 = h + band * 0.36
    y2 = h + band * 0.68
    d.text((pad, y1), model, font=fmodel, fill=fg, anchor="lm")
    date_only = rng.random() < 0.2
    secs = rng.random() < 0.4
    dd = rng.choice(["dot", "slash", "iso"])
    tstr = util.fmt_date(t.date(), dd) + ("" if date_only else " " + util.fmt_time(t, secs))
    params = f"{rng.choice([13, 23, 24, 26, 27, 70])}mm f/{rng.choice(['1.63', '1.75', '1.8', '2.0', '1.4'])} 1/{rng.choice([50, 100, 125, 250, 500])}s ISO{rng.choice([50, 64, 100, 200, 400])}"
    layout = rng.random()
    if layout < 0.6:
        d.text((pad, y2), tstr, font=fsmall, fill=grey, anchor="lm")
        d.text((w - pad, y1), params, font=util.font(util.LATIN["sans_bold"], 28 * s), fill=fg, anchor="rm")
        gx = w - pad - _w(d, params, util.font(util.LATIN["sans_bold"], 28 * s)) - 30 * s
        d.line((gx, h + band * 0.25, gx, h + band * 0.75), fill=grey, width=max(1, int(2 * s)))
        d.ellipse((gx - 20 * s - 44 * s, h + band * 0.5 - 22 * s, gx - 20 * s, h + band * 0.5 + 22 * s), fill=lc)
        d.text((gx - 42 * s, h + band * 0.5), logo[:1], font=util.font(util.LATIN["serif"], 26 * s), fill=(255, 255, 255), anchor="mm")
        d.text((w - pad, y2), ctx["gps_text"] if rng.random() < 0.5 else make, font=fsmall, fill=grey, anchor="rm")
    else:
        d.text((w - pad, y1), logo, font=util.font(util.LATIN["sans_bold"], 30 * s), fill=lc, anchor="rm")
        d.text((w - pad, y2), tstr, font=fsmall, fill=grey, anchor="rm")
        d.text((pad, y2), params, font=fsmall, fill=grey, anchor="lm")
    return out, _res("phone_frame", t, secs, date_only=date_only, make=make, model=model)


def osd_dv(img, t, rng, ctx):
    """Camera / DV / dash-cam on-screen-display stamp: monospace date-time with an outline."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    f = util.font(util.LATIN[rng.choice(["mono_bold", "mono", "cond_bold", "sans_bold"])], 40 * s)
    dstyle = rng.choice(["slash", "iso", "dot"])
    tstr = util.fmt_date(t.date(), dstyle) + " " + util.fmt_time(t, True)
    pos = rng.choice(["br", "bl", "tl", "tr"])
    pad = 30 * s
    x = pad if pos[1] == "l" else w - pad
    y = pad if pos[0] == "t" else h - pad
    an = ("l" if pos[1] == "l" else "r") + ("t" if pos[0] == "t" else "b")
    col = rng.choice([(255, 255, 255), (255, 255, 255), (255, 240, 0), (0, 255, 0)])
    d.text((x, y), tstr, font=f, fill=col, anchor=an, stroke_width=max(1, int(2 * s)), stroke_fill=(0, 0, 0))
    if rng.random() < 0.5:
        lab = rng.choice(["CAM 01", "REC", "CH1", "ISO 400 F2.8"])
        yy = y + (50 * s if pos[0] == "t" else -50 * s)
        d.text((x, yy), lab, font=f, fill=col, anchor=an, stroke_width=max(1, int(2 * s)), stroke_fill=(0, 0, 0))
    return _res("osd_dv", t, True, position=pos)


def orange_date(img, t, rng, ctx):
    """Orange seven-segment date imprint of compact/film cameras: '25 6 18 (date only) or with time."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    f = util.font(util.LATIN[rng.choice(["seg7", "seg7i", "seg7m"])], 46 * s)
    yy = t.year % 100
    date_only = rng.random() < 0.5
    form = rng.choice(["'yy m d", "yy m d", "yyyy m d", "'yy mm dd", "m d 'yy"])
    m, dday = t.month, t.day
    txt = {"'yy m d": f"'{yy:02d} {m} {dday}", "yy m d": f"{yy:02d} {m} {dday}", "yyyy m d": f"{t.year} {m} {dday}",
           "'yy mm dd": f"'{yy:02d} {m:02d} {dday:02d}", "m d 'yy": f"{m} {dday} '{yy:02d}"}[form]
    if not date_only:
        txt += f"  {t.hour:02d}:{t.minute:02d}"
    # seven-segment fonts have no apostrophe glyph in every cut: draw it as a small tick
    col = rng.choice([(255, 140, 20), (255, 110, 30), (250, 160, 40), (255, 90, 40)])
    glow = Image.new("RGBA", img.size, (0, 0, 0, 0))
    gd = ImageDraw.Draw(glow)
    x = w - 50 * s - _w(d, txt.replace("'", ""), f) - (14 * s if "'" in txt else 0)
    y = h - 60 * s - _h(d, "8", f)
    cx = x
    for part in txt.split(" "):
        if part == "":
            cx += 14 * s
            continue
        if part.startswith("'"):
            gd.line((cx + 3 * s, y, cx, y + 14 * s), fill=col + (255,), width=max(2, int(4 * s)))
            cx += 14 * s
            part = part[1:]
        gd.text((cx, y), part, font=f, fill=col + (255,), anchor="lt")
        cx += _w(d, part, f) + 20 * s
    blur = glow.filter(ImageFilter.GaussianBlur(4 * s))
    base = img.convert("RGBA")
    base.alpha_composite(blur)
    base.alpha_composite(glow)
    img.paste(base.convert("RGB"))
    return _res("orange_date", t, date_only=date_only, text=txt)


def corner_outline(img, t, rng, ctx):
    """White date-time in a corner with a thin dark outline or soft shadow, over bright scenery."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    spec = rng.choice([util.LATIN["sans_bold"], util.LATIN["cond_bold"], ctx["font"]("hei_bold")])
    f = util.font(spec, 44 * s)
    secs = rng.random() < 0.4
    tstr = _date(rng, t.date(), ctx, ("iso", "dot", "slash")) + " " + util.fmt_time(t, secs)
    pos = rng.choice(["br", "br", "bl", "tr"])
    pad = 34 * s
    x = pad if pos[1] == "l" else w - pad
    y = pad if pos[0] == "t" else h - pad
    an = ("l" if pos[1] == "l" else "r") + ("t" if pos[0] == "t" else "b")
    if rng.random() < 0.5:
        d.text((x, y), tstr, font=f, fill=(255, 255, 255), anchor=an, stroke_width=max(1, int(1.5 * s)), stroke_fill=(60, 60, 60))
    else:
        sh = Image.new("RGBA", img.size, (0, 0, 0, 0))
        ImageDraw.Draw(sh).text((x + 3 * s, y + 3 * s), tstr, font=f, fill=(0, 0, 0, 160), anchor=an)
        sh = sh.filter(ImageFilter.GaussianBlur(3 * s))
        base = img.convert("RGBA")
        base.alpha_composite(sh)
        img.paste(base.convert("RGB"))
        ImageDraw.Draw(img).text((x, y), tstr, font=f, fill=(255, 255, 255), anchor=an)
    return _res("corner_outline", t, secs, position=pos)

# ------------------------------------------------------------------ holdout-only styles

def jrsy_tvcard(img, t, rng, ctx):
    """今日水印 blue card template (执勤巡逻/安全检查): yellow unit label, arrows, time and
    YYYY年MM月DD日, red square before the place; brand block at right."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    fs, fb = ctx["font"]("hei"), ctx["font"]("hei_bold")
    pw, ph = 620 * s, 300 * s
    pad = 34 * s
    x0, y0 = pad, h - pad - ph
    ov = _overlay(img)
    od = ImageDraw.Draw(ov)
    od.rounded_rectangle((x0, y0, x0 + pw, y0 + ph), radius=20 * s, fill=(20, 80, 200, rng.randint(160, 210)))
    hh = ph * 0.26
    od.rounded_rectangle((x0, y0, x0 + pw * 0.36, y0 + hh), radius=14 * s, fill=(253, 217, 46, 255))
    od.text((x0 + pw * 0.18, y0 + hh / 2), ctx["unit_short"], font=util.font(fb, hh * 0.45), fill=(74, 74, 74, 255), anchor="mm")
    od.text((x0 + pw * 0.4, y0 + hh / 2), rng.choice(["执勤巡逻", "安全检查", "现场检查", "宣传活动"]),
            font=util.font(fs, hh * 0.4), fill=(255, 255, 255, 255), anchor="lm")
    od.line((x0 + 24 * s, y0 + hh + 6 * s, x0 + pw - 24 * s, y0 + hh + 6 * s), fill=(253, 217, 46, 255), width=max(2, int(3 * s)))
    od.text((x0 + 24 * s, y0 + hh + 12 * s), "≫ " * 14, font=util.font(fs, 20 * s), fill=(255, 255, 255, 200))
    tt = util.fmt_time(t)
    ft = util.font(fb, 78 * s)
    od.text((x0 + 24 * s, y0 + ph * 0.62), tt, font=ft, fill=(255, 255, 255, 255), anchor="lm")
    od.text((x0 + pw * 0.5, y0 + ph * 0.62), util.fmt_date(t.date(), rng.choice(["cn_pad", "cn"])),
            font=util.font(fs, 30 * s), fill=(255, 255, 255, 255), anchor="lm")
    od.rectangle((x0 + 24 * s, y0 + ph * 0.82, x0 + 42 * s, y0 + ph * 0.82 + 18 * s), fill=(220, 20, 40, 255))
    place = ctx["place"]
    fpl = util.font(fs, 26 * s)
    while _w(od, place, fpl) > pw - 90 * s and len(place) > 6:
        place = place[1:]
    od.text((x0 + 54 * s, y0 + ph * 0.82 + 9 * s), place, font=fpl, fill=(255, 255, 255, 255), anchor="lm")
    _compose(img, ov)
    d = ImageDraw.Draw(img)
    sh = (2 * s, 2 * s, (0, 0, 0))
    fb1, fb2, fb3 = util.font(fb, 30 * s), util.font(fs, 22 * s), util.font(fs, 19 * s)
    yb = h - pad
    for text, f in reversed([("今日水印", fb1), ("相机 真实时间", fb2), ("防伪 " + security_code(rng), fb3)]):
        _txt(d, (w - pad, yb), text, f, (255, 255, 255), shadow=sh, anchor="rb")
        yb -= _h(d, text, f) + 8 * s
    return _res("jrsy_tvcard", t)


def law_recorder(img, t, rng, ctx):
    """执法记录仪 OSD: date-time with weekday at the top left, device and badge number beneath."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    f = util.font(ctx["font"]("hei"), 36 * s)
    pad = 24 * s
    line1 = util.fmt_date(t.date(), rng.choice(["iso", "slash"])) + " " + util.fmt_time(t, True)
    if rng.random() < 0.6:
        line1 += " " + util.WEEK[t.date().weekday()]
    dev = f"DSJ-{rng.choice(['A8', 'T6', 'K9', 'V7'])} {rng.randint(100000, 999999)}"
    badge = f"{rng.choice(['执法证号', '警号', '编号'])}:{rng.randint(10000, 99999)}"
    st = max(1, int(2 * s))
    d.text((pad, pad), line1, font=f, fill=(255, 255, 255), stroke_width=st, stroke_fill=(0, 0, 0))
    d.text((pad, pad + 48 * s), dev + "  " + badge, font=f, fill=(255, 255, 255), stroke_width=st, stroke_fill=(0, 0, 0))
    d.ellipse((w - pad - 120 * s, pad + 6 * s, w - pad - 96 * s, pad + 30 * s), fill=(230, 20, 20))
    d.text((w - pad, pad), "REC", font=f, fill=(255, 255, 255), anchor="rt", stroke_width=st, stroke_fill=(0, 0, 0))
    return _res("law_recorder", t, True)


def yellow_line_weather(img, t, rng, ctx):
    """短黄线 温度 template: time, a short yellow rule, date with weekday, weather and temperature."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    fb, fs = ctx["font"]("hei_bold"), ctx["font"]("hei")
    ft = util.font(fb, 92 * s)
    f = util.font(fs, 30 * s)
    right = rng.random() < 0.5
    pad = 36 * s
    x = w - pad if right else pad
    an = "r" if right else "l"
    rows = [util.fmt_date(t.date(), rng.choice(["dot", "iso"])) + " " + _week(rng, t.date()) + f"  {rng.choice(WEATHER)} {rng.randint(-3, 33)}°C",
            ctx["place"]]
    tt = util.fmt_time(t)
    th = _h(d, tt, ft)
    y = h - pad - th - 30 * s - 44 * s * len(rows)
    sh = (2 * s, 2 * s, (0, 0, 0))
    _txt(d, (x, y), tt, ft, (255, 255, 255), shadow=sh, anchor=an + "t")
    ly = y + th + 12 * s
    lx0 = x - 90 * s if right else x
    d.rectangle((lx0, ly, lx0 + 90 * s, ly + 7 * s), fill=ctx["yellow"])
    yy = ly + 20 * s
    for r in rows:
        _txt(d, (x, yy), r, f, (255, 255, 255), shadow=sh, anchor=an + "t")
        yy += 44 * s
    return _res("yellow_line_weather", t)


def pill_center(img, t, rng, ctx):
    """Minimal one-line stamp in a translucent pill at the bottom centre, small type."""
    w, h = img.size
    s = _scale(img, rng, ctx)
    d = ImageDraw.Draw(img)
    f = util.font(ctx["font"]("hei"), 26 * s)
    txt = util.fmt_date(t.date(), rng.choice(["iso", "dot", "cn"])) + " " + util.fmt_time(t) + " · " + \
        _week(rng, t.date()) + " · " + ctx["place"][-12:]
    tw = _w(d, txt, f)
    ov = _overlay(img)
    od = ImageDraw.Draw(ov)
    y = h - 60 * s
    od.rounded_rectangle(((w - tw) / 2 - 24 * s, y - 26 * s, (w + tw) / 2 + 24 * s, y + 26 * s), radius=26 * s,
                         fill=(0, 0, 0, rng.randint(90, 150)))
    od.text((w / 2, y), txt, font=f, fill=(255, 255, 255, 255), anchor="mm")
    _compose(img, ov)
    return _res("pill_center", t)


TUNE_STYLES = {
    "jrsy_classic": jrsy_classic, "jrsy_daka": jrsy_daka, "marki": marki, "yuandao": yuandao,
    "work_record": work_record, "daka_card": daka_card, "light_panel": light_panel, "panel_corner": panel_corner,
    "phone_frame": phone_frame, "osd_dv": osd_dv, "orange_date": orange_date, "corner_outline": corner_outline,
}
HOLDOUT_ONLY = {"jrsy_tvcard": jrsy_tvcard, "law_recorder": law_recorder, "yellow_line_weather": yellow_line_weather,
                "pill_center": pill_center}


def styles_for(split):
    st = dict(TUNE_STYLES)
    if split == "holdout":
        st.update(HOLDOUT_ONLY)
    return st


def apply(name, img, t, rng, ctx):
    """Apply a style; returns (image, info)."""
    fn = styles_for(ctx["split"])[name]
    r = fn(img, t, rng, ctx)
    if isinstance(r, tuple):
        return r
    return img, r
