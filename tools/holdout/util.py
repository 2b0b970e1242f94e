"""Shared helpers: deterministic randomness, fonts, dates, identifiers, EXIF, JPEG output."""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import os
import random
import warnings

from PIL import Image, ImageFont

warnings.filterwarnings("ignore", category=UserWarning, module="PIL")

# ---------------------------------------------------------------- randomness

def rng_for(seed, *keys) -> random.Random:
    h = hashlib.sha256(repr((seed,) + tuple(keys)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def wpick(rng: random.Random, items):
    """Pick from [(weight, value), ...]."""
    tot = sum(w for w, _ in items)
    x = rng.uniform(0, tot)
    for w, v in items:
        x -= w
        if x <= 0:
            return v
    return items[-1][1]

# ---------------------------------------------------------------- fonts
# Roles: hei (sans), song (serif/Ming), kai, fang (仿宋 substitutes), round/display.
# "tune" sets use a subset; holdout sets use every installed CJK font.
_FONT_TABLE = [
    # path, index, role, tune?
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "hei", True),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, "hei_bold", True),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc", 2, "hei", False),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "hei", True),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "hei", False),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0, "hei", False),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, "song", True),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2, "song_bold", True),
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0, "song", True),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "song", False),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "kai", True),
    ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0, "kai", False),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0, "kai", False),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf", 0, "kai", False),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKaiMono-Regular.ttf", 0, "fang", True),
    ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf", 0, "fang", False),
    ("/usr/share/fonts/truetype/smiley-sans/SmileySans-Oblique.ttf", 0, "display", False),
]
LATIN = {
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "sans_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "cond_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "mono_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "seg7": "/usr/share/fonts/truetype/dseg/DSEG7Classic-Bold.ttf",
    "seg7i": "/usr/share/fonts/truetype/dseg/DSEG7Classic-BoldItalic.ttf",
    "seg7m": "/usr/share/fonts/truetype/dseg/DSEG7Modern-Regular.ttf",
}

_COVER_TEST = "今日水印相机真实时间防伪星期二地点天气经纬度工程记录打卡县交通运输局关于信用0123456789:-.ABCXYZabcxyz·℃°〔〕（）"
_cover_cache: dict = {}


def _covers(path, idx) -> bool:
    k = (path, idx)
    if k not in _cover_cache:
        ok = False
        try:
            from fontTools.ttLib import TTFont, TTCollection
            if path.endswith(".ttc"):
                f = TTCollection(path).fonts[idx]
            else:
                f = TTFont(path, lazy=True)
            cmap = f.getBestCmap() or {}
            ok = all(ord(c) in cmap for c in _COVER_TEST)
        except Exception:
            ok = os.path.exists(path)
        _cover_cache[k] = ok
    return _cover_cache[k]


def cjk_fonts(split: str, role: str | None = None):
    """[(path, index)] of CJK fonts usable for the split (and role prefix)."""
    out = []
    for path, idx, r, tune in _FONT_TABLE:
        if not os.path.exists(path):
            continue
        if split == "tune" and not tune:
            continue
        if role and not r.startswith(role):
            continue
        if _covers(path, idx):
            out.append((path, idx))
    if not out and role:
        return cjk_fonts(split, None)
    return out


_font_cache: dict = {}


def font(spec, size) -> ImageFont.FreeTypeFont:
    if isinstance(spec, str):
        spec = (LATIN.get(spec, spec), 0)
    size = max(6, int(round(size)))
    k = (spec, size)
    f = _font_cache.get(k)
    if f is None:
        if len(_font_cache) > 600:
            _font_cache.clear()
        f = ImageFont.truetype(spec[0], size, index=spec[1])
        _font_cache[k] = f
    return f


def pick_cjk(rng, split, role=None):
    return rng.choice(cjk_fonts(split, role))

# ---------------------------------------------------------------- dates
WEEK = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
WEEK_SHORT = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]

HOLI = set()
for a, b in [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
             ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")]:
    d = dt.date.fromisoformat(a)
    while d <= dt.date.fromisoformat(b):
        HOLI.add(d)
        d += dt.timedelta(days=1)
MAKEUP = {dt.date.fromisoformat(s) for s in ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]}


def workday(d: dt.date) -> bool:
    if d in MAKEUP:
        return True
    return d not in HOLI and d.weekday() < 5


def rand_workday(rng, start: dt.date, end: dt.date) -> dt.date:
    for _ in range(200):
        d = start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))
        if workday(d):
            return d
    return start


def quarter_range(q):
    m0 = 3 * (q - 1) + 1
    a = dt.date(2025, m0, 1)
    b = dt.date(2025, m0 + 3, 1) - dt.timedelta(days=1) if q < 4 else dt.date(2025, 12, 31)
    return a, b


def rand_time(rng, d: dt.date, morning=None) -> dt.datetime:
    if morning is None:
        morning = rng.random() < 0.55
    h = rng.randint(8, 11) if morning else rng.randint(14, 17)
    return dt.datetime(d.year, d.month, d.day, h, rng.randint(0, 59), rng.randint(0, 59))


CN_DIG = "〇一二三四五六七八九"


def cn_num(n):
    if n < 10:
        return CN_DIG[n]
    if n < 20:
        return "十" + (CN_DIG[n % 10] if n % 10 else "")
    return CN_DIG[n // 10] + "十" + (CN_DIG[n % 10] if n % 10 else "")


def date_cn_numerals(d: dt.date, zero="〇") -> str:
    y = "".join(CN_DIG[int(c)] for c in str(d.year)).replace("〇", zero)
    return f"{y}年{cn_num(d.month)}月{cn_num(d.day)}日"


def fmt_date(d, style):
    """Date in one of the forms seen on watermarks and pages."""
    return {
        "iso": f"{d.year}-{d.month:02d}-{d.day:02d}",
        "dot": f"{d.year}.{d.month:02d}.{d.day:02d}",
        "dot_np": f"{d.year}.{d.month}.{d.day}",
        "slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
        "slash_np": f"{d.year}/{d.month}/{d.day}",
        "cn": f"{d.year}年{d.month}月{d.day}日",
        "cn_pad": f"{d.year}年{d.month:02d}月{d.day:02d}日",
    }[style]


def fmt_time(t, seconds=False):
    return f"{t.hour:02d}:{t.minute:02d}" + (f":{t.second:02d}" if seconds else "")


def iso_min(t) -> str:
    return t.strftime("%Y-%m-%d %H:%M")

# ---------------------------------------------------------------- identifiers
_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
REGIONS = ["370181", "370112", "370613", "371302", "370881", "371425", "370323", "370781", "371521", "370283"]


def id_number(rng) -> str:
    region = rng.choice(REGIONS)
    birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 40))
    body = region + birth.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    s = sum(int(c) * w for c, w in zip(body, _W)) % 11
    return body + "10X98765432"[s]


MOBILE_PREFIX = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
                 "153", "155", "156", "157", "158", "159", "166", "177", "178", "180", "181", "182", "183",
                 "185", "186", "187", "188", "189", "191", "198", "199", "147", "175", "176"]


def mobile(rng) -> str:
    return rng.choice(MOBILE_PREFIX) + "".join(str(rng.randint(0, 9)) for _ in range(8))


def mask_mobile(m):
    return m[:3] + "****" + m[7:]


def mask_id(i, style=0):
    return i[:6] + "********" + i[14:] if style == 0 else i[:3] + "*" * 11 + i[14:]


CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(rng) -> str:
    body = "91" + rng.choice(REGIONS) + "".join(rng.choice(CC_CHARS[:10] + "MA") for _ in range(9))
    s = sum(CC_CHARS.index(c) * w for c, w in zip(body, CC_W))
    c = (31 - s % 31) % 31
    return body + CC_CHARS[c]

# ---------------------------------------------------------------- names
SURN = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰飞鹏辉宇浩凯健俊帆帅旭宁亮成林峰斌海波新春燕晶慧雪琳丹倩婷颖莉博文瑞鑫晓东立庆永生"


def person(rng):
    n = rng.choice(SURN) + rng.choice(GIVEN)
    if rng.random() < 0.6:
        n += rng.choice(GIVEN)
    return n


COMPANY_HEAD = ["顺达", "通达", "鑫源", "恒通", "宏远", "安泰", "利民", "畅行", "泰和", "众诚", "永兴", "华运", "金桥", "路路通",
                "广源", "正阳", "盛世", "隆昌", "德信", "万通", "诚信", "康庄", "远航", "齐鲁"]
COMPANY_TAIL = ["运输有限公司", "物流有限公司", "汽车维修有限公司", "机动车驾驶员培训有限公司", "客运有限公司",
                "公路工程有限公司", "货运有限公司", "出租汽车有限公司", "公交有限公司", "驾校"]


def company(rng, county):
    return county.replace("县", "") + rng.choice(COMPANY_HEAD) + rng.choice(COMPANY_TAIL)

# ---------------------------------------------------------------- EXIF and JPEG output

def exif_bytes(*, make=None, model=None, t=None, software=None, artist=None, user_comment=None,
               description=None, xp_comment=None, orientation=None, gps=None, size=None):
    import piexif
    z, e, g = {}, {}, {}
    if make:
        z[piexif.ImageIFD.Make] = make.encode()
    if model:
        z[piexif.ImageIFD.Model] = model.encode()
    if t is not None:
        s = t.strftime("%Y:%m:%d %H:%M:%S").encode()
        z[piexif.ImageIFD.DateTime] = s
        e[piexif.ExifIFD.DateTimeOriginal] = s
        e[piexif.ExifIFD.DateTimeDigitized] = s
    if software:
        z[piexif.ImageIFD.Software] = software.encode("utf-8")
    if artist:
        z[piexif.ImageIFD.Artist] = artist.encode("utf-8")
    if description:
        z[piexif.ImageIFD.ImageDescription] = description.encode("utf-8")
    if xp_comment:
        z[piexif.ImageIFD.XPComment] = tuple((xp_comment + "\0").encode("utf-16-le"))
    if orientation:
        z[piexif.ImageIFD.Orientation] = orientation
    if user_comment:
        e[piexif.ExifIFD.UserComment] = b"UNICODE\0" + user_comment.encode("utf-16-be") \
            if any(ord(c) > 127 for c in user_comment) else b"ASCII\0\0\0" + user_comment.encode()
    if size:
        e[piexif.ExifIFD.PixelXDimension] = size[0]
        e[piexif.ExifIFD.PixelYDimension] = size[1]
    if gps:
        lat, lon = gps

        def dms(v):
            v = abs(v)
            d = int(v)
            m = int((v - d) * 60)
            s = round(((v - d) * 60 - m) * 60 * 100)
            return ((d, 1), (m, 1), (s, 100))
        g[piexif.GPSIFD.GPSLatitudeRef] = b"N"
        g[piexif.GPSIFD.GPSLatitude] = dms(lat)
        g[piexif.GPSIFD.GPSLongitudeRef] = b"E"
        g[piexif.GPSIFD.GPSLongitude] = dms(lon)
    return piexif.dump({"0th": z, "Exif": e, "GPS": g, "1st": {}, "thumbnail": None})


def save_jpeg(img: Image.Image, path, quality=85, exif=None, subsampling=None):
    kw = {"quality": int(quality), "optimize": False}
    if subsampling is not None:
        kw["subsampling"] = subsampling
    if exif:
        kw["exif"] = exif
    img.convert("RGB").save(path, "JPEG", **kw)


def jpeg_bytes(img, quality=85):
    b = io.BytesIO()
    img.convert("RGB").save(b, "JPEG", quality=quality)
    return b.getvalue()


def set_mtime(path, t: dt.datetime | None = None):
    ts = (t or dt.datetime(2025, 12, 20, 10, 0, 0)).timestamp()
    os.utime(path, (ts, ts))

# ---------------------------------------------------------------- real background photos
_REAL = None


def real_photos():
    """Paths of decodable real photos in the shared corpus, large enough to use as scenes."""
    global _REAL
    if _REAL is None:
        out = []
        for p in sorted(glob.glob("/work/shared/corpus/exif/*.jp*g")):
            if "landscape_" in p:  # EXIF-orientation test cards with big digits drawn in
                continue
            try:
                with Image.open(p) as im:
                    im.load()
                    if min(im.size) >= 400:
                        out.append(p)
            except Exception:
                pass
        _REAL = out
    return _REAL


def heic_cache(workdir):
    """Decode the corpus HEIC photos with heif-convert (libheif-examples) into workdir; skip if absent."""
    import shutil
    import subprocess
    out = []
    exe = shutil.which("heif-convert")
    if not exe:
        return out
    os.makedirs(workdir, exist_ok=True)
    for p in sorted(glob.glob("/work/shared/corpus/heic/*")):
        if "fuzz" in p:
            continue
        dst = os.path.join(workdir, os.path.basename(p) + ".jpg")
        if not os.path.exists(dst):
            try:
                subprocess.run([exe, "-q", "90", p, dst], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               timeout=60)
            except Exception:
                continue
        for cand in [dst] + sorted(glob.glob(dst[:-4] + "*.jpg")):
            try:
                with Image.open(cand) as im:
                    im.load()
                    if min(im.size) >= 400:
                        out.append(cand)
                        break
            except Exception:
                pass
    return out
