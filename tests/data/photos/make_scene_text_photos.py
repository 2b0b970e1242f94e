#!/usr/bin/python3
"""Makes the scene-text fixtures in this folder (committed; unit tests never run this).

    /usr/bin/python3 tests/data/photos/make_scene_text_photos.py

A noisy photo-like scene (gradient, blotches, a red banner) 1200x900, JPEG q85, no EXIF, with
  scene_text_dark_on_light_panel.jpg  a light translucent panel at the top left holding dark
                                      rows 拍摄时间：2025年03月04日 10:05 / 地点：… / 经度…纬度…
                                      (工程记录/元道-style tables)
  scene_text_white_stamp_on_scene.jpg white type with a dark shadow straight on the scene at the
                                      bottom right: 2025.06.10 14:35:12 and a place line
Both are families the light-on-dark panel search of watermark.cpp does not find.
"""
import os
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def scene(seed):
    r = random.Random(seed)
    im = Image.new("RGB", (1200, 900))
    px = im.load()
    for y in range(900):
        for x in range(1200):
            px[x, y] = (90 + x // 12, 110 + y // 10, 140 - x // 20)
    d = ImageDraw.Draw(im)
    for _ in range(25):
        x, y = r.randrange(1200), r.randrange(900)
        c = tuple(r.randrange(40, 230) for _ in range(3))
        d.ellipse([x, y, x + r.randrange(60, 300), y + r.randrange(40, 200)], fill=c)
    d.rectangle([120, 60, 1080, 150], fill=(178, 20, 30))
    d.text((160, 75), "信用交通县创建工作推进会", font=ImageFont.truetype(FONT, 56), fill=(250, 220, 120))
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((1200, 900), 18).convert("RGB")
    return Image.blend(im, noise, 0.08)


def panel():
    im = scene(1).convert("RGBA")
    over = Image.new("RGBA", im.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(over)
    d.rectangle([10, 10, 520, 170], fill=(235, 235, 230, 200))
    f = ImageFont.truetype(FONT, 28)
    for i, row in enumerate(["拍摄时间：2025年03月04日 10:05", "地点：济州市交通运输局", "经度：117.5312  纬度：36.7105"]):
        d.text((26, 24 + i * 48), row, font=f, fill=(30, 30, 30, 255))
    Image.alpha_composite(im, over).convert("RGB").save(os.path.join(HERE, "scene_text_dark_on_light_panel.jpg"), quality=85)


def stamp():
    im = scene(2)
    d = ImageDraw.Draw(im)
    for text, size, y in (("2025.06.10 14:35:12", 40, 780), ("青石县交通运输局三楼会议室", 28, 836)):
        f = ImageFont.truetype(FONT, size)
        x = 1180 - d.textlength(text, font=f)
        d.text((x + 2, y + 2), text, font=f, fill=(20, 20, 20))
        d.text((x, y), text, font=f, fill=(255, 255, 255))
    im.save(os.path.join(HERE, "scene_text_white_stamp_on_scene.jpg"), quality=85)


panel()
stamp()
