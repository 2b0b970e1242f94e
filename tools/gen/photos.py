"""Synthetic phone photos of bureau activities, with watermark-camera overlays and EXIF.

Scenes are drawn with PIL primitives (meeting room with a red banner, training room
with a projector slide, outdoor publicity stand, roadside sign). Watermarks follow
research/domain.md §3.2: 今日水印 style (big HH:MM, yellow bar, date + weekday, place,
brand block "今日水印 / 相机真实时间 / 防伪 CODE"), a one-line corner stamp
"YYYY-MM-DD HH:MM:SS", a 马克-style "工作记录" box, and a top-left table
(拍摄时间 / 地点 / 经纬度) as 元道-style and engineering-record templates draw it.
"""
from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .common import WEEKDAYS_ZH, np_rng_for, pil_font, rng_for

PHONES = [
    ("HUAWEI", "ALN-AL00", "ALN-AL00 4.2.0.150(C00E150R3P1)"),
    ("HUAWEI", "NOH-AN00", "NOH-AN00 4.0.0.168(C00E160R5P3)"),
    ("Xiaomi", "23127PN0CC", "V816.0.5.0.UNCCNXM"),
    ("Xiaomi", "2211133C", "V14.0.21.0.TMCCNXM"),
    ("Apple", "iPhone 14 Pro", "17.3.1"),
    ("Apple", "iPhone 13", "16.6"),
    ("OPPO", "PHB110", "PHB110_14.0.0.600(CN01)"),
    ("vivo", "V2309A", "compass_14.1.11.5"),
]


@dataclass
class WatermarkSpec:
    style: str                  # jinri | stamp | marker | table
    time: dt.datetime           # what the overlay shows
    place: str = "青石县交通运输局"
    weather: str = "晴 12℃"
    code: str = ""              # 防伪 code (jinri)
    title: str = "工作记录"      # marker box title

    def shown_time(self) -> str:
        """The watermark time exactly as a label: minutes, or seconds for the corner stamp."""
        if self.style == "stamp":
            return self.time.strftime("%Y-%m-%d %H:%M:%S")
        return self.time.strftime("%Y-%m-%d %H:%M")


@dataclass
class ExifSpec:
    make: str
    model: str
    time: dt.datetime | None
    software: str | None = None
    orientation: int = 1
    gps: tuple | None = None    # (lat, lon) decimal degrees
    modify_time: dt.datetime | None = None


@dataclass
class PhotoSpec:
    scene: str                  # meeting | training | publicity | roadside
    width: int = 1024           # display size
    height: int = 768
    banner: str = "青石县创建信用交通县工作推进会"
    signs: list = field(default_factory=list)
    slide: str = "《山东省交通运输信用管理办法》专题学习"
    people: int = 8
    watermark: WatermarkSpec | None = None
    exif: ExifSpec | None = None
    quality: int = 80
    seed: int = 0
    rotate_stored: bool = False  # store pixels rotated with EXIF Orientation=6


# --- helpers ---------------------------------------------------------------

def _vgrad(w, h, top, bottom):
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    a = np.array(top, np.float32)[None, None, :]
    b = np.array(bottom, np.float32)[None, None, :]
    return np.broadcast_to(a + (b - a) * t, (h, w, 3)).copy()


def _fit_font(draw, text, key, max_w, max_h):
    size = max_h
    f = pil_font(key, size)
    w = draw.textlength(text, font=f)
    if w > max_w:
        size = max(8, size * max_w / w)
        f = pil_font(key, size)
    return f


_SKIN = [(236, 200, 170), (225, 185, 150), (214, 172, 140), (240, 210, 185)]
_SUIT = [(30, 35, 45), (40, 40, 48), (25, 30, 60), (55, 55, 60), (70, 60, 50)]
_JACKET = [(200, 30, 30), (30, 60, 150), (240, 240, 240), (20, 20, 25), (220, 120, 30),
           (50, 120, 60), (230, 200, 40)]


def _person(dr, x, y_feet, scale, rng, colors, seated=False, back=False):
    """A simple person shape: torso (rounded) + head; (x, y_feet) = bottom centre."""
    body_h = 150 * scale * (0.7 if seated else 1.0)
    body_w = 62 * scale
    head_r = 17 * scale
    col = colors[rng.randrange(len(colors))]
    top = y_feet - body_h
    dr.rounded_rectangle([x - body_w / 2, top, x + body_w / 2, y_feet], radius=int(20 * scale) + 1,
                         fill=col)
    if not back and col in _SUIT:
        dr.polygon([(x - 9 * scale, top), (x + 9 * scale, top), (x, top + 30 * scale)],
                   fill=(235, 235, 235))
    skin = _SKIN[rng.randrange(len(_SKIN))]
    hy = top - head_r * 0.9
    dr.ellipse([x - head_r * 0.85, hy - head_r, x + head_r * 0.85, hy + head_r],
               fill=(25, 22, 20) if back else skin)
    if not back:
        dr.chord([x - head_r * 0.9, hy - head_r * 1.08, x + head_r * 0.9, hy + head_r * 0.4],
                 180, 360, fill=(25, 22, 20))


def _noise(arr, rng, sigma):
    h, w = arr.shape[:2]
    tile = rng.normal(0, sigma, size=(256, 256, 1)).astype(np.float32)
    reps = (h // 256 + 2, w // 256 + 2, 1)
    big = np.tile(tile, reps)
    oy, ox = int(rng.integers(0, 256)), int(rng.integers(0, 256))
    return arr + big[oy:oy + h, ox:ox + w]


# --- scenes ------------------------------------------------------------------

def _scene_meeting(spec, r, W, H):
    wall = r.choice([(236, 229, 212), (225, 228, 232), (240, 236, 226), (214, 222, 214), (232, 220, 205)])
    arr = _vgrad(W, H, wall, tuple(int(c * 0.87) for c in wall))
    img = Image.fromarray(arr.astype(np.uint8))
    dr = ImageDraw.Draw(img)
    horizon = int(H * r.uniform(0.52, 0.62))
    dr.rectangle([0, horizon, W, H], fill=r.choice([(118, 92, 84), (96, 96, 104), (140, 112, 90),
                                                    (88, 70, 66)]))
    # windows on one wall, wooden panels or a flag stand elsewhere
    wside = r.choice([0, 1, 2])
    for i in range(r.randint(1, 3) if wside < 2 else 0):
        x0 = int(W * (0.02 + i * 0.09)) if wside == 0 else int(W * (0.91 - i * 0.09))
        dr.rectangle([x0, int(H * 0.18), x0 + int(W * 0.07), int(H * 0.5)], fill=(200, 222, 240),
                     outline=(160, 160, 160), width=3)
    if r.random() < 0.5:
        fx = int(W * r.choice([0.06, 0.9]))
        dr.line([(fx, int(H * 0.2)), (fx, horizon)], fill=(180, 160, 90), width=4)
        dr.rectangle([fx, int(H * 0.2), fx + int(W * 0.05), int(H * 0.26)], fill=(210, 20, 20))
    if r.random() < 0.6:
        px = int(W * r.uniform(0.2, 0.8))
        dr.rectangle([px - 14, horizon - 30, px + 14, horizon], fill=(120, 80, 50))
        dr.ellipse([px - 40, horizon - 110, px + 40, horizon - 25], fill=(50, 110, 55))
    # red banner with the meeting name
    bw = r.uniform(0.6, 0.8)
    bc = r.uniform(0.4, 0.6)
    bx0, bx1 = int(W * (bc - bw / 2)), int(W * (bc + bw / 2))
    by0 = int(H * r.uniform(0.04, 0.1))
    by1 = by0 + int(H * r.uniform(0.09, 0.13))
    dr.rectangle([bx0, by0, bx1, by1], fill=(196, 18, 24))
    f = _fit_font(dr, spec.banner, "sans_bold", (bx1 - bx0) * 0.92, (by1 - by0) * 0.62)
    dr.text(((bx0 + bx1) / 2, (by0 + by1) / 2), spec.banner, font=f, fill=(255, 226, 90),
            anchor="mm")
    # screen / TV under the banner
    vx = r.uniform(0.4, 0.6)  # where the table points (camera position)
    if r.random() < 0.6:
        sx = vx + r.uniform(-0.1, 0.1)
        dr.rectangle([int(W * (sx - 0.12)), int(H * 0.24), int(W * (sx + 0.12)), int(H * 0.44)],
                     fill=(25, 60, 120), outline=(20, 20, 20), width=4)
        f2 = _fit_font(dr, "信用交通", "sans_bold", W * 0.2, H * 0.05)
        dr.text((W * sx, H * 0.34), "信用交通", font=f2, fill=(255, 255, 255), anchor="mm")
    # table in perspective
    ft = int(horizon - H * r.uniform(0.0, 0.04))
    tw = r.uniform(0.22, 0.34)
    top_l, top_r = vx - tw / 2, vx + tw / 2
    dr.polygon([(W * top_l, ft), (W * top_r, ft), (W * 0.98, H), (W * 0.02, H)],
               fill=r.choice([(128, 82, 48), (110, 70, 40), (150, 120, 90), (90, 60, 40)]))
    dr.polygon([(W * (top_l + 0.01), ft + 2), (W * (top_r - 0.01), ft + 2), (W * 0.9, H), (W * 0.1, H)],
               fill=r.choice([(150, 100, 62), (135, 90, 55), (170, 140, 105), (110, 75, 50)]))
    # chair person at the head of the table
    _person(dr, W * vx, ft + 4, 0.5 * W / 1024, r, _SUIT, seated=True)
    n = max(2, spec.people)
    side = n // 2
    for i in range(side):
        t = (i + 0.6) / (side + 0.2)
        y = ft + (H - ft) * t
        sc = (0.5 + 1.1 * t) * W / 1024
        xl = W * (top_l - (top_l - 0.02) * t) - 10 * sc
        xr = W * (top_r + (0.98 - top_r) * t) + 10 * sc
        _person(dr, xl, y + 40 * sc, sc, r, _SUIT, seated=True)
        _person(dr, xr, y + 40 * sc, sc, r, _SUIT, seated=True)
        # name cards, cups, papers on the table
        for xx, d in ((xl, 1), (xr, -1)):
            cx = xx + d * 60 * sc
            dr.rectangle([cx - 18 * sc, y - 8 * sc, cx + 18 * sc, y + 4 * sc], fill=(250, 250, 250))
            dr.ellipse([cx + d * 30 * sc - 6 * sc, y - 4 * sc, cx + d * 30 * sc + 6 * sc,
                        y + 2 * sc], fill=(245, 245, 245), outline=(200, 200, 200))
            dr.polygon([(cx - 16 * sc, y + 12 * sc), (cx + 14 * sc, y + 10 * sc),
                        (cx + 20 * sc, y + 30 * sc), (cx - 12 * sc, y + 32 * sc)],
                       fill=(248, 248, 244))
    return img


def _scene_training(spec, r, W, H):
    wall = r.choice([(228, 230, 232), (236, 230, 218), (220, 226, 220), (232, 226, 230)])
    arr = _vgrad(W, H, wall, tuple(int(c * 0.88) for c in wall))
    img = Image.fromarray(arr.astype(np.uint8))
    dr = ImageDraw.Draw(img)
    dr.rectangle([0, int(H * r.uniform(0.58, 0.66)), W, H], fill=r.choice([(150, 140, 130), (120, 120, 128),
                                                                         (160, 130, 100)]))
    # projector screen with slide
    scx, sw = r.uniform(0.35, 0.65), r.uniform(0.45, 0.62)
    sx0, sx1 = int(W * (scx - sw / 2)), int(W * (scx + sw / 2))
    sy0 = int(H * r.uniform(0.05, 0.1))
    sy1 = sy0 + int(H * r.uniform(0.34, 0.42))
    dr.rectangle([sx0 - 6, sy0 - 6, sx1 + 6, sy1 + 6], fill=(60, 60, 60))
    dr.rectangle([sx0, sy0, sx1, sy1], fill=(250, 250, 252))
    dr.rectangle([sx0, sy0, sx1, sy0 + int((sy1 - sy0) * 0.16)], fill=(20, 70, 150))
    f = _fit_font(dr, spec.slide, "sans_bold", (sx1 - sx0) * 0.9, (sy1 - sy0) * 0.12)
    dr.text(((sx0 + sx1) / 2, sy0 + (sy1 - sy0) * 0.34), spec.slide, font=f, fill=(20, 50, 120),
            anchor="mm")
    fl = pil_font("sans", (sy1 - sy0) * 0.065)
    for i, line in enumerate(["一、信用信息的归集与共享", "二、守信激励与失信惩戒", "三、信用修复的条件和程序"]):
        dr.text((sx0 + (sx1 - sx0) * 0.12, sy0 + (sy1 - sy0) * (0.52 + i * 0.13)), line, font=fl,
                fill=(60, 60, 60))
    if spec.banner:
        f2 = _fit_font(dr, spec.banner, "sans_bold", W * 0.5, H * 0.035)
        dr.rectangle([int(W * 0.25), int(H * 0.005), int(W * 0.75), int(H * 0.05)], fill=(190, 20, 25))
        dr.text((W * 0.5, H * 0.0275), spec.banner, font=f2, fill=(255, 230, 100), anchor="mm")
    # rows of desks and heads from behind
    rows = r.randint(3, 5)
    for row in range(rows):
        t = (row + 1) / rows
        y = H * (0.55 + 0.42 * t)
        sc = (0.5 + 0.8 * t) * W / 1024
        dr.rectangle([0, y - 6 * sc, W, y + 10 * sc], fill=(170, 120, 80))
        k = int(6 - row)
        for j in range(k):
            x = W * (j + 0.5 + (row % 2) * 0.3) / k
            if r.random() < 0.85:
                _person(dr, x, y + 6 * sc, sc, r, _SUIT + _JACKET[:2], seated=True, back=True)
    return img


def _scene_publicity(spec, r, W, H):
    arr = _vgrad(W, H, (120, 170, 225), (205, 225, 240))
    img = Image.fromarray(arr.astype(np.uint8))
    dr = ImageDraw.Draw(img)
    horizon = int(H * 0.5)
    # buildings
    x = 0
    while x < W:
        bw = r.randint(int(W * 0.06), int(W * 0.14))
        bh = r.randint(int(H * 0.12), int(H * 0.32))
        col = r.choice([(190, 185, 175), (170, 175, 185), (210, 200, 185), (160, 160, 165)])
        dr.rectangle([x, horizon - bh, x + bw, horizon], fill=col)
        for wy in range(horizon - bh + 10, horizon - 8, 18):
            for wx in range(x + 6, x + bw - 10, 16):
                dr.rectangle([wx, wy, wx + 7, wy + 9], fill=(120, 140, 160))
        x += bw + r.randint(2, 20)
    dr.rectangle([0, horizon, W, H], fill=(172, 170, 164))
    for i in range(6):
        xx = W * i / 5
        dr.line([(W / 2, horizon), (xx, H)], fill=(160, 158, 152), width=2)
    # red tent (gazebo) with the activity name on the valance
    tx0 = int(W * r.uniform(0.02, 0.3))
    tx1 = tx0 + int(W * r.uniform(0.4, 0.55))
    ty = int(H * r.uniform(0.16, 0.26))
    dr.polygon([(tx0, ty + 40), ((tx0 + tx1) / 2, ty - 20), (tx1, ty + 40)], fill=(200, 25, 30))
    dr.rectangle([tx0, ty + 40, tx1, ty + 40 + int(H * 0.07)], fill=(205, 28, 32))
    f = _fit_font(dr, spec.banner, "sans_bold", (tx1 - tx0) * 0.9, H * 0.05)
    dr.text(((tx0 + tx1) / 2, ty + 40 + H * 0.035), spec.banner, font=f, fill=(255, 240, 120),
            anchor="mm")
    for px in (tx0 + 4, tx1 - 8):
        dr.rectangle([px, ty + 40, px + 6, int(H * 0.78)], fill=(200, 200, 200))
    # table with red cloth and leaflets
    dr.rectangle([tx0 + 30, int(H * 0.62), tx1 - 30, int(H * 0.78)], fill=(190, 20, 25))
    for i in range(8):
        lx = tx0 + 50 + i * (tx1 - tx0 - 100) / 8
        dr.rectangle([lx, int(H * 0.605), lx + 26, int(H * 0.62)], fill=(250, 250, 250))
    # display boards
    signs = spec.signs or ["信用交通 诚信出行"]
    base_x = min(0.68, tx1 / W + 0.04)
    for i, s in enumerate(signs[:2]):
        bx0 = int(W * (base_x + i * 0.16))
        bx1 = bx0 + int(W * 0.14)
        by0, by1 = int(H * 0.3), int(H * 0.68)
        dr.rectangle([bx0, by0, bx1, by1], fill=(24, 80, 170), outline=(230, 230, 230), width=4)
        chars = list(s.replace(" ", ""))[:8]
        step = (by1 - by0) / (len(chars) + 1)
        fs = pil_font("sans_bold", min((bx1 - bx0) * 0.62, step * 0.86))
        for j, ch in enumerate(chars):
            dr.text(((bx0 + bx1) / 2, by0 + step * (j + 1)), ch, font=fs, fill=(255, 255, 255),
                    anchor="mm")
        dr.line([((bx0 + bx1) / 2, by1), ((bx0 + bx1) / 2, int(H * 0.8))], fill=(90, 90, 90), width=5)
    # people standing
    items = []
    for i in range(max(3, spec.people)):
        t = r.uniform(0.15, 1.0)
        items.append((t, r.uniform(0.05, 0.95)))
    for t, xr in sorted(items):
        y = H * (0.62 + 0.36 * t)
        _person(dr, W * xr, y, (0.5 + 0.9 * t) * W / 1024, r, _JACKET + _SUIT)
    return img


def _scene_roadside(spec, r, W, H):
    arr = _vgrad(W, H, (150, 190, 230), (220, 232, 240))
    img = Image.fromarray(arr.astype(np.uint8))
    dr = ImageDraw.Draw(img)
    horizon = int(H * r.uniform(0.4, 0.5))
    vx = r.uniform(0.3, 0.7)
    dr.rectangle([0, horizon, W, H], fill=r.choice([(110, 150, 80), (150, 140, 110), (120, 140, 90)]))
    dr.polygon([(W * (vx - 0.04), horizon), (W * (vx + 0.04), horizon), (W * 0.95, H), (W * 0.05, H)],
               fill=(80, 80, 84))
    for i in range(8):
        t0, t1 = (i / 8) ** 1.6, ((i + 0.5) / 8) ** 1.6
        y0 = horizon + (H - horizon) * t0
        y1 = horizon + (H - horizon) * t1
        dr.line([(W * (vx + (0.5 - vx) * t0), y0), (W * (vx + (0.5 - vx) * t1), y1)],
                fill=(240, 240, 240), width=max(2, int(2 + i)))
    # trees
    for i in range(10):
        x = r.uniform(0, W)
        if abs(x - W / 2) < W * 0.2:
            continue
        s = r.uniform(0.4, 1.0)
        dr.ellipse([x - 40 * s, horizon - 110 * s, x + 40 * s, horizon - 10 * s], fill=(60, 120, 60))
        dr.rectangle([x - 5 * s, horizon - 20 * s, x + 5 * s, horizon + 10 * s], fill=(90, 70, 50))
    # billboard
    signs = spec.signs or ["信用交通 诚信出行"]
    bl = r.choice([0.05, 0.58])
    bx0, bx1, by0, by1 = int(W * bl), int(W * (bl + 0.37)), int(H * 0.12), int(H * 0.38)
    dr.rectangle([bx0 + (bx1 - bx0) // 2 - 8, by1, bx0 + (bx1 - bx0) // 2 + 8, int(H * 0.62)],
                 fill=(120, 120, 125))
    dr.rectangle([bx0, by0, bx1, by1], fill=(20, 90, 175), outline=(240, 240, 240), width=5)
    f = _fit_font(dr, signs[0], "sans_bold", (bx1 - bx0) * 0.9, (by1 - by0) * 0.36)
    dr.text(((bx0 + bx1) / 2, by0 + (by1 - by0) * 0.4), signs[0], font=f, fill=(255, 255, 255),
            anchor="mm")
    f2 = _fit_font(dr, "青石县交通运输局", "sans", (bx1 - bx0) * 0.6, (by1 - by0) * 0.16)
    dr.text(((bx0 + bx1) / 2, by0 + (by1 - by0) * 0.78), "青石县交通运输局", font=f2,
            fill=(255, 255, 255), anchor="mm")
    # a bus for 诚信春运
    if r.random() < 0.7:
        y = H * 0.8
        dr.rounded_rectangle([W * 0.12, y - H * 0.2, W * 0.48, y], radius=12, fill=(240, 240, 235))
        dr.rectangle([W * 0.12, y - H * 0.06, W * 0.48, y - H * 0.045], fill=(30, 130, 70))
        for i in range(6):
            wx = W * (0.14 + i * 0.055)
            dr.rectangle([wx, y - H * 0.17, wx + W * 0.045, y - H * 0.09], fill=(70, 100, 130))
        for wx in (0.18, 0.42):
            dr.ellipse([W * wx - 22, y - 22, W * wx + 22, y + 22], fill=(30, 30, 30))
    for i in range(max(2, spec.people // 2)):
        _person(dr, W * r.uniform(0.5, 0.9), H * r.uniform(0.75, 0.98), r.uniform(0.6, 1.0) * W / 1024, r,
                _JACKET)
    return img


_SCENES = {"meeting": _scene_meeting, "training": _scene_training,
           "publicity": _scene_publicity, "roadside": _scene_roadside}


def render_scene(spec: PhotoSpec) -> Image.Image:
    """The clean scene at display size (portrait scenes are drawn landscape and cropped)."""
    r = rng_for(spec.seed, "scene")
    W, H = spec.width, spec.height
    if H > W:
        # portrait: draw a landscape scene of the same height and keep its centre
        big = _SCENES[spec.scene](spec, r, int(H * 4 / 3), H)
        focus = 0.85 if spec.scene == "roadside" else 0.5
        x0 = int((big.width - W) * focus)
        base = big.crop((x0, 0, x0 + W, H))
    else:
        base = _SCENES[spec.scene](spec, r, W, H)
    # the camera: a different framing, tilt and exposure for every shot
    # one affine map = zoom into a random window + tilt; bilinear upsampling also softens the
    # hard edges of the drawn shapes like a phone lens would
    z = r.uniform(0.78, 0.96)
    cw, ch = W * z, H * z
    cx = r.uniform(cw / 2, W - cw / 2)
    cy = r.uniform(ch / 2, H - ch / 2)
    a = math.radians(r.uniform(-2.0, 2.0))
    ca, sa = math.cos(a) * z, math.sin(a) * z
    # output (u, v) -> input (x, y) = centre + R(a) * z * (u - W/2, v - H/2)
    matrix = (ca, -sa, cx - ca * W / 2 + sa * H / 2, sa, ca, cy - sa * W / 2 - ca * H / 2)
    img = base.transform((W, H), Image.AFFINE, matrix, resample=Image.BILINEAR)
    nr = np_rng_for(spec.seed, "noise")
    arr = np.asarray(img, dtype=np.float32)
    # vignette + sensor noise
    yy = np.linspace(-1, 1, arr.shape[0], dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, arr.shape[1], dtype=np.float32)[None, :]
    vig = 1.0 - 0.18 * (xx ** 2 + yy ** 2)
    wb = np.array([nr.uniform(0.94, 1.06), 1.0, nr.uniform(0.92, 1.06)], dtype=np.float32)
    arr = arr * vig[..., None] * float(nr.uniform(0.85, 1.08)) * wb
    arr = _noise(arr, nr, 4.0)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


# --- watermarks ---------------------------------------------------------------

def _shadow_text(dr, xy, text, font, fill, anchor="ls", off=2):
    x, y = xy
    dr.text((x + off, y + off), text, font=font, fill=(0, 0, 0, 140), anchor=anchor)
    dr.text((x, y), text, font=font, fill=fill, anchor=anchor)


def apply_watermark(img: Image.Image, wm: WatermarkSpec) -> Image.Image:
    W, H = img.size
    s = min(W, H) / 1080.0
    over = Image.new("RGBA", img.size, (0, 0, 0, 0))
    dr = ImageDraw.Draw(over)
    if wm.style == "jinri":
        # dark scrim over the bottom third
        h0 = int(H * 0.68)
        for i, y in enumerate(range(h0, H)):
            a = int(110 * (y - h0) / (H - h0))
            dr.line([(0, y), (W, y)], fill=(0, 0, 0, a))
        m = 40 * s
        f_place = pil_font("sans", 34 * s)
        place_base = H - m
        # place line with a yellow pin
        px = m
        dr.ellipse([px, place_base - 30 * s, px + 18 * s, place_base - 12 * s], fill=(255, 196, 0, 255))
        dr.polygon([(px + 2 * s, place_base - 18 * s), (px + 16 * s, place_base - 18 * s),
                    (px + 9 * s, place_base - 2 * s)], fill=(255, 196, 0, 255))
        _shadow_text(dr, (px + 28 * s, place_base - 4 * s), wm.place, f_place, (255, 255, 255, 255))
        f_time = pil_font("sans_bold", 130 * s)
        t_base = place_base - 58 * s
        tstr = wm.time.strftime("%H:%M")
        _shadow_text(dr, (m, t_base), tstr, f_time, (255, 255, 255, 255), off=3)
        tw = dr.textlength(tstr, font=f_time)
        bx = m + tw + 20 * s
        dr.rectangle([bx, t_base - 92 * s, bx + 8 * s, t_base], fill=(255, 196, 0, 255))
        f_date = pil_font("sans_bold", 40 * s)
        f_week = pil_font("sans", 34 * s)
        _shadow_text(dr, (bx + 24 * s, t_base - 52 * s), wm.time.strftime("%Y.%m.%d"), f_date,
                     (255, 255, 255, 255))
        _shadow_text(dr, (bx + 24 * s, t_base - 2 * s),
                     f"{WEEKDAYS_ZH[wm.time.weekday()]}  {wm.weather}", f_week, (255, 255, 255, 255))
        # brand block
        rx = W - 36 * s
        f_b1 = pil_font("sans_bold", 40 * s)
        f_b2 = pil_font("sans", 26 * s)
        f_b3 = pil_font("mono_bold", 24 * s)
        _shadow_text(dr, (rx, H - 36 * s), "防伪 " + wm.code, f_b3, (255, 255, 255, 230), anchor="rs")
        _shadow_text(dr, (rx, H - 72 * s), "相机真实时间", f_b2, (255, 255, 255, 230), anchor="rs")
        _shadow_text(dr, (rx, H - 106 * s), "今日水印", f_b1, (255, 255, 255, 240), anchor="rs")
    elif wm.style == "stamp":
        f = pil_font("mono_bold", 46 * s)
        _shadow_text(dr, (W - 30 * s, H - 30 * s), wm.time.strftime("%Y-%m-%d %H:%M:%S"), f,
                     (255, 140, 0, 255), anchor="rs", off=max(1, int(2 * s)))
    elif wm.style == "marker":
        bw, lh = int(W * 0.56), 46 * s
        rows = [("时  间", wm.time.strftime("%Y-%m-%d %H:%M")), ("地  点", wm.place),
                ("天  气", wm.weather)]
        x0, y1 = 30 * s, H - 30 * s
        y0 = y1 - lh * (len(rows) + 1) - 16 * s
        dr.rectangle([x0, y0, x0 + bw, y1], fill=(0, 0, 0, 95))
        dr.rectangle([x0, y0, x0 + bw, y0 + lh], fill=(32, 110, 225, 235))
        dr.text((x0 + 16 * s, y0 + lh / 2), wm.title, font=pil_font("sans_bold", 30 * s),
                fill=(255, 255, 255, 255), anchor="lm")
        f = pil_font("sans", 28 * s)
        for i, (k, v) in enumerate(rows):
            y = y0 + lh * (i + 1.5) + 8 * s
            dr.text((x0 + 16 * s, y), f"{k}：{v}", font=f, fill=(255, 255, 255, 255), anchor="lm")
        dr.text((x0 + bw - 10 * s, y0 + lh / 2), "马克水印", font=pil_font("sans", 22 * s),
                fill=(255, 255, 255, 200), anchor="rm")
    elif wm.style == "table":
        # top-left table on a translucent dark box, no brand, 24 h time without seconds
        rows = [("拍摄时间", wm.time.strftime("%Y-%m-%d %H:%M")), ("地    点", wm.place),
                ("经 纬 度", "36.7128°N 117.5412°E")]
        f = pil_font("sans", 30 * s)
        lh = 46 * s
        x0, y0 = 24 * s, 24 * s
        bw = max(dr.textlength(f"{k}：{v}", font=f) for k, v in rows) + 36 * s
        dr.rectangle([x0, y0, x0 + bw, y0 + lh * len(rows) + 16 * s], fill=(0, 0, 0, 110))
        for i, (k, v) in enumerate(rows):
            _shadow_text(dr, (x0 + 18 * s, y0 + 8 * s + lh * (i + 0.5)), f"{k}：{v}", f, (255, 255, 255, 255),
                         anchor="lm", off=max(1, int(2 * s)))
    else:
        raise ValueError(wm.style)
    out = Image.alpha_composite(img.convert("RGBA"), over)
    return out.convert("RGB")


# --- EXIF and encoding -----------------------------------------------------------

def exif_bytes(ex: ExifSpec, stored_size) -> bytes:
    e = Image.Exif()
    e[0x010F] = ex.make
    e[0x0110] = ex.model
    e[0x0112] = ex.orientation
    if ex.software:
        e[0x0131] = ex.software
    mt = ex.modify_time or ex.time
    if mt:
        e[0x0132] = mt.strftime("%Y:%m:%d %H:%M:%S")
    sub = {0xA002: stored_size[0], 0xA003: stored_size[1]}
    if ex.time:
        ts = ex.time.strftime("%Y:%m:%d %H:%M:%S")
        sub.update({0x9003: ts, 0x9004: ts, 0x9011: "+08:00"})
    e[0x8769] = sub
    if ex.gps:
        lat, lon = ex.gps

        def dms(v):
            d = int(v)
            m = int((v - d) * 60)
            sec = round(((v - d) * 60 - m) * 60, 2)
            return (float(d), float(m), float(sec))
        e[0x8825] = {1: "N", 2: dms(lat), 3: "E", 4: dms(lon)}
    return e.tobytes()


def encode_photo(display: Image.Image, spec: PhotoSpec) -> bytes:
    """JPEG bytes: optionally rotated storage with EXIF Orientation, fixed encoder settings."""
    stored = display
    if spec.rotate_stored:
        # Orientation 6: viewers rotate the stored pixels 90 deg clockwise to display.
        stored = display.transpose(Image.Transpose.ROTATE_90)
    kw = dict(quality=spec.quality, optimize=False, progressive=False, subsampling=2)
    if spec.exif:
        ex = spec.exif
        if spec.rotate_stored:
            ex.orientation = 6
        kw["exif"] = exif_bytes(ex, stored.size)
    b = io.BytesIO()
    stored.save(b, "JPEG", **kw)
    return b.getvalue()


def render_photo(spec: PhotoSpec) -> tuple[Image.Image, bytes]:
    """(display image with watermark, encoded JPEG)."""
    img = render_scene(spec)
    if spec.watermark:
        img = apply_watermark(img, spec.watermark)
    return img, encode_photo(img, spec)


def antifake_code(r) -> str:
    chars = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(r.choice(chars) for _ in range(12))
