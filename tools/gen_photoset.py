#!/usr/bin/python3
"""Generate a labelled photo set for measuring watermark reading and reuse detection.

    /usr/bin/python3 tools/gen_photoset.py OUT [--count N] [--seed S] [--jobs J]
    /usr/bin/python3 tools/gen_photoset.py OUT --speed N     # N 4000x3000 watermarked JPEGs only

The set (research/domain.md §3.2 styles, drawn by tools/gen/photos.py):
  - watermark styles jinri (bottom-left block + brand), stamp (orange corner
    "YYYY-MM-DD HH:MM:SS"), marker (马克 box), table (top-left 拍摄时间/地点/经纬度);
  - no watermark, half of them with text-like scenery near the bottom (signs with
    slogans, hotline numbers, bus route numbers);
  - widths 1000-4000 px, portrait shots, pixels stored turned with EXIF Orientation 6,
    JPEG quality 60-95, stripped EXIF, edited copies (Photoshop/美图 Software tag),
    EXIF time days away from the watermark;
  - reused copies filed in another folder: resized 50-90 %, recompressed, 5 % crop,
    or the same scene with the watermark stamped again at another time; with
    --cross-restamp that stamp is another app's (another style, in another corner),
    over the clean scene or over the first stamp, half each.
Labels go to OUT/labels.json: one entry per file with the watermark truth
(present, style, time to the minute) and the reuse group ("" when unique).
Deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import multiprocessing as mp
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from PIL import Image, ImageDraw  # noqa: E402

from gen.common import pil_font, rng_for  # noqa: E402
from gen.photos import (PHONES, ExifSpec, PhotoSpec, WatermarkSpec, antifake_code,  # noqa: E402
                        apply_watermark, encode_photo, render_scene)

STYLES = ["jinri"] * 35 + ["stamp"] * 20 + ["marker"] * 15 + ["table"] * 10 + ["none"] * 20
WIDTHS = [1000, 1000, 1280, 1600, 1600, 2000, 2000, 3000, 4000]
PLACES = ["青石县交通运输局", "青石县汽车站", "青石县城乡公交公司", "山东省济南市青石县龙山街道",
          "青石县治超站", "青石县交通运输综合执法大队"]
FOLDERS = ["2.1 信用制度", "3.2 信用承诺", "4.1 信用宣传", "5.2 联合奖惩", "2025年第一季度", "2025年第三季度"]
DISTRACTORS = ["诚信经营 守法出行", "服务热线 12328", "K101路 青石汽车站", "信用交通 你我共建",
               "青石县交通运输局 宣", "限速 60 km/h 前方 300 米"]


def _distract(img: Image.Image, r) -> Image.Image:
    """A sign with text near the bottom: scenery that is text but no watermark."""
    W, H = img.size
    dr = ImageDraw.Draw(img)
    text = r.choice(DISTRACTORS)
    s = min(W, H) / 1080
    f = pil_font("sans_bold", r.uniform(34, 60) * s)
    tw = dr.textlength(text, font=f)
    x0 = r.uniform(0.02, 0.5) * W
    y0 = r.uniform(0.7, 0.88) * H
    pad = 14 * s
    bg = r.choice([(24, 80, 170), (190, 20, 25), (30, 110, 60), (40, 40, 40)])
    dr.rectangle([x0, y0, x0 + tw + 2 * pad, y0 + f.size + 2 * pad], fill=bg)
    dr.text((x0 + pad, y0 + pad), text, font=f, fill=(255, 255, 255))
    return img


def _encode(img: Image.Image, spec: PhotoSpec) -> bytes:
    return encode_photo(img, spec)


def base_job(seed: int, i: int) -> dict:
    r = rng_for(seed, "photoset", i)
    style = r.choice(STYLES)
    portrait = r.random() < 0.25
    w = r.choice(WIDTHS)
    width, height = (w, w * 3 // 4) if not portrait else (w * 3 // 4, w)
    t = dt.datetime(2025, 1, 1, 7, 0) + dt.timedelta(days=r.randrange(0, 360), minutes=r.randrange(0, 12 * 60))
    t = t.replace(second=r.randrange(60))
    make, model, fw = r.choice(PHONES)
    exif_kind = r.choices(["same", "stripped", "edited", "backdated"], [70, 15, 10, 5])[0]
    exif_time = t + dt.timedelta(seconds=r.randrange(-90, 90))
    if exif_kind == "backdated":
        exif_time = t + dt.timedelta(days=r.choice([-9, -3, 4]))
    return dict(i=i, seed=seed, style=style, width=width, height=height, time=t.isoformat(),
                scene=r.choice(["meeting", "training", "publicity", "roadside"]),
                place=r.choice(PLACES), quality=r.randrange(60, 96), rotate=r.random() < 0.15,
                exif_kind=exif_kind, exif_time=exif_time.isoformat(), make=make, model=model,
                software=fw if exif_kind != "edited" else r.choice(["Adobe Photoshop 24.1 (Windows)", "MTXX"]),
                distract=style == "none" and r.random() < 0.6,
                copy=r.random() < 0.25, copy_kind=r.choice(["resize", "crop", "restamp", "recompress"]),
                folder=r.choice(FOLDERS), copy_folder=r.choice(FOLDERS))


def make_base(job: dict, out: str, cross: bool = False) -> list[dict]:
    r = rng_for(job["seed"], "photoset-render", job["i"])
    t = dt.datetime.fromisoformat(job["time"])
    wm = None
    if job["style"] != "none":
        wm = WatermarkSpec(style=job["style"], time=t, place=job["place"],
                           code=antifake_code(r) if job["style"] == "jinri" else "")
    exif = None
    if job["exif_kind"] != "stripped":
        exif = ExifSpec(job["make"], job["model"], dt.datetime.fromisoformat(job["exif_time"]),
                        software=job["software"])
    # Pixels stored turned only with an Orientation tag to turn them back: a photo
    # whose EXIF was stripped (WeChat) has been re-encoded upright.
    rotate = job["rotate"] and exif is not None
    spec = PhotoSpec(scene=job["scene"], width=job["width"], height=job["height"], watermark=wm, exif=exif,
                     quality=job["quality"], seed=job["seed"] * 100003 + job["i"], rotate_stored=rotate)
    scene = render_scene(spec)
    if job["distract"]:
        scene = _distract(scene, r)
    img = apply_watermark(scene, wm) if wm else scene
    name = f"{job['folder']}/IMG_{job['i']:04d}.jpg"
    entries = [dict(file=name, watermark=wm is not None, style=job["style"],
                    time=t.strftime("%Y-%m-%d %H:%M") if wm else "", exif=job["exif_kind"],
                    width=job["width"], height=job["height"], rotated=rotate, quality=job["quality"],
                    group=f"g{job['i']}" if job["copy"] else "", distractor=job["distract"])]
    _write(out, name, _encode(img, spec))
    if job["copy"]:
        kind = job["copy_kind"]
        cimg, ctime = img, t
        cspec = PhotoSpec(scene=spec.scene, width=spec.width, height=spec.height, watermark=wm, exif=None,
                          quality=r.randrange(60, 90), seed=spec.seed)
        if kind == "resize":
            f = r.uniform(0.5, 0.9)
            cimg = img.resize((max(64, int(img.width * f)), max(64, int(img.height * f))), Image.LANCZOS)
        elif kind == "crop":
            dx, dy = int(img.width * 0.05), int(img.height * 0.05)
            ox, oy = r.randrange(0, dx + 1), r.randrange(0, dy + 1)
            cimg = img.crop((ox, oy, img.width - (dx - ox), img.height - (dy - oy)))
        elif kind == "restamp" and cross:
            # Another app's stamp: its own stream of choices, so the default set is unchanged.
            x = rng_for(job["seed"], "cross-restamp", job["i"])
            ctime = t + dt.timedelta(days=x.choice([-40, 30, 91]), minutes=x.randrange(-200, 200))
            style = x.choice([st for st in ("jinri", "stamp", "marker", "table") if wm is None or st != wm.style])
            cwm = WatermarkSpec(style=style, time=ctime, place=x.choice(PLACES),
                                code=antifake_code(x) if style == "jinri" else "")
            cimg = apply_watermark(img if wm is not None and x.random() < 0.5 else scene, cwm)
            wm = cwm
        elif kind == "restamp" and wm is not None:
            ctime = t + dt.timedelta(days=r.choice([-40, 30, 91]), minutes=r.randrange(-200, 200))
            cwm = WatermarkSpec(style=wm.style, time=ctime, place=wm.place, code=antifake_code(r))
            cimg = apply_watermark(scene, cwm)
        cspec.width, cspec.height = cimg.size
        cname = f"{job['copy_folder']}/复用_{job['i']:04d}.jpg"
        entries.append(dict(file=cname, watermark=wm is not None, style=wm.style if wm is not None else "none",
                            time=ctime.strftime("%Y-%m-%d %H:%M") if wm else "", exif="stripped",
                            width=cimg.width, height=cimg.height, rotated=False, quality=cspec.quality,
                            group=f"g{job['i']}", copy_of=name, copy_kind=kind, distractor=job["distract"]))
        _write(out, cname, _encode(cimg, cspec))
    return entries


def speed_job(seed: int, i: int, out: str) -> list[dict]:
    r = rng_for(seed, "speed", i)
    t = dt.datetime(2025, 3, 1, 8, 0) + dt.timedelta(days=r.randrange(0, 200), minutes=r.randrange(0, 600))
    style = r.choice(["jinri", "jinri", "stamp", "marker", "table"])
    wm = WatermarkSpec(style=style, time=t, code=antifake_code(r))
    make, model, _ = r.choice(PHONES)
    spec = PhotoSpec(scene=r.choice(["meeting", "training", "publicity", "roadside"]), width=4000, height=3000,
                     watermark=wm, exif=ExifSpec(make, model, t), quality=r.randrange(80, 95), seed=seed * 7 + i)
    img = apply_watermark(render_scene(spec), wm)
    name = f"IMG_{i:04d}.jpg"
    _write(out, name, _encode(img, spec))
    return [dict(file=name, watermark=True, style=style, time=t.strftime("%Y-%m-%d %H:%M"), exif="same",
                 width=4000, height=3000, rotated=False, quality=spec.quality, group="", distractor=False)]


def _write(out: str, rel: str, data: bytes) -> None:
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (1735689600, 1735689600))


def _run(args):
    kind, seed, i, out, cross = args
    if kind == "speed":
        return speed_job(seed, i, out)
    return make_base(base_job(seed, i), out, cross)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=200, help="base photos (reused copies come on top)")
    ap.add_argument("--speed", type=int, default=0, help="make N 12-megapixel watermarked JPEGs instead")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cross-restamp", action="store_true",
                    help="re-stamped copies carry another app's watermark (style and corner)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    kind, n = ("speed", a.speed) if a.speed else ("set", a.count)
    work = [(kind, a.seed, i, a.out, a.cross_restamp) for i in range(n)]
    with mp.Pool(a.jobs) as pool:
        entries = [e for part in pool.imap(_run, work, chunksize=2) for e in part]
    with open(os.path.join(a.out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": a.seed, "photos": entries}, f, ensure_ascii=False, indent=1)
    present = sum(e["watermark"] for e in entries)
    groups = len({e["group"] for e in entries if e["group"]})
    print(f"{len(entries)} photos ({present} watermarked, {groups} reuse groups) in {a.out}")


if __name__ == "__main__":
    main()
