#!/usr/bin/python3
"""Makes the photo fixtures in this folder. Run once with Debian's python3 and PIL
(python3-pil); the outputs are committed, unit tests never run this.

    /usr/bin/python3 tests/data/photos/make_photos.py

edited_photoshop.jpg  96x64 JPEG, EXIF: Make HUAWEI, Model ELE-AL00,
                      Software "Adobe Photoshop 24.1 (Windows)",
                      DateTimeOriginal 2025:03:18 09:30:15, OffsetTimeOriginal +08:00
zero_date.jpg         96x64 JPEG, EXIF: Make Xiaomi, Model MI 9, Software "V12.5.1.0.RFACNXM"
                      (phone firmware, not an editor), DateTimeOriginal "0000:00:00 00:00:00"

Not made here: watermark_stamp_over_paper.jpg and watermark_jinri_merged_block.jpg
are IMG_0067 of `tools/gen_photoset.py --count 300 --seed 4` and IMG_0141 of
`--seed 6` (1000x750), kept as the cases the second watermark reading exists for;
watermark_jinri_date_unread.jpg is IMG_0200 of `--seed 6` (1600x1200 stored turned,
EXIF Orientation 6, DateTimeOriginal 2025:06:17 13:00:43): its 今日水印 panel's large
13:01 and 星期二 are read but not the date line, which the camera clock completes;
watermark_jinri_weekday_nearer.jpg is IMG_0005 of `--seed 4` (1000x750, 07:33 on
2025-06-12): its weekday line is nearer the large time by centre than the date is.
"""
import os
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))


def picture():
    im = Image.new("RGB", (96, 64))
    px = im.load()
    for y in range(64):
        for x in range(96):
            px[x, y] = (x * 2 + 40, y * 3 + 20, 160 - x)
    d = ImageDraw.Draw(im)
    d.ellipse([10, 10, 40, 40], fill=(220, 30, 30))
    d.rectangle([55, 20, 85, 55], fill=(30, 30, 200))
    return im


def save(name, make, model, software, original):
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x0131] = software
    sub = {0x9003: original}
    if original.startswith("2025"):
        sub[0x9011] = "+08:00"
    exif[0x8769] = sub  # Pillow 9 writes a dict as the Exif sub-IFD
    picture().save(os.path.join(HERE, name), quality=90, exif=exif)


save("edited_photoshop.jpg", "HUAWEI", "ELE-AL00", "Adobe Photoshop 24.1 (Windows)", "2025:03:18 09:30:15")
save("zero_date.jpg", "Xiaomi", "MI 9", "V12.5.1.0.RFACNXM", "0000:00:00 00:00:00")
