"""Backgrounds for photos: drawn scenes of the events a transport bureau photographs, and real photos.

Several scene kinds carry text-like scenery (banners, slogans, shop signs, bus route numbers,
projected slides) so that a checker cannot take "text in the picture" for a watermark.
"""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps, ImageEnhance

from . import util

SLOGANS = ["诚信兴商宣传月", "信用交通 诚信出行", "守信激励 失信惩戒", "打造信用交通县 建设诚信交通",
           "安全第一 预防为主", "质量为本 诚信为先", "诚信春运 平安出行", "信用交通宣传进企业",
           "信用交通县创建工作推进会", "交通运输信用知识培训班", "诚信建设万里行", "文明交通 你我同行"]
SIGNS = ["汽车维修", "驾驶员培训", "客运站", "物流园", "加油站", "便民超市", "公交站", "运输服务中心",
         "县交通运输局", "道路运输事业发展中心", "综合行政执法大队", "汽车客运总站"]


def _grad(w, h, top, bottom):
    a = np.linspace(0, 1, h)[:, None, None]
    arr = np.array(top, float)[None, None, :] * (1 - a) + np.array(bottom, float)[None, None, :] * a
    return Image.fromarray(np.repeat(arr, w, axis=1).astype(np.uint8))


def _fit_text(d, text, fnt_spec, box_w, box_h, max_size):
    size = max_size
    while size > 8:
        f = util.font(fnt_spec, size)
        bb = d.textbbox((0, 0), text, font=f)
        if bb[2] - bb[0] <= box_w and bb[3] - bb[1] <= box_h:
            return f, bb
        size = int(size * 0.9)
    f = util.font(fnt_spec, 8)
    return f, d.textbbox((0, 0), text, font=f)


def _banner(d, rng, split, x0, y0, x1, y1, text=None, bg=None, fg=None):
    bg = bg or rng.choice([(178, 24, 30), (200, 30, 40), (20, 70, 160), (160, 20, 20)])
    fg = fg or rng.choice([(255, 230, 80), (255, 255, 255), (255, 240, 200)])
    d.rectangle((x0, y0, x1, y1), fill=bg)
    text = text or rng.choice(SLOGANS)
    f, bb = _fit_text(d, text, util.pick_cjk(rng, split, "hei"), (x1 - x0) * 0.9, (y1 - y0) * 0.7, int((y1 - y0) * 0.7))
    d.text(((x0 + x1 - (bb[2] - bb[0])) / 2 - bb[0], (y0 + y1 - (bb[3] - bb[1])) / 2 - bb[1]), text, font=f, fill=fg)


def _person(d, rng, cx, base, s, facing_back=True):
    skin = rng.choice([(224, 190, 160), (210, 170, 140), (235, 200, 175)])
    hair = rng.choice([(20, 20, 20), (40, 30, 25), (60, 55, 50), (90, 90, 90)])
    cloth = rng.choice([(30, 40, 70), (20, 20, 25), (60, 60, 65), (230, 230, 235), (40, 70, 120), (110, 30, 30)])
    d.rounded_rectangle((cx - s * 0.55, base - s * 1.3, cx + s * 0.55, base), radius=int(s * 0.3), fill=cloth)
    d.ellipse((cx - s * 0.28, base - s * 1.95, cx + s * 0.28, base - s * 1.3), fill=hair if facing_back else skin)
    if not facing_back:
        d.chord((cx - s * 0.28, base - s * 1.97, cx + s * 0.28, base - s * 1.55), 180, 360, fill=hair)


def meeting(w, h, rng, split):
    img = _grad(w, h, (225, 222, 210), (190, 185, 175))
    d = ImageDraw.Draw(img)
    # back wall, banner, projection screen
    d.rectangle((0, int(h * 0.55), w, h), fill=(150, 120, 95))
    _banner(d, rng, split, int(w * 0.08), int(h * 0.06), int(w * 0.92), int(h * 0.16))
    if rng.random() < 0.7:
        sx0, sy0, sx1, sy1 = int(w * 0.3), int(h * 0.2), int(w * 0.7), int(h * 0.48)
        d.rectangle((sx0, sy0, sx1, sy1), fill=(240, 242, 245), outline=(60, 60, 60), width=3)
        f = util.font(util.pick_cjk(rng, split, "hei"), (sy1 - sy0) * 0.11)
        lines = rng.sample(["学习贯彻《山东省交通运输信用管理办法》", "一、创建工作进展情况", "二、存在的问题",
                            "三、下一步工作安排", "信用交通县创建工作", "双公示信息报送要求", "信用修复流程"], 3)
        for i, ln in enumerate(lines):
            d.text((sx0 + 20, sy0 + 20 + i * (sy1 - sy0) * 0.25), ln, font=f, fill=(30, 60, 140) if i == 0 else (40, 40, 40))
    # table
    d.polygon([(w * 0.05, h * 0.62), (w * 0.95, h * 0.62), (w * 1.05, h * 0.95), (-w * 0.05, h * 0.95)],
              fill=rng.choice([(120, 70, 40), (200, 195, 185), (90, 55, 35)]))
    # name plates and cups
    for i in range(rng.randint(4, 8)):
        x = w * (0.1 + 0.8 * i / 7)
        d.rectangle((x - w * 0.03, h * 0.64, x + w * 0.03, h * 0.68), fill=(240, 240, 240))
        d.rectangle((x + w * 0.04, h * 0.63, x + w * 0.055, h * 0.67), fill=(250, 250, 250))
    # people on both sides
    n = rng.randint(4, 9)
    for i in range(n):
        x = w * (0.08 + 0.84 * i / max(1, n - 1)) + rng.uniform(-20, 20)
        _person(d, rng, x, h * (0.98 + rng.uniform(-0.02, 0.02)), h * rng.uniform(0.16, 0.22))
    return img


def training(w, h, rng, split):
    img = _grad(w, h, (235, 235, 230), (205, 200, 190))
    d = ImageDraw.Draw(img)
    _banner(d, rng, split, int(w * 0.15), int(h * 0.05), int(w * 0.85), int(h * 0.13),
            text=rng.choice(["交通运输信用知识培训班", "信用修复政策宣讲会", "《山东省交通运输信用管理办法》学习会",
                             "道路运输企业信用培训"]))
    d.rectangle((int(w * 0.25), int(h * 0.16), int(w * 0.75), int(h * 0.42)), fill=(245, 248, 250), outline=(90, 90, 90), width=4)
    f = util.font(util.pick_cjk(rng, split, "hei"), h * 0.035)
    d.text((w * 0.29, h * 0.2), rng.choice(["信用修复办理流程", "信用承诺制度解读", "信用评价指标体系"]), font=f, fill=(20, 60, 150))
    for r in range(4):
        base = h * (0.6 + r * 0.12)
        s = h * (0.07 + r * 0.025)
        k = 5 + r
        for i in range(k):
            _person(d, rng, w * (0.06 + 0.88 * i / (k - 1)) + rng.uniform(-10, 10), base, s)
    return img


def street(w, h, rng, split):
    img = _grad(w, h, (150, 190, 235), (225, 235, 245))
    d = ImageDraw.Draw(img)
    hor = h * rng.uniform(0.45, 0.6)
    # buildings with shop signs
    x = -10
    while x < w:
        bw = rng.randint(int(w * 0.12), int(w * 0.3))
        bh = rng.randint(int(h * 0.15), int(h * 0.35))
        col = rng.choice([(200, 190, 175), (180, 185, 190), (215, 205, 195), (170, 160, 150)])
        d.rectangle((x, hor - bh, x + bw, hor), fill=col)
        for wy in range(int(hor - bh + 15), int(hor - h * 0.08), 40):
            for wx in range(x + 10, x + bw - 20, 35):
                d.rectangle((wx, wy, wx + 18, wy + 22), fill=(120, 140, 160))
        sy = hor - h * 0.075
        _banner(d, rng, split, x + 5, int(sy), x + bw - 5, int(sy + h * 0.06), text=rng.choice(SIGNS),
                bg=rng.choice([(180, 20, 20), (20, 90, 170), (30, 120, 60), (240, 240, 240)]),
                fg=rng.choice([(255, 255, 255), (255, 220, 0), (20, 20, 20)]))
        x += bw + rng.randint(0, 20)
    d.rectangle((0, hor, w, h), fill=(95, 95, 100))
    for i in range(8):
        xx = i * w / 7
        d.polygon([(xx - 30, h * 0.8), (xx + 30, h * 0.8), (xx + 20, h * 0.84), (xx - 20, h * 0.84)], fill=(240, 240, 240))
    # a bus with route number
    if rng.random() < 0.7:
        bx, by = w * rng.uniform(0.1, 0.45), hor - h * 0.02
        bw_, bh_ = w * 0.42, h * 0.2
        col = rng.choice([(30, 140, 80), (20, 100, 180), (220, 120, 20), (230, 230, 230)])
        d.rounded_rectangle((bx, by - bh_, bx + bw_, by + h * 0.08), radius=20, fill=col)
        for i in range(6):
            d.rectangle((bx + 20 + i * bw_ / 6.3, by - bh_ + 20, bx + (i + 1) * bw_ / 6.3, by - bh_ * 0.35), fill=(60, 80, 100))
        d.rectangle((bx + bw_ * 0.05, by - bh_ * 0.3, bx + bw_ * 0.45, by - bh_ * 0.12), fill=(10, 10, 10))
        route = rng.choice(["K12路", "103路", "2路", "城乡公交 6路", "K301", "58路"])
        f = util.font(util.pick_cjk(rng, split, "hei"), bh_ * 0.14)
        d.text((bx + bw_ * 0.07, by - bh_ * 0.3), route, font=f, fill=(255, 140, 0))
        for wx in (bx + bw_ * 0.2, bx + bw_ * 0.8):
            d.ellipse((wx - h * 0.04, by + h * 0.04, wx + h * 0.04, by + h * 0.12), fill=(20, 20, 20))
    return img


def booth(w, h, rng, split):
    img = _grad(w, h, (170, 205, 240), (235, 240, 245))
    d = ImageDraw.Draw(img)
    hor = h * 0.5
    d.rectangle((0, hor, w, h), fill=rng.choice([(170, 165, 160), (150, 150, 145), (190, 180, 165)]))
    # tents
    for i in range(rng.randint(1, 3)):
        x0 = w * (0.05 + i * 0.32)
        d.polygon([(x0, hor - h * 0.15), (x0 + w * 0.15, hor - h * 0.28), (x0 + w * 0.3, hor - h * 0.15)], fill=(200, 30, 30))
        d.rectangle((x0, hor - h * 0.15, x0 + w * 0.3, hor - h * 0.11), fill=(200, 30, 30))
        f = util.font(util.pick_cjk(rng, split, "hei"), h * 0.025)
        d.text((x0 + w * 0.03, hor - h * 0.148), rng.choice(["信用交通宣传咨询台", "诚信宣传", "信用修复咨询"]), font=f, fill=(255, 255, 255))
        d.line((x0, hor - h * 0.11, x0, hor + h * 0.1), fill=(200, 200, 200), width=6)
        d.line((x0 + w * 0.3, hor - h * 0.11, x0 + w * 0.3, hor + h * 0.1), fill=(200, 200, 200), width=6)
    # roll-up banner
    rx = w * rng.uniform(0.55, 0.8)
    _banner(d, rng, split, int(rx), int(hor - h * 0.25), int(rx + w * 0.1), int(hor + h * 0.15),
            text="诚信", bg=(20, 80, 170))
    d.rectangle((w * 0.2, hor + h * 0.02, w * 0.6, hor + h * 0.12), fill=(30, 60, 140))
    _banner(d, rng, split, int(w * 0.2), int(hor + h * 0.03), int(w * 0.6), int(hor + h * 0.1),
            text=rng.choice(SLOGANS), bg=(30, 60, 140))
    for i in range(rng.randint(5, 12)):
        _person(d, rng, w * rng.uniform(0.02, 0.98), h * rng.uniform(0.75, 1.0), h * rng.uniform(0.12, 0.2),
                facing_back=rng.random() < 0.5)
    return img


def construction(w, h, rng, split):
    img = _grad(w, h, (160, 195, 230), (230, 230, 225))
    d = ImageDraw.Draw(img)
    hor = h * 0.45
    d.rectangle((0, hor, w, h), fill=(150, 125, 95))
    # blue fence with slogans
    d.rectangle((0, hor - h * 0.12, w, hor + h * 0.03), fill=(30, 90, 170))
    f = util.font(util.pick_cjk(rng, split, "hei"), h * 0.05)
    txt = rng.choice(["安全第一 质量为本", "文明施工 诚信守约", "百年大计 质量第一"])
    d.text((w * 0.1, hor - h * 0.1), txt, font=f, fill=(255, 255, 255))
    # machines and barriers
    for i in range(rng.randint(2, 5)):
        x = w * rng.uniform(0, 0.9)
        y = h * rng.uniform(0.55, 0.8)
        d.rectangle((x, y, x + w * 0.15, y + h * 0.08), fill=(240, 180, 20))
        d.rectangle((x + w * 0.02, y - h * 0.06, x + w * 0.07, y), fill=(230, 170, 20))
        d.ellipse((x, y + h * 0.06, x + h * 0.06, y + h * 0.12), fill=(30, 30, 30))
        d.ellipse((x + w * 0.15 - h * 0.06, y + h * 0.06, x + w * 0.15, y + h * 0.12), fill=(30, 30, 30))
    for i in range(10):
        x = i * w / 10
        d.rectangle((x, h * 0.9, x + w * 0.05, h * 0.93), fill=(230, 40, 30) if i % 2 else (245, 245, 245))
    for i in range(rng.randint(2, 5)):
        _person(d, rng, w * rng.uniform(0.1, 0.9), h * rng.uniform(0.8, 0.97), h * 0.14, facing_back=False)
    return img


def bright(w, h, rng, split):
    """Bright scenery (overcast sky, white wall, snow, sunlit pavement): hard for white stamps."""
    kind = rng.choice(["sky", "wall", "snow", "pavement"])
    if kind == "sky":
        img = _grad(w, h, (236, 242, 250), (250, 252, 255))
        d = ImageDraw.Draw(img)
        d.rectangle((0, h * 0.8, w, h), fill=(215, 215, 210))
    elif kind == "wall":
        img = Image.new("RGB", (w, h), (245, 244, 238))
        d = ImageDraw.Draw(img)
        d.rectangle((w * 0.2, h * 0.2, w * 0.8, h * 0.55), fill=(250, 250, 250), outline=(200, 200, 200), width=4)
        f = util.font(util.pick_cjk(rng, split, "song"), h * 0.04)
        d.text((w * 0.25, h * 0.3), rng.choice(["信用交通宣传栏", "公示栏", "诚信经营承诺公示"]), font=f, fill=(180, 30, 30))
    elif kind == "snow":
        img = _grad(w, h, (225, 230, 238), (252, 252, 252))
        d = ImageDraw.Draw(img)
        for i in range(6):
            x = w * rng.uniform(0, 1)
            d.polygon([(x, h * 0.4), (x - w * 0.05, h * 0.65), (x + w * 0.05, h * 0.65)], fill=(120, 130, 120))
    else:
        img = _grad(w, h, (240, 238, 230), (225, 222, 215))
        d = ImageDraw.Draw(img)
        for i in range(0, w, 120):
            d.line((i, 0, i - 200, h), fill=(215, 212, 205), width=3)
    for i in range(rng.randint(0, 4)):
        _person(d, rng, w * rng.uniform(0.1, 0.9), h * rng.uniform(0.75, 0.98), h * 0.15, facing_back=rng.random() < 0.5)
    return img


def office(w, h, rng, split):
    img = _grad(w, h, (200, 195, 185), (160, 150, 140))
    d = ImageDraw.Draw(img)
    d.rectangle((0, h * 0.5, w, h), fill=rng.choice([(140, 95, 60), (180, 170, 150), (110, 75, 50)]))
    for i in range(rng.randint(2, 4)):
        x, y = w * rng.uniform(0.05, 0.6), h * rng.uniform(0.55, 0.75)
        d.rectangle((x, y, x + w * 0.25, y + h * 0.2), fill=(245, 245, 240))
        for k in range(8):
            d.line((x + 15, y + 20 + k * h * 0.02, x + w * 0.23, y + 20 + k * h * 0.02), fill=(120, 120, 120), width=2)
    d.rectangle((w * 0.6, h * 0.2, w * 0.9, h * 0.48), fill=(20, 20, 20))
    d.rectangle((w * 0.62, h * 0.22, w * 0.88, h * 0.46), fill=(60, 110, 170))
    for i in range(rng.randint(1, 3)):
        _person(d, rng, w * rng.uniform(0.1, 0.9), h * rng.uniform(0.9, 1.05), h * 0.25, facing_back=rng.random() < 0.5)
    return img


KINDS = {"meeting": meeting, "training": training, "street": street, "booth": booth,
         "construction": construction, "bright": bright, "office": office}
TEXTY = ("meeting", "training", "street", "booth", "construction")


def _photoize(img, rng):
    """Lens blur, lighting falloff, sensor noise, colour cast: make drawn scenes less flat."""
    w, h = img.size
    img = img.filter(ImageFilter.GaussianBlur(radius=max(0.6, min(w, h) / 1400 * rng.uniform(0.8, 2.0))))
    a = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.3, 0.7)
    r = np.sqrt(((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
    a *= (1.05 - rng.uniform(0.15, 0.45) * r ** 2)[..., None]
    a *= np.array([rng.uniform(0.93, 1.07) for _ in range(3)], np.float32)[None, None, :]
    nrng = np.random.default_rng(rng.getrandbits(32))
    a += nrng.normal(0, rng.uniform(2, 7), (h // 2 + 1, w // 2 + 1, 1)).repeat(2, 0).repeat(2, 1)[:h, :w]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def real(w, h, rng, pool):
    p = rng.choice(pool)
    im = Image.open(p)
    im = ImageOps.exif_transpose(im).convert("RGB")
    if rng.random() < 0.5:
        im = ImageOps.mirror(im)
    # random crop with the target aspect, then scale
    ar = w / h
    iw, ih = im.size
    if iw / ih > ar:
        cw, ch = int(ih * ar), ih
    else:
        cw, ch = iw, int(iw / ar)
    s = rng.uniform(0.75, 1.0)
    cw, ch = int(cw * s), int(ch * s)
    x0, y0 = rng.randint(0, iw - cw), rng.randint(0, ih - ch)
    im = im.crop((x0, y0, x0 + cw, y0 + ch)).resize((w, h), Image.BICUBIC)
    im = ImageEnhance.Color(im).enhance(rng.uniform(0.8, 1.2))
    im = ImageEnhance.Brightness(im).enhance(rng.uniform(0.85, 1.15))
    return im


def make_scene(w, h, rng, split, kind=None, real_pool=None):
    """A scene image of size (w, h) and the kind used."""
    if kind is None:
        if real_pool and rng.random() < 0.28:
            kind = "real"
        else:
            kind = rng.choice(list(KINDS))
    if kind == "real":
        return real(w, h, rng, real_pool), kind
    # draw at a working size, then upscale (cheaper, and softens like a phone pipeline)
    s = min(1.0, 1600 / max(w, h))
    ww, hh = max(64, int(w * s)), max(64, int(h * s))
    img = KINDS[kind](ww, hh, rng, split)
    img = _photoize(img, rng)
    if (ww, hh) != (w, h):
        img = img.resize((w, h), Image.BICUBIC)
    return img, kind
