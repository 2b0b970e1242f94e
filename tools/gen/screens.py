"""Screenshots (PNG): news pages of 信用交通·山东, a county government portal,
credit-query results and a shared-data table, desktop 1920x1080 or phone 1080x2340."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from .common import pil_font


@dataclass
class ScreenSpec:
    kind: str                         # news | portal | query | table | article
    device: str = "desktop"           # desktop | phone
    title: str = ""
    published: dt.datetime | None = None   # 发布时间 on the page
    captured: dt.datetime | None = None    # clock on the taskbar / status bar
    source: str = "青石县交通运输局"
    body: list = field(default_factory=list)
    site: str = "信用交通·山东"
    url: str = ""
    query: dict = field(default_factory=dict)   # 查询时间/查询事项/主体名称/统一社会信用代码/查询结果
    rows: list = field(default_factory=list)    # table rows
    columns: list = field(default_factory=list)
    seed: int = 0


def _wrap_px(dr, text, font, width):
    lines, cur = [], ""
    for ch in text:
        if cur and dr.textlength(cur + ch, font=font) > width and ch not in "，。、；：）》”":
            lines.append(cur)
            cur = ""
        cur += ch
    if cur:
        lines.append(cur)
    return lines


def _browser_chrome(dr, W, spec):
    dr.rectangle([0, 0, W, 40], fill=(222, 225, 230))
    dr.rounded_rectangle([12, 6, 330, 40], radius=8, fill=(255, 255, 255))
    dr.text((28, 23), spec.title[:16] + ("…" if len(spec.title) > 16 else ""),
            font=pil_font("sans", 14), fill=(40, 40, 40), anchor="lm")
    dr.rectangle([0, 40, W, 84], fill=(255, 255, 255))
    dr.line([(0, 84), (W, 84)], fill=(210, 210, 210))
    for i, sym in enumerate(["←", "→", "⟳"]):
        dr.text((24 + i * 36, 62), sym, font=pil_font("sans", 20), fill=(90, 90, 90), anchor="mm")
    dr.rounded_rectangle([130, 50, W - 140, 76], radius=13, fill=(241, 243, 244))
    dr.text((150, 63), spec.url, font=pil_font("sans", 15), fill=(60, 60, 60), anchor="lm")
    return 85


def _taskbar(dr, W, H, when: dt.datetime | None):
    dr.rectangle([0, H - 48, W, H], fill=(32, 36, 44))
    if when:
        f = pil_font("sans", 14)
        dr.text((W - 20, H - 32), when.strftime("%H:%M"), font=f, fill=(255, 255, 255), anchor="rm")
        dr.text((W - 20, H - 14), f"{when.year}/{when.month}/{when.day}", font=f,
                fill=(255, 255, 255), anchor="rm")
    return H - 48


def _site_banner(dr, W, y, site, color=(18, 84, 160)):
    dr.rectangle([0, y, W, y + 110], fill=color)
    dr.rectangle([0, y + 110, W, y + 154], fill=(12, 60, 120))
    dr.text((W / 2 - 380, y + 55), site, font=pil_font("sans_bold", 46), fill=(255, 255, 255),
            anchor="lm")
    dr.text((W / 2 + 40, y + 60), "山东省交通运输厅主办" if "信用" in site else "",
            font=pil_font("sans", 20), fill=(220, 230, 245), anchor="lm")
    nav = ["首页", "新闻动态", "政策法规", "信用公示", "诚信文化", "信用修复", "互动交流"]
    for i, n in enumerate(nav):
        dr.text((W / 2 - 420 + i * 130, y + 132), n, font=pil_font("sans", 20),
                fill=(255, 255, 255), anchor="lm")
    return y + 154


def _desktop_article(spec, breadcrumb):
    W, H = 1920, 1080
    img = Image.new("RGB", (W, H), (236, 239, 243))
    dr = ImageDraw.Draw(img)
    y = _browser_chrome(dr, W, spec)
    banner_color = (18, 84, 160) if "信用" in spec.site else (170, 20, 25)
    y = _site_banner(dr, W, y, spec.site, banner_color)
    bottom = _taskbar(dr, W, H, spec.captured)
    x0, x1 = W / 2 - 600, W / 2 + 600
    dr.rectangle([x0, y + 16, x1, bottom], fill=(255, 255, 255))
    dr.text((x0 + 30, y + 40), "当前位置：" + breadcrumb, font=pil_font("sans", 16),
            fill=(110, 110, 110), anchor="lm")
    ft = pil_font("sans_bold", 30)
    ty = y + 100
    for ln in _wrap_px(dr, spec.title, ft, 1080):
        dr.text((W / 2, ty), ln, font=ft, fill=(30, 30, 30), anchor="mm")
        ty += 44
    meta = []
    if spec.published:
        meta.append("发布时间：" + spec.published.strftime("%Y-%m-%d %H:%M"))
    meta.append("来源：" + spec.source)
    meta.append("浏览次数：" + str(100 + spec.seed % 800))
    dr.text((W / 2, ty + 10), "    ".join(meta) + "    【字体：大 中 小】", font=pil_font("sans", 17),
            fill=(120, 120, 120), anchor="mm")
    dr.line([(x0 + 30, ty + 36), (x1 - 30, ty + 36)], fill=(220, 220, 220), width=2)
    fb = pil_font("sans", 21)
    by = ty + 70
    for p in spec.body:
        for ln in _wrap_px(dr, "\u3000\u3000" + p, fb, 1080):
            if by > bottom - 30:
                break
            dr.text((x0 + 60, by), ln, font=fb, fill=(50, 50, 50), anchor="ls")
            by += 38
        by += 10
    return img


def _phone_article(spec):
    W, H = 1080, 2340
    img = Image.new("RGB", (W, H), (255, 255, 255))
    dr = ImageDraw.Draw(img)
    # status bar
    f = pil_font("sans_bold", 36)
    if spec.captured:
        dr.text((60, 50), spec.captured.strftime("%H:%M"), font=f, fill=(20, 20, 20), anchor="lm")
    dr.rounded_rectangle([W - 150, 36, W - 80, 64], radius=6, outline=(20, 20, 20), width=3)
    dr.rectangle([W - 146, 40, W - 100, 60], fill=(20, 20, 20))
    # title bar
    dr.rectangle([0, 100, W, 230], fill=(247, 247, 247))
    dr.text((60, 165), "‹", font=pil_font("sans", 80), fill=(30, 30, 30), anchor="lm")
    dr.text((W / 2, 165), spec.site, font=pil_font("sans_bold", 44), fill=(30, 30, 30), anchor="mm")
    dr.text((W - 60, 165), "···", font=pil_font("sans_bold", 44), fill=(30, 30, 30), anchor="rm")
    ft = pil_font("sans_bold", 58)
    y = 320
    for ln in _wrap_px(dr, spec.title, ft, W - 120):
        dr.text((60, y), ln, font=ft, fill=(20, 20, 20), anchor="ls")
        y += 84
    y += 20
    fm = pil_font("sans", 36)
    if spec.published:
        dr.text((60, y), "发布时间：" + spec.published.strftime("%Y-%m-%d"), font=fm,
                fill=(130, 130, 130), anchor="ls")
    dr.text((W - 60, y), spec.source, font=fm, fill=(60, 100, 170), anchor="rs")
    y += 80
    fb = pil_font("sans", 46)
    for p in spec.body:
        for ln in _wrap_px(dr, "\u3000\u3000" + p, fb, W - 120):
            if y > H - 200:
                break
            dr.text((60, y), ln, font=fb, fill=(45, 45, 45), anchor="ls")
            y += 80
        y += 20
    dr.rectangle([0, H - 150, W, H], fill=(250, 250, 250))
    dr.line([(0, H - 150), (W, H - 150)], fill=(225, 225, 225), width=2)
    for i, n in enumerate(["首页", "公示", "查询", "我的"]):
        dr.text((W * (i + 0.5) / 4, H - 75), n, font=pil_font("sans", 34), fill=(90, 90, 90),
                anchor="mm")
    return img


def _query(spec):
    W, H = 1920, 1080
    img = Image.new("RGB", (W, H), (240, 242, 245))
    dr = ImageDraw.Draw(img)
    y = _browser_chrome(dr, W, spec)
    dr.rectangle([0, y, W, y + 100], fill=(190, 25, 30))
    dr.text((W / 2 - 560, y + 50), spec.site, font=pil_font("sans_bold", 40), fill=(255, 255, 255),
            anchor="lm")
    dr.text((W / 2 + 160, y + 52), "信用信息查询 · 信用报告", font=pil_font("sans", 24),
            fill=(255, 230, 230), anchor="lm")
    bottom = _taskbar(dr, W, H, spec.captured)
    x0, x1 = W / 2 - 560, W / 2 + 560
    top = y + 140
    dr.rectangle([x0, top, x1, bottom - 60], fill=(255, 255, 255), outline=(220, 220, 220))
    dr.text((W / 2, top + 50), spec.title or "信用信息查询结果", font=pil_font("sans_bold", 32),
            fill=(30, 30, 30), anchor="mm")
    fk = pil_font("sans_bold", 24)
    fv = pil_font("sans", 24)
    ry = top + 120
    for k, v in spec.query.items():
        dr.rectangle([x0 + 60, ry - 30, x0 + 300, ry + 30], fill=(245, 247, 250), outline=(225, 225, 225))
        dr.rectangle([x0 + 300, ry - 30, x1 - 60, ry + 30], fill=(255, 255, 255), outline=(225, 225, 225))
        dr.text((x0 + 80, ry), k, font=fk, fill=(60, 60, 60), anchor="lm")
        col = (0, 130, 60) if k == "查询结果" else (30, 30, 30)
        dr.text((x0 + 320, ry), v, font=fv, fill=col, anchor="lm")
        ry += 60
    dr.text((W / 2, ry + 60), "本查询结果仅供参考，以信用主管部门出具的信用报告为准。", font=pil_font("sans", 18),
            fill=(150, 150, 150), anchor="mm")
    return img


def _table(spec):
    W, H = 1920, 1080
    img = Image.new("RGB", (W, H), (240, 242, 245))
    dr = ImageDraw.Draw(img)
    y = _browser_chrome(dr, W, spec)
    y = _site_banner(dr, W, y, spec.site)
    bottom = _taskbar(dr, W, H, spec.captured)
    x0, x1 = W / 2 - 620, W / 2 + 620
    dr.rectangle([x0, y + 16, x1, bottom], fill=(255, 255, 255))
    dr.text((W / 2, y + 60), spec.title, font=pil_font("sans_bold", 28), fill=(30, 30, 30), anchor="mm")
    if spec.published:
        dr.text((W / 2, y + 100), "发布时间：" + spec.published.strftime("%Y-%m-%d"),
                font=pil_font("sans", 17), fill=(120, 120, 120), anchor="mm")
    cols = spec.columns
    cw = (x1 - x0 - 80) / max(1, len(cols))
    ty = y + 140
    fh = pil_font("sans_bold", 19)
    fr = pil_font("sans", 18)
    dr.rectangle([x0 + 40, ty, x1 - 40, ty + 44], fill=(18, 84, 160))
    for i, c in enumerate(cols):
        dr.text((x0 + 40 + cw * (i + 0.5), ty + 22), c, font=fh, fill=(255, 255, 255), anchor="mm")
    ty += 44
    for j, row in enumerate(spec.rows):
        if ty + 40 > bottom:
            break
        dr.rectangle([x0 + 40, ty, x1 - 40, ty + 40], fill=(248, 250, 252) if j % 2 else (255, 255, 255),
                     outline=(230, 230, 230))
        for i, c in enumerate(row):
            dr.text((x0 + 40 + cw * (i + 0.5), ty + 20), str(c), font=fr, fill=(50, 50, 50), anchor="mm")
        ty += 40
    return img


def render_screen(spec: ScreenSpec) -> bytes:
    """PNG bytes of the screenshot (fixed PNG settings, no metadata chunks)."""
    if spec.kind in ("news", "article", "portal"):
        if spec.device == "phone":
            img = _phone_article(spec)
        else:
            crumb = {"news": "首页 > 新闻动态 > 地市动态", "article": "首页 > 诚信文化 > 一把手谈信用",
                     "portal": "首页 > 政府信息公开 > 法定主动公开内容 > 规划计划"}[spec.kind]
            img = _desktop_article(spec, crumb)
    elif spec.kind == "query":
        img = _query(spec)
    elif spec.kind == "table":
        img = _table(spec)
    else:
        raise ValueError(spec.kind)
    b = io.BytesIO()
    img.save(b, "PNG", optimize=False, compress_level=9)
    return b.getvalue()
