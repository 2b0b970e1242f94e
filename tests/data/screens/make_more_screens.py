#!/usr/bin/python3
"""Makes signin_table_mobiles.png and query_equal_labels_form.png (committed; tests
never run this).

    /usr/bin/python3 tests/data/screens/make_more_screens.py

signin_table_mobiles.png: a training sign-in list shown in a browser as a table of
eight trainees with their mobile numbers (made up): the capture's table body past
its first rows is left unread, except a column whose header names personal numbers
(联系电话), which the privacy check (D.2) needs.

query_equal_labels_form.png: a query result form whose five labels are all four
characters and a colon, set flush right: a column of one width, like the dates of
a list beside an article, but with nothing to its left (all four fields shown).
"""
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 17, index=0)
BOLD = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 26, index=0)

ROWS = [
    ("张伟", "青石县顺达运输有限公司", "13905318842"),
    ("王芳", "青石县通达路桥工程有限公司", "15866021937"),
    ("李强", "青石县鑫源驾驶员培训学校", "13791046652"),
    ("刘洋", "青石县安泰汽车维修有限公司", "18653170428"),
    ("陈静", "青石县畅行公交有限公司", "13505419376"),
    ("杨磊", "青石县广源驾校", "15269087713"),
    ("赵敏", "青石县利民出租汽车有限公司", "17861524390"),
    ("黄涛", "青石县齐鲁客运有限公司", "13864152078"),
]


def query_form():
    w, h = 1366, 768
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 64), fill=(190, 30, 30))
    d.text((40, 32), "信用核查", font=BOLD, fill="white", anchor="lm")
    d.text((w / 2, 120), "公共信用信息查询结果", font=BOLD, fill=(20, 20, 20), anchor="mm")
    rows = [("查询时间：", "2025-07-21 15:42"), ("查询事项：", "道路旅客运输经营许可"),
            ("主体名称：", "青石县顺达运输有限公司"), ("查询结果：", "正常"),
            ("信用代码：", "91370923MA3CQ8XY2K")]
    y = 180
    for label, value in rows:
        d.text((480, y), label, font=FONT, fill=(90, 90, 90), anchor="rm")
        d.text((500, y), value, font=FONT, fill=(20, 20, 20), anchor="lm")
        y += 44
    img.save(os.path.join(HERE, "query_equal_labels_form.png"), optimize=True)


def main():
    query_form()
    w, h = 1366, 768
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 70), fill=(20, 90, 170))
    d.text((40, 35), "青石县交通运输局 信用培训管理", font=BOLD, fill="white", anchor="lm")
    d.text((w / 2, 110), "2025年信用修复培训签到表", font=BOLD, fill=(20, 20, 20), anchor="mm")
    cols = [60, 160, 300, 700, 960]
    y = 150
    d.rectangle((cols[0], y, cols[-1] + 200, y + 40), fill=(236, 242, 250))
    for x, name in zip(cols, ["序号", "姓名", "单位", "联系电话", "签到时间"]):
        d.text((x + 10, y + 20), name, font=FONT, fill=(30, 30, 30), anchor="lm")
    y += 40
    for i, (person, unit, mobile) in enumerate(ROWS, 1):
        for x, text in zip(cols, [str(i), person, unit, mobile, "2025-06-1%d 09:%02d" % (i % 3, 10 + i)]):
            d.text((x + 10, y + 20), text, font=FONT, fill=(50, 50, 50), anchor="lm")
        d.line((cols[0], y + 40, cols[-1] + 200, y + 40), fill=(225, 225, 225))
        y += 40
    img.save(os.path.join(HERE, "signin_table_mobiles.png"), optimize=True)


if __name__ == "__main__":
    main()
