"""Round official seals (公章): red ring, five-pointed star, organ name around the upper arc,
optional bottom text; ink effects (pale, uneven, broken ring, rotation)."""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import util


def seal_params(rng, split, name):
    hold = split == "holdout"
    return {
        "name": name,
        "color": rng.choice([(205, 25, 35), (220, 40, 45), (190, 20, 40), (230, 60, 50)]) if not hold else
        (rng.randint(170, 240), rng.randint(10, 80), rng.randint(20, 70)),
        "ring": rng.uniform(0.028, 0.045),
        "inner": rng.random() < 0.3,
        "star": rng.uniform(0.28, 0.36),
        "alpha": rng.uniform(0.55, 0.95),
        "uneven": rng.uniform(0.1, 0.55),
        "rot": rng.uniform(-18, 18),
        "font": util.pick_cjk(rng, split, rng.choice(["song", "hei", "kai"])),
        "bottom": rng.choice(["", "", "", "公章", "业务专用章"]) if "公司" in name or "驾校" in name else "",
        "arc": rng.uniform(230, 280),
        "seed": rng.getrandbits(32),
    }


def _star(d, cx, cy, r, fill):
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=fill)


def render(p, px: int) -> Image.Image:
    """RGBA seal image of px x px."""
    S = px * 2  # supersample
    mask = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(mask)
    c = S / 2
    rw = S * p["ring"]
    d.ellipse((rw / 2, rw / 2, S - rw / 2, S - rw / 2), outline=255, width=max(2, int(rw)))
    if p["inner"]:
        o = rw * 2.2
        d.ellipse((o, o, S - o, S - o), outline=255, width=max(1, int(rw * 0.3)))
    _star(d, c, c, S * p["star"] / 2, 255)
    # organ name along the upper arc, characters upright towards the centre
    name = p["name"]
    n = len(name)
    span = math.radians(p["arc"])
    fsz = min(S * 0.13, (S * 0.36 * span) / max(1, n) * 0.95)
    f = util.font(p["font"], fsz)
    rad = S / 2 - rw * 1.6 - fsz * 0.62
    for i, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
        g = Image.new("L", (int(fsz * 1.6), int(fsz * 1.6)), 0)
        ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f, fill=255, anchor="mm")
        g = g.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x = c + rad * math.cos(a) - g.width / 2
        y = c + rad * math.sin(a) - g.height / 2
        mask.paste(255, (int(x), int(y)), g)
    if p["bottom"]:
        fb = util.font(p["font"], S * 0.085)
        d.text((c, c + S * 0.27), p["bottom"], font=fb, fill=255, anchor="mm")
    mask = mask.rotate(p["rot"], resample=Image.BICUBIC)
    mask = mask.resize((px, px), Image.LANCZOS)
    # uneven ink: low-frequency noise times alpha, a few breaks
    nrng = np.random.default_rng(p["seed"])
    low = nrng.random((8, 8))
    low = np.array(Image.fromarray((low * 255).astype(np.uint8)).resize((px, px), Image.BICUBIC), np.float32) / 255
    hi = nrng.random((px, px)).astype(np.float32)
    m = np.asarray(mask, np.float32) / 255
    ink = p["alpha"] * (1 - p["uneven"] * low) * (0.85 + 0.15 * hi)
    ink[hi < 0.03 * p["uneven"]] *= 0.3
    a = np.clip(m * ink, 0, 1)
    out = np.zeros((px, px, 4), np.uint8)
    out[..., 0], out[..., 1], out[..., 2] = p["color"]
    out[..., 3] = (a * 255).astype(np.uint8)
    return Image.fromarray(out, "RGBA").filter(ImageFilter.GaussianBlur(0.4))


def multiply_onto(page: Image.Image, seal_rgba: Image.Image, xy):
    """Stamp ink: multiply blend (text under the seal stays visible, darkened)."""
    x, y = int(xy[0]), int(xy[1])
    w, h = seal_rgba.size
    box = (max(0, x), max(0, y), min(page.width, x + w), min(page.height, y + h))
    if box[2] <= box[0] or box[3] <= box[1]:
        return
    region = np.asarray(page.crop(box).convert("RGB"), np.float32)
    s = np.asarray(seal_rgba.crop((box[0] - x, box[1] - y, box[2] - x, box[3] - y)), np.float32)
    a = s[..., 3:4] / 255
    col = s[..., :3] / 255
    blended = region * (1 - a) + region * col * a
    page.paste(Image.fromarray(np.clip(blended, 0, 255).astype(np.uint8)), box[:2])
