#!/usr/bin/env python3
"""Cuts of seven-segment date stamps, ink dark on white, as the watermark's close
reading prepares them: fonts-dseg (Debian) in upright, italic, bold and light cuts,
blurred and thresholded like a stamp's glow. Writes PNGs and truth.json here.
Run: /usr/bin/python3 tests/data/segments/make_segments.py"""
import json
import os
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = "/usr/share/fonts/truetype/dseg/"
CASES = [
    ("DSEG7Classic-Regular.ttf", "'25 6 18", 40, 0.0),
    ("DSEG7Classic-Italic.ttf", "9 12 '25  17:33", 44, 1.2),
    ("DSEG7Classic-Light.ttf", "'25 07 24  15:27", 38, 0.8),
    ("DSEG7Modern-Bold.ttf", "2025 4 24  16:38", 40, 1.0),
    ("DSEG7Modern-BoldItalic.ttf", "'25 8 1", 46, 1.5),
    ("DSEG7Classic-BoldItalic.ttf", "2 19 '25  09:27", 42, 1.0),
    ("DSEG7ClassicMini-Regular.ttf", "'24 11 30  20:59", 40, 0.6),
    ("DSEG7Modern-Light.ttf", "'25 3 9  08:46", 36, 0.0),
    # A colon lost (drawn without it): the last four digits after a dated year are the time;
    # a year at the end stays a year.
    ("DSEG7Classic-Bold.ttf", "'25 07 24  1527", 40, 0.8, "'25 07 24 15:27"),
    ("DSEG7Classic-Regular.ttf", "7 24 2025", 40, 0.0, "7 24 2025"),
]


def render(font_file, text, size, blur):
    font = ImageFont.truetype(FONTS + font_file, size)
    img = Image.new("L", (60 + int(len(text) * size * 0.9), size * 2), 255)
    d = ImageDraw.Draw(img)
    x, y = 20, size // 3
    for part in text.split(" "):
        if part == "":
            x += size // 3
            continue
        if part.startswith("'"):  # DSEG has no apostrophe: a short tick, as stamps draw it
            d.line((x + 4, y, x, y + size // 3), fill=0, width=max(2, size // 10))
            x += size // 3
            part = part[1:]
        d.text((x, y), part, font=font, fill=0)
        x += int(d.textlength(part, font=font)) + size // 2
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur)).point(lambda v: 0 if v < 150 else 255)
    return img.crop(img.getbbox() and (0, 0, x + 20, img.height))


def main():
    truth = {}
    for i, (font, text, size, blur, *read) in enumerate(CASES):
        name = f"stamp_{i}.png"
        render(font, text, size, blur).save(os.path.join(HERE, name))
        truth[name] = {"font": font, "text": text}
        if read:
            truth[name]["read"] = read[0]
    with open(os.path.join(HERE, "truth.json"), "w") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    random.seed(7)
    main()
