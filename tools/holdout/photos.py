"""Photo pipeline: scene -> watermark -> storage (orientation, EXIF, editors, WeChat, reuse)."""
from __future__ import annotations

import datetime as dt
import io
import os

from PIL import Image, ImageOps

from . import scenes, util, wm

DEVICES = [("Xiaomi", "23127PN0CC"), ("Xiaomi", "2211133C"), ("HUAWEI", "ALN-AL00"), ("HUAWEI", "NOH-AN00"),
           ("vivo", "V2309A"), ("OPPO", "PHZ110"), ("Apple", "iPhone 13"), ("Apple", "iPhone 15 Pro"),
           ("HONOR", "BVL-AN00"), ("Redmi", "23113RKC6C")]
NOTES = ["信用交通县创建工作推进", "季度领导小组会议", "信用知识宣传", "诚信春运宣传活动", "信用修复政策宣讲",
         "企业信用培训", "双公示工作调度", "市局现场对接指导", "信易行场景推广", "路政巡查", "安全生产检查"]
PROJECTS = ["G205国道大修工程", "县道X021改建工程", "农村公路提升工程", "城区公交站亭改造", "物流园区道路工程"]
EDITORS = [  # (tag, value, software truth)
    ("Software", "Adobe Photoshop 25.0 (Windows)", "Adobe Photoshop 25.0 (Windows)"),
    ("Software", "Adobe Photoshop CC 2019 (Macintosh)", "Adobe Photoshop CC 2019 (Macintosh)"),
    ("Software", "MTXX", "MTXX"),
    ("Software", "Meitu", "Meitu"),
    ("Software", "醒图", "醒图"),
    ("Software", "Snapseed 2.0", "Snapseed 2.0"),
    ("Artist", "MTXX", "MTXX"),            # 美图秀秀 marked only in Artist
    ("UserComment", "Meitu MTXX", "Meitu MTXX"),  # … or only in UserComment
    ("ImageDescription", "美图秀秀", "美图秀秀"),
    ("XPComment", "醒图 Hypic", "醒图 Hypic"),
]


def make_ctx(rng, split, world):
    """Per-photo context: fonts, colours, sizes, place and people."""
    hei = util.cjk_fonts(split, "hei")
    heib = util.cjk_fonts(split, "hei_bold") + ([] if split == "tune" else util.cjk_fonts(split, "display"))
    fonts = {"hei": rng.choice(hei), "hei_bold": rng.choice(heib or hei)}
    if split == "holdout" and rng.random() < 0.3:
        fonts["hei"] = rng.choice(util.cjk_fonts(split))
    if split == "tune":
        yellow = (rng.randint(245, 255), rng.randint(195, 215), rng.randint(0, 40))
        scale = (0.85, 1.2)
        accent = rng.choice([(255, 200, 0), (40, 140, 255), (255, 120, 0)])
    else:
        yellow = (rng.randint(225, 255), rng.randint(165, 235), rng.randint(0, 90))
        scale = (0.6, 1.5)
        accent = (rng.randint(0, 255), rng.randint(60, 220), rng.randint(0, 255))
    lat = world["gps"][0] + rng.uniform(-0.05, 0.05)
    lon = world["gps"][1] + rng.uniform(-0.05, 0.05)
    return {
        "split": split,
        "font": lambda role: fonts.get(role, fonts["hei"]),
        "scale_range": scale,
        "yellow": yellow,
        "accent": accent,
        "place": wm.place_text(rng, world["province"], world["city"], world["county"]),
        "person": util.person(rng),
        "notes": NOTES,
        "projects": PROJECTS,
        "gps": (lat, lon),
        "gps_text": f"{lat:.4f}°N {lon:.4f}°E",
        "unit_short": rng.choice(["法制科", "执法大队", "运输中心", "公路中心", "办公室"]),
    }


def pick_size(rng, split):
    long_side = rng.choice([1000, 1280, 1440, 1600, 1920, 2048, 2560, 3000, 3264, 4000, 4032])
    ar = rng.choice([4 / 3, 4 / 3, 16 / 9, 3 / 2, 1.0 if split == "holdout" else 4 / 3])
    short = int(long_side / ar)
    portrait = rng.random() < 0.35
    return (short, long_side) if portrait else (long_side, short)


def render_clean(spec, seed, split, world, pools):
    rng = util.rng_for(seed, "scene", spec["key"])
    w, h = spec.get("size") or pick_size(rng, split)
    kind = spec.get("scene")
    if kind is None and spec.get("style") == "corner_outline":
        kind = "bright"
    pool = pools.get("real") or []
    img, kind = scenes.make_scene(w, h, rng, split, kind=kind, real_pool=pool)
    return img, kind


def stamp(img, spec, seed, split, world, style, t, key="wm"):
    rng = util.rng_for(seed, key, spec["key"])
    ctx = make_ctx(rng, split, world)
    img2, info = wm.apply(style, img, t, rng, ctx)
    return img2, info


def _store(img, path, spec, rng, truth, t_exif, device):
    """Write the JPEG with the storage variant of spec; update truth (exif_time, software, edited)."""
    orient = spec.get("orientation", 1)
    stored = img
    if orient == 6:
        stored = img.rotate(90, expand=True)
    elif orient == 8:
        stored = img.rotate(270, expand=True)
    elif orient == 3:
        stored = img.rotate(180)
    q = spec.get("quality", 85)
    exif = None
    truth["exif_time"] = None
    if spec.get("wechat"):
        long_side = rng.choice([1080, 1280])
        sc = long_side / max(stored.size)
        if sc < 1:
            stored = stored.resize((int(stored.width * sc), int(stored.height * sc)), Image.BICUBIC)
        q = rng.randint(70, 80)
        orient = 1  # WeChat bakes the rotation
        if spec.get("orientation", 1) != 1:
            stored = img.resize((int(img.width * sc), int(img.height * sc)), Image.BICUBIC) if sc < 1 else img
    elif spec.get("exif", True):
        kw = {}
        ed = spec.get("editor")
        if ed:
            tag, val, sw = ed
            key = {"Software": "software", "Artist": "artist", "UserComment": "user_comment",
                   "ImageDescription": "description", "XPComment": "xp_comment"}[tag]
            kw[key] = val
            truth["software"] = sw
            truth["edited"] = True
        make, model = device
        exif = util.exif_bytes(make=make, model=model, t=t_exif, orientation=orient if orient != 1 else None,
                               gps=spec.get("gps"), size=stored.size, **kw)
        if t_exif is not None:
            truth["exif_time"] = util.iso_min(t_exif)
    util.save_jpeg(stored, path, quality=q, exif=exif)
    if spec.get("corrupt"):
        data = open(path, "rb").read()
        cut = int(len(data) * rng.uniform(0.35, 0.6))
        open(path, "wb").write(data[:cut])
        truth["corrupt"] = True


def render_photo(spec, path, seed, split, world, pools):
    """Render one photo spec to path; return the truth fields for it."""
    rng = util.rng_for(seed, "store", spec["key"])
    truth = {"kind": "photo"}
    dup = spec.get("dup")
    if dup:  # a reused copy of another photo spec
        orig = dup["orig"]
        img, _ = render_clean(orig, seed, split, world, pools)
        mode = dup["mode"]
        if mode == "restamp":
            # the scene of the original, cropped a little, stamped by another app with another time
            w, h = img.size
            c = rng.uniform(0.02, 0.08)
            img = img.crop((int(w * c), int(h * c), int(w * (1 - c / 2)), int(h * (1 - c / 2))))
            img, info = stamp(img, spec, seed, split, world, spec["style"], spec["time"], key="restamp")
        else:
            if orig.get("style"):
                img, info = stamp(img, orig, seed, split, world, orig["style"], orig["time"])
            else:
                info = None
            w, h = img.size
            if mode == "crop":
                c = rng.uniform(0.03, 0.1)
                img = img.crop((int(w * c), int(h * c), w, h))
            elif mode == "resize":
                sc = rng.uniform(0.4, 0.7)
                img = img.resize((int(w * sc), int(h * sc)), Image.BICUBIC)
            elif mode == "recompress":
                img = Image.open(io.BytesIO(util.jpeg_bytes(img, rng.randint(40, 60)))).convert("RGB")
    else:
        img, kind = render_clean(spec, seed, split, world, pools)
        truth["scene"] = kind
        info = None
        if spec.get("style"):
            img, info = stamp(img, spec, seed, split, world, spec["style"], spec["time"])
    if info:
        truth["watermark"] = True
        truth["wm_style"] = info["wm_style"]
        truth["watermark_time"] = util.iso_min(info["shown"]) if info["shown"] else None
        if info["date_only"]:
            truth["date_only"] = True
        if info.get("position"):
            truth["wm_position"] = info["position"]
        if info.get("dark_on_light"):
            truth["wm_dark_on_light"] = True
    else:
        truth["watermark"] = False
    base_t = spec["time"]
    t_exif = base_t
    off = spec.get("exif_offset")
    if off:
        t_exif = base_t + off
    if spec.get("exif_time_override") is not None:
        t_exif = spec["exif_time_override"]
    device = DEVICES[util.rng_for(seed, "dev", spec.get("device_key", spec["key"])).randrange(len(DEVICES))]
    _store(img, path, spec, rng, truth, t_exif, device)
    if spec.get("orientation", 1) != 1 and not spec.get("wechat"):
        truth["orientation"] = spec["orientation"]
    if spec.get("wechat"):
        truth["wechat"] = True
    return truth
