"""Shared helpers for the sample generator: fonts, seeds, dates, file output.

Everything here is deterministic: randomness comes only from seeds derived
from (global seed, a stable key), never from the clock or the process.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
from dataclasses import dataclass

import numpy as np

# Fixed mtime for every generated file and folder (2025-12-20 10:00:00 +08:00).
FIXED_MTIME = int(dt.datetime(2025, 12, 20, 10, 0, 0,
                              tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())

PILOT_YEAR = 2025

# --- fonts -----------------------------------------------------------------
# reportlab can embed only TrueType outlines, so the text-PDF fonts are all .ttf/.ttc
# with glyf tables. PIL (FreeType) can use the same files plus Noto CJK (CFF).
_FONT_CANDIDATES = {
    # 宋体-like (body text; GB/T 9704 wants 仿宋, none is packaged, 宋 is the closest)
    "song": [("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
             ("/usr/share/fonts/truetype/arphic/uming.ttc", 0)],
    "ming": [("/usr/share/fonts/truetype/arphic/uming.ttc", 0)],
    # 楷体 (second-level headings, signatures)
    "kai": [("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
            ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0)],
    "gkai": [("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0)],
    # 黑体 (first-level headings, UI text); also the universal fallback
    "hei": [("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)],
}
# PIL-only fonts (CFF outlines are fine for FreeType).
_PIL_ONLY = {
    "sans": [("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2)],
    "sans_bold": [("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2)],
    "serif_bold": [("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2)],
    "mono_bold": [("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 7)],
}
FALLBACK_FONT = "hei"


def _first_existing(cands):
    for path, idx in cands:
        if os.path.exists(path):
            return path, idx
    return None


def font_file(key: str) -> tuple[str, int]:
    """(path, ttc index) of a font key; falls back to WenQuanYi Zen Hei."""
    table = dict(_FONT_CANDIDATES)
    table.update(_PIL_ONLY)
    found = _first_existing(table.get(key, []))
    if found is None:
        found = _first_existing(table[FALLBACK_FONT])
    if found is None:
        raise SystemExit("gen_samples: no CJK font found; run tools/deps.sh")
    return found


def pdf_font_keys() -> list[str]:
    """Font keys usable in text PDFs (TrueType outlines)."""
    return list(_FONT_CANDIDATES)


_PIL_CACHE: dict = {}


def pil_font(key: str, size_px: float):
    """A cached PIL FreeType font for a key and pixel size."""
    from PIL import ImageFont
    size = max(4, int(round(size_px)))
    k = (key, size)
    f = _PIL_CACHE.get(k)
    if f is None:
        path, idx = font_file(key)
        f = ImageFont.truetype(path, size, index=idx)
        _PIL_CACHE[k] = f
    return f


_CMAP_CACHE: dict = {}


def font_cmap(key: str) -> set:
    """Set of code points the font key covers (read through reportlab's TTF parser)."""
    s = _CMAP_CACHE.get(key)
    if s is None:
        path, idx = font_file(key)
        if path.endswith((".ttf", ".ttc")) and "opentype" not in path:
            from reportlab.pdfbase.ttfonts import TTFontFile
            s = set(TTFontFile(path, subfontIndex=idx).charToGlyph.keys())
        else:
            s = None  # CFF font: assume full coverage (Noto CJK)
        _CMAP_CACHE[key] = s
    return s


def split_runs(text: str, key: str) -> list[tuple[str, str]]:
    """Split text into (font_key, run) pieces, using the fallback font for missing glyphs."""
    cmap = font_cmap(key)
    if cmap is None:
        return [(key, text)] if text else []
    runs: list[tuple[str, str]] = []
    for ch in text:
        k = key if (ord(ch) in cmap or ch == " ") else FALLBACK_FONT
        if runs and runs[-1][0] == k:
            runs[-1] = (k, runs[-1][1] + ch)
        else:
            runs.append((k, ch))
    return runs


# --- seeds -----------------------------------------------------------------

def sub_seed(seed: int, *keys) -> int:
    """A 63-bit seed derived from the global seed and stable keys (paths, indexes)."""
    h = hashlib.sha256(repr((seed,) + tuple(keys)).encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big") & ((1 << 63) - 1)


def rng_for(seed: int, *keys) -> random.Random:
    return random.Random(sub_seed(seed, *keys))


def np_rng_for(seed: int, *keys) -> np.random.Generator:
    return np.random.default_rng(sub_seed(seed, *keys))


# --- dates -----------------------------------------------------------------
WEEKDAYS_ZH = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

# 国办发明电〔2024〕12号 (research/domain.md §5)
HOLIDAYS_2025 = set()
for a, b in [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"),
             ("2025-04-04", "2025-04-06"), ("2025-05-01", "2025-05-05"),
             ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")]:
    d = dt.date.fromisoformat(a)
    while d <= dt.date.fromisoformat(b):
        HOLIDAYS_2025.add(d)
        d += dt.timedelta(days=1)
MAKEUP_WORKDAYS_2025 = {dt.date.fromisoformat(s) for s in
                        ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]}


def is_workday(d: dt.date) -> bool:
    if d in MAKEUP_WORKDAYS_2025:
        return True
    if d in HOLIDAYS_2025:
        return False
    return d.weekday() < 5


def add_workdays(d: dt.date, n: int) -> dt.date:
    """The n-th working day after d (d itself not counted)."""
    cur = d
    while n > 0:
        cur += dt.timedelta(days=1)
        if is_workday(cur):
            n -= 1
    return cur


def workdays_between(a: dt.date, b: dt.date) -> int:
    """Working days after a up to and including b (0 when b <= a)."""
    n, cur = 0, a
    while cur < b:
        cur += dt.timedelta(days=1)
        if is_workday(cur):
            n += 1
    return n


def date_zh(d: dt.date) -> str:
    """成文日期 in GB/T 9704 form: 2025年3月5日 (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"


def date_zh_padded(d: dt.date) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


_CN_DIGITS = "〇一二三四五六七八九"


def date_zh_numerals(d: dt.date) -> str:
    """1999-style date: 二〇二五年三月五日."""
    def num(n):
        if n < 10:
            return _CN_DIGITS[n]
        if n < 20:
            return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    y = "".join(_CN_DIGITS[int(c)] for c in str(d.year))
    return f"{y}年{num(d.month)}月{num(d.day)}日"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


QUARTER_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


# --- output ----------------------------------------------------------------

def write_bytes(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def fix_tree_mtimes(root: str) -> None:
    """Set every file and folder under root (and root) to FIXED_MTIME, without following links."""
    for dirpath, dirnames, filenames in os.walk(root, topdown=False, followlinks=False):
        for name in filenames + dirnames:
            p = os.path.join(dirpath, name)
            try:
                os.utime(p, (FIXED_MTIME, FIXED_MTIME), follow_symlinks=False)
            except (NotImplementedError, OSError):
                pass
    os.utime(root, (FIXED_MTIME, FIXED_MTIME))


# --- identifiers -------------------------------------------------------------
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_card_number(rng: random.Random, region: str = "370923") -> str:
    """A checksum-valid 18-digit resident ID (GB 11643) for privacy-leak fixtures."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 40))
    body = f"{region}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    s = sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS))
    return body + "10X98765432"[s % 11]


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(rng: random.Random, region: str = "370923") -> str:
    """A checksum-valid 统一社会信用代码 (GB 32100)."""
    body = "91" + region + "".join(rng.choice(_USCC_CHARS) for _ in range(9))
    s = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_W))
    c = (31 - s % 31) % 31
    return body + _USCC_CHARS[c]


def mobile_number(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(str(rng.randrange(10)) for _ in range(9))


@dataclass(frozen=True)
class Org:
    """An issuing organ: full name and its 机关代字."""
    name: str
    prefix: str


BUREAU = Org("青石县交通运输局", "青交字")
BUREAU_FA = Org("青石县交通运输局", "青交发")
CITY = Org("临山市交通运输局", "临交字")
DRC = Org("青石县发展和改革局", "青发改字")
APPROVAL = Org("青石县行政审批服务局", "青审批字")
PROVINCE_NUMBER = "鲁交法〔2020〕5号"
PROVINCE_DOC = "《山东省交通运输厅关于印发〈山东省信用交通县（市、区）创建实施方案〉的通知》"

PEOPLE = {
    "director": "王建国", "deputy1": "赵立新", "deputy2": "孙志刚",
    "legal_chief": "李明", "staff1": "张晓燕", "staff2": "刘洋",
}
MEMBERS = [("陈静", "局办公室主任"), ("周涛", "局法制科科长"), ("吴海峰", "局安全监督科科长"),
           ("郑丽", "局规划建设科科长"), ("马强", "县道路运输事业发展中心主任"),
           ("黄磊", "县公路事业发展中心主任"), ("高洪波", "县交通运输综合行政执法大队大队长")]
