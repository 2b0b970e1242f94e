"""Round red official seal (公章) rendered as an RGBA image.

Geometry follows research/domain.md §2.1: round, ring border ~1 mm, a five-pointed
star of ~0.3 of the diameter in the centre, the unit name around the upper arc,
optionally a 13-digit security code along the lower arc.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .common import np_rng_for, pil_font


@dataclass
class SealSpec:
    org: str
    color: tuple = (224, 22, 30)        # ink colour, bright (255,0,0) to dark (150,0,10)
    state: str = "normal"               # normal | pale | broken
    diameter_mm: float = 42.0
    rotation_deg: float = 0.0           # stamps are rarely perfectly upright
    code: str | None = None             # 防伪码 along the lower arc
    bottom_text: str | None = None      # e.g. "合同专用章"
    seed: int = 0
    extra: dict = field(default_factory=dict)


def _star(cx, cy, r_out, rot=-90.0):
    pts = []
    r_in = r_out * 0.382
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + i * 36)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _arc_text(mask: Image.Image, text: str, cx, cy, radius, font, start_deg, end_deg,
              upright_outward=True):
    """Draw characters along an arc (angles in degrees, 0 = right, clockwise positive)."""
    n = len(text)
    if n == 0:
        return
    for i, ch in enumerate(text):
        t = (i + 0.5) / n
        ang = start_deg + (end_deg - start_deg) * t
        a = math.radians(ang)
        x = cx + radius * math.cos(a)
        y = cy + radius * math.sin(a)
        size = int(font.size * 1.6)
        tile = Image.new("L", (size, size), 0)
        d = ImageDraw.Draw(tile)
        d.text((size / 2, size / 2), ch, font=font, fill=255, anchor="mm")
        # Top of the glyph points away from the centre on the upper arc.
        rot = -(ang + 90) if upright_outward else -(ang - 90)
        tile = tile.rotate(rot, resample=Image.BICUBIC, expand=False)
        mask.paste(255, (int(x - size / 2), int(y - size / 2)), tile)


def render_seal(spec: SealSpec, px_per_mm: float) -> Image.Image:
    """An RGBA image of the seal, square, side = diameter (+ a small margin)."""
    rng = np_rng_for(spec.seed, "seal", spec.org, spec.state)
    d = spec.diameter_mm * px_per_mm
    side = int(math.ceil(d * 1.04)) + 2
    ss = 2  # supersample for smooth edges
    S = side * ss
    mask = Image.new("L", (S, S), 0)
    dr = ImageDraw.Draw(mask)
    c = S / 2
    R = d * ss / 2
    ring = max(2, 1.1 * px_per_mm * ss)
    dr.ellipse([c - R, c - R, c + R, c + R], outline=255, width=int(round(ring)))
    # star
    dr.polygon(_star(c, c, R * 0.30), fill=255)
    # unit name on the upper arc: from about 210 deg to 330 deg through 270 (top)
    n = len(spec.org)
    span = min(250.0, 22.0 * n + 40)
    font = pil_font("serif_bold", R * (0.26 if n <= 10 else 0.22))
    _arc_text(mask, spec.org, c, c, R * 0.72, font, 270 - span / 2, 270 + span / 2)
    if spec.code:
        f2 = pil_font("sans_bold", R * 0.09)
        # lower arc, read left to right: angles from 150 down to 30 (clockwise negative)
        _arc_text(mask, spec.code, c, c, R * 0.86, f2, 125, 55, upright_outward=False)
    if spec.bottom_text:
        f3 = pil_font("serif_bold", R * 0.16)
        dr.text((c, c + R * 0.52), spec.bottom_text, font=f3, fill=255, anchor="mm")
    mask = mask.resize((side, side), Image.LANCZOS)
    if spec.rotation_deg:
        mask = mask.rotate(spec.rotation_deg, resample=Image.BICUBIC)

    a = np.asarray(mask, dtype=np.float32) / 255.0
    # ink texture: uneven pressure, low-frequency + grain
    h = a.shape[0]
    low = rng.random((8, 8)).astype(np.float32)
    low = np.asarray(Image.fromarray((low * 255).astype(np.uint8)).resize((h, h), Image.BICUBIC),
                     dtype=np.float32) / 255.0
    # sparse ink voids; few alpha levels keep the embedded image small (Flate)
    grain = rng.random((h // 3 + 1, h // 3 + 1)) > 0.95
    grain = np.kron(grain, np.ones((3, 3)))[:h, :h]
    tex = 0.8 + 0.2 * low - 0.25 * grain
    alpha = a * np.clip(tex, 0, 1)
    color = np.array(spec.color, dtype=np.float32)
    if spec.state == "pale":
        alpha *= 0.42
        color = color + (255 - color) * 0.35
    elif spec.state == "broken":
        # missing ink: erase blobs along the ring and some of the text
        m = Image.new("L", (h, h), 255)
        md = ImageDraw.Draw(m)
        for _ in range(int(rng.integers(5, 9))):
            ang = rng.uniform(0, 2 * math.pi)
            rr = rng.uniform(0.55, 1.0) * h / 2
            x = h / 2 + rr * math.cos(ang)
            y = h / 2 + rr * math.sin(ang)
            s = rng.uniform(0.10, 0.22) * h
            md.ellipse([x - s, y - s * 0.7, x + s, y + s * 0.7], fill=0)
        m = m.filter(ImageFilter.GaussianBlur(h * 0.01))
        alpha *= np.asarray(m, dtype=np.float32) / 255.0
        alpha *= 0.8
    rgba = np.zeros((h, h, 4), dtype=np.uint8)
    rgba[..., 0:3] = np.clip(color, 0, 255).astype(np.uint8)
    alpha = np.round(np.clip(alpha, 0, 1) * 12) / 12
    rgba[..., 3] = (alpha * 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")


def seal_code(rng) -> str:
    """13-digit security code printed on newer seals."""
    return "".join(str(rng.randrange(10)) for _ in range(13))
