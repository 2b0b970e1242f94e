#!/usr/bin/python3
"""Makes the screen-capture fixtures in this folder (committed; tests never run this).

    /usr/bin/python3 tests/data/screens/make_screens.py

Credit-query captures (indicator 4.4) in the layouts real query pages use, with the
labels written in different words, and news/portal captures (3.1, 1.2) dated by
publication. Fonts are not the sample generator's Noto Sans: WenQuanYi Micro Hei,
WenQuanYi Zen Hei and LXGW WenKai stand in for Microsoft YaHei/PingFang/SimSun.
`truth.json` lists, per file, the 4.4 fields shown and the date the capture stands for.
"""
import json
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = {
    "yahei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    "zenhei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf", 0),
    "bold": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
}
TRUTH = {}


def font(key, size):
    path, index = FONTS[key]
    return ImageFont.truetype(path, size, index=index)


def save(img, name, fields, date):
    img.save(os.path.join(HERE, name), optimize=True)
    TRUTH[name] = {"query_fields": fields, "date": date}


def taskbar(d, w, h, clock, day):
    d.rectangle([0, h - 40, w, h], fill=(30, 34, 40))
    f = font("yahei", 13)
    d.text((w - 16, h - 28), clock, font=f, fill="white", anchor="rm")
    d.text((w - 16, h - 12), day, font=f, fill="white", anchor="rm")


def browser(d, w, url):
    d.rectangle([0, 0, w, 70], fill=(223, 226, 231))
    d.rounded_rectangle([110, 38, w - 120, 62], radius=12, fill=(248, 249, 250))
    d.text((130, 50), url, font=font("yahei", 14), fill=(70, 70, 70), anchor="lm")


# --- 4.4 credit queries -------------------------------------------------------

def creditchina(name, with_time, with_use):
    """信用中国-like record page: the subject is the unlabelled heading above its
    credit code; results are record sections with counts."""
    w, h = 1366, 768
    img = Image.new("RGB", (w, h), (244, 245, 247))
    d = ImageDraw.Draw(img)
    browser(d, w, "https://www.creditchina.gov.cn/xinyongxinxi/xinyongxinxixiangqing/index.html")
    d.rectangle([0, 70, w, 140], fill=(196, 30, 36))
    d.text((60, 105), "信用中国", font=font("bold", 34), fill="white", anchor="lm")
    d.text((260, 108), "首页  信用动态  政策法规  信用信息  信用服务  诚信文化", font=font("yahei", 17),
           fill=(255, 230, 230), anchor="lm")
    d.rectangle([60, 160, w - 60, h - 60], fill="white")
    d.text((90, 205), "青石县顺达道路运输有限公司", font=font("yahei", 30), fill=(30, 30, 30), anchor="lm")
    d.rounded_rectangle([510, 192, 570, 218], radius=4, outline=(40, 150, 80), width=2)
    d.text((540, 205), "存续", font=font("yahei", 15), fill=(40, 150, 80), anchor="mm")
    f = font("yahei", 16)
    d.text((90, 250), "统一社会信用代码：91370123MA3CQ8XY2K", font=f, fill=(90, 90, 90), anchor="lm")
    d.text((520, 250), "法定代表人：王建国", font=f, fill=(90, 90, 90), anchor="lm")
    d.text((760, 250), "成立日期：2016-04-21", font=f, fill=(90, 90, 90), anchor="lm")
    if with_time:
        d.text((w - 90, 205), "查询时间：2025-05-06 09:15:32", font=f, fill=(120, 120, 120), anchor="rm")
    if with_use:
        d.text((w - 90, 250), "查询用途：道路货物运输经营许可审批", font=f, fill=(120, 120, 120), anchor="rm")
    tabs = ["基础信息", "行政管理", "诚实守信", "严重失信主体名单", "经营异常", "信用承诺", "信用评价"]
    x = 90
    for i, t in enumerate(tabs):
        tf = font("yahei", 17)
        d.text((x, 300), t, font=tf, fill=(196, 30, 36) if i == 1 else (60, 60, 60), anchor="lm")
        x += d.textlength(t, font=tf) + 40
    d.line([(90, 320), (w - 90, 320)], fill=(230, 230, 230), width=2)
    y = 350
    for title, rows in [("行政许可（2）", [("道路运输经营许可证", "2023-08-14", "青石县交通运输局"),
                                       ("道路运输证年审", "2024-08-20", "青石县交通运输局")]),
                        ("行政处罚（0）", []), ("严重失信主体名单（0）", [])]:
        d.text((90, y), title, font=font("yahei", 18), fill=(30, 30, 30), anchor="lm")
        y += 34
        if not rows:
            d.text((120, y), "暂无数据", font=f, fill=(150, 150, 150), anchor="lm")
            y += 40
            continue
        for r in rows:
            d.text((120, y), r[0], font=f, fill=(60, 60, 60), anchor="lm")
            d.text((520, y), "许可决定日期：" + r[1], font=f, fill=(60, 60, 60), anchor="lm")
            d.text((860, y), "许可机关：" + r[2], font=f, fill=(60, 60, 60), anchor="lm")
            y += 30
        y += 12
    taskbar(d, w, h, "16:42", "2025/5/9")
    fields = ["主体名称", "查询结果"] + (["查询时间"] if with_time else []) + (["查询事项"] if with_use else [])
    save(img, name, sorted(fields), "2025-05-06" if with_time else None)


def phone_app(name):
    """A credit app on a phone: each label in small grey type above its value."""
    w, h = 1080, 2340
    img = Image.new("RGB", (w, h), (245, 246, 248))
    d = ImageDraw.Draw(img)
    d.text((60, 50), "10:25", font=font("zenhei", 38), fill=(20, 20, 20), anchor="lm")
    d.rectangle([0, 100, w, 230], fill=(22, 119, 255))
    d.text((w / 2, 165), "信用核查结果", font=font("zenhei", 46), fill="white", anchor="mm")
    d.rounded_rectangle([40, 280, w - 40, 1500], radius=24, fill="white")
    items = [("被查询主体名称", "青石县通达货运有限公司"), ("统一社会信用代码", "91370123MA3D2K7L4P"),
             ("办理事项", "道路货物运输经营许可（新办）"), ("查询时间", "2025年6月12日 15:08"),
             ("查询结果", "未发现严重失信行为记录")]
    y = 340
    for k, v in items:
        d.text((90, y), k, font=font("zenhei", 34), fill=(140, 140, 140), anchor="lm")
        d.text((90, y + 70), v, font=font("zenhei", 44), fill=(25, 25, 25), anchor="lm")
        d.line([(90, y + 140), (w - 90, y + 140)], fill=(235, 235, 235), width=2)
        y += 220
    d.rounded_rectangle([90, 1620, w - 90, 1740], radius=60, fill=(22, 119, 255))
    d.text((w / 2, 1680), "下载信用报告", font=font("zenhei", 42), fill="white", anchor="mm")
    img = img.resize((720, 1560), Image.LANCZOS)
    save(img, name, ["主体名称", "查询事项", "查询时间", "查询结果"], "2025-06-12")


def table_page(name):
    """A provincial platform's query log: labels in a header row, values in the row under it."""
    w, h = 1440, 900
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    browser(d, w, "http://credit.shandong.gov.cn/xyxxcx/cxjl")
    d.rectangle([0, 70, w, 130], fill=(0, 82, 155))
    d.text((40, 100), "信用山东 · 信用信息查询记录", font=font("kai", 28), fill="white", anchor="lm")
    cols = [(60, "序号"), (140, "被查询人"), (470, "查询内容"), (800, "报告生成时间"), (1080, "核查结果")]
    rows = [["1", "青石县安平机动车维修有限公司", "机动车维修经营备案", "2025-07-03 11:20:45", "无失信记录"]]
    d.rectangle([40, 180, w - 40, 230], fill=(236, 242, 249))
    for x, t in cols:
        d.text((x, 205), t, font=font("kai", 20), fill=(30, 30, 30), anchor="lm")
    y = 260
    for r in rows:
        for (x, _), v in zip(cols, r):
            d.text((x, y), v, font=font("kai", 19), fill=(50, 50, 50), anchor="lm")
        d.line([(40, y + 25), (w - 40, y + 25)], fill=(220, 220, 220))
        y += 50
    taskbar(d, w, h, "11:21", "2025/7/3")
    save(img, name, ["主体名称", "查询事项", "查询时间", "查询结果"], "2025-07-03")


def inline_form(name, with_time):
    """An approval system's credit check: label and value on one line, two columns."""
    w, h = 1280, 800
    img = Image.new("RGB", (w, h), (240, 242, 245))
    d = ImageDraw.Draw(img)
    browser(d, w, "https://zwfw.example.gov.cn/approve/credit-check")
    d.rectangle([0, 70, w, 120], fill=(40, 44, 52))
    d.text((30, 95), "政务服务一体化平台  |  信用核查", font=font("yahei", 20), fill="white", anchor="lm")
    d.rectangle([40, 150, w - 40, 560], fill="white", outline=(220, 220, 220))
    d.text((70, 185), "事前信用核查", font=font("yahei", 22), fill=(20, 20, 20), anchor="lm")
    f = font("yahei", 18)
    left = [("单位名称：", "青石县惠民公共交通有限公司"), ("业务事项：", "城市公交线路经营权许可"),
            ("申请编号：", "QS-XK-2025-0815")]
    right = [("核查日期：" if with_time else "经办人：", "2025.08.15" if with_time else "李娜"),
             ("信用状况：", "良好，未列入严重失信主体名单"), ("核查部门：", "青石县交通运输局")]
    for i, (k, v) in enumerate(left):
        d.text((70, 240 + i * 60), k + v, font=f, fill=(50, 50, 50), anchor="lm")
    for i, (k, v) in enumerate(right):
        d.text((660, 240 + i * 60), k + v, font=f, fill=(50, 50, 50), anchor="lm")
    d.text((70, 470), "受理日期：2025-08-11", font=f, fill=(50, 50, 50), anchor="lm")
    taskbar(d, w, h, "09:03", "2025/8/18")
    fields = ["主体名称", "查询事项", "查询结果"] + (["查询时间"] if with_time else [])
    save(img, name, sorted(fields), "2025-08-15" if with_time else None)


def gsxt(name):
    """国家企业信用信息公示系统-like page: name heading, no matter shown."""
    w, h = 1366, 768
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    browser(d, w, "https://www.gsxt.gov.cn/corp-query-entprise-info")
    d.rectangle([0, 70, w, 130], fill=(18, 72, 140))
    d.text((40, 100), "国家企业信用信息公示系统", font=font("bold", 26), fill="white", anchor="lm")
    d.text((60, 180), "青石县鑫源驾驶员培训学校有限公司", font=font("yahei", 28), fill=(20, 20, 20), anchor="lm")
    f = font("yahei", 16)
    d.text((60, 225), "统一社会信用代码：91370123MA3E5R6T8U", font=f, fill=(80, 80, 80), anchor="lm")
    d.text((460, 225), "登记状态：存续（在营、开业、在册）", font=f, fill=(80, 80, 80), anchor="lm")
    d.text((w - 60, 180), "查询日期：2025年9月2日", font=f, fill=(110, 110, 110), anchor="rm")
    y = 290
    for t in ["营业执照信息", "行政许可信息", "列入经营异常名录信息", "列入严重违法失信名单（黑名单）信息"]:
        d.rectangle([60, y - 18, w - 60, y + 18], fill=(243, 246, 250))
        d.text((80, y), t, font=font("yahei", 18), fill=(18, 72, 140), anchor="lm")
        d.text((120, y + 40), "暂无数据" if "列入" in t else "共1条信息", font=f, fill=(120, 120, 120), anchor="lm")
        y += 95
    save(img, name, ["主体名称", "查询时间", "查询结果"], "2025-09-02")


# --- dated by publication -----------------------------------------------------

def news_desktop(name):
    w, h = 1366, 768
    img = Image.new("RGB", (w, h), (236, 239, 243))
    d = ImageDraw.Draw(img)
    browser(d, w, "http://jtt.shandong.gov.cn/xyjt/2025/02/11/art_1234.html")
    d.rectangle([0, 70, w, 150], fill=(16, 80, 160))
    d.text((60, 110), "信用交通·山东", font=font("kai", 36), fill="white", anchor="lm")
    d.rectangle([180, 170, w - 180, h - 40], fill="white")
    d.text((w / 2, 220), "青石县交通运输局开展“信用交通宣传月”进企业活动", font=font("yahei", 26), fill=(20, 20, 20),
           anchor="mm")
    d.text((w / 2, 262), "2025-02-11 10:22:05    来源：青石县交通运输局    浏览次数：312", font=font("yahei", 15),
           fill=(130, 130, 130), anchor="mm")
    f = font("yahei", 18)
    body = ["　　2月10日上午，青石县交通运输局组织执法人员走进辖区道路运输企业，",
            "宣传《山东省交通运输信用管理办法》，截至2025年1月31日已覆盖企业46家。",
            "　　活动现场发放宣传资料300余份，解答企业咨询50余次。"]
    for i, line in enumerate(body):
        d.text((230, 320 + i * 36), line, font=f, fill=(50, 50, 50), anchor="lm")
    taskbar(d, w, h - 0, "15:06", "2025/2/20")
    save(img, name, None, "2025-02-11")


def news_desktop_body(name):
    """A 1920x1080 county news page: banner, menu, title, publication line, a body of
    four paragraphs wrapped over ten lines, a 最新动态 list beside it, a footer."""
    w, h = 1920, 1080
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    browser(d, w, "https://jtj.yunling.gov.cn/art/2025/8/26/art_6666_117010.html")
    d.rectangle([0, 70, w, 230], fill=(70, 120, 190))
    d.text((150, 150), "信用交通 · 云岭", font=font("zenhei", 44), fill="white", anchor="lm")
    d.rectangle([0, 230, w, 275], fill=(40, 90, 160))
    for i, item in enumerate(["首页", "信用动态", "政策法规", "双公示", "信用评价", "信用修复"]):
        d.text((160 + i * 130, 252), item, font=font("yahei", 17), fill="white", anchor="lm")
    d.text((760, 330), "云岭县：开展道路运输企业信用培训", font=font("zenhei", 30), fill=(20, 20, 20), anchor="mm")
    d.text((760, 375), "发布时间：2025-08-26 12:32   来源：云岭县融媒体中心   浏览次数：1022", font=font("yahei", 15),
           fill=(110, 110, 110), anchor="mm")
    paragraphs = ["　　8月23日，云岭县交通运输局召开信用交通县创建工作推进会，传达学习省、市有关文件精神，调度各项任务进展"
                  "情况，部署下一阶段重点工作。",
                  "　　会议要求，各单位要对照创建指标逐项梳理，查漏补缺，确保佐证材料规范完整，按时完成各项创建任务，切实"
                  "做到责任到人、任务到岗。",
                  "　　会上，各科室、局属各单位负责同志分别汇报了信用承诺、信用评价、信用修复和双公示信息报送等工作的进展情况，"
                  "并就下一步工作进行了交流发言。",
                  "　　会议指出，信用交通县创建是提升行业治理能力的重要抓手。要坚持问题导向，聚焦信用信息归集共享、信用分级"
                  "分类监管、“信易+”应用场景拓展等重点任务，细化措施，压实责任，确保创建工作取得实效。"]
    f = font("zenhei", 19)
    # Wrapped as a browser wraps Chinese: character by character at the column's edge.
    y = 430
    for text in paragraphs:
        line = ""
        for ch in text:
            if f.getlength(line + ch) > 1060:
                d.text((170, y), line, font=f, fill=(40, 40, 40), anchor="lm")
                y += 40
                line = ""
            line += ch
        d.text((170, y), line, font=f, fill=(40, 40, 40), anchor="lm")
        y += 40
    d.text((1380, 330), "最新动态", font=font("yahei", 20), fill=(40, 90, 160), anchor="lm")
    for i, (title, day) in enumerate([("我局开展安全生产检查", "2025-06-23"), ("全县交通运输工作会议召开", "2025-07-07"),
                                      ("信用修复政策解读", "2025-07-25"), ("双公示信息报送提醒", "2025-07-19")]):
        d.text((1380, 375 + i * 36), title, font=font("yahei", 15), fill=(60, 60, 60), anchor="lm")
        d.text((1800, 375 + i * 36), day, font=font("yahei", 15), fill=(130, 130, 130), anchor="rm")
    d.rectangle([0, h - 60, w, h], fill=(50, 50, 50))
    d.text((w / 2, h - 30), "主办：云岭县交通运输局  ©2025", font=font("yahei", 14), fill="white", anchor="mm")
    save(img, name, None, "2025-08-26")


def news_phone(name):
    w, h = 1080, 2340
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.text((60, 50), "09:41", font=font("zenhei", 38), fill=(20, 20, 20), anchor="lm")
    d.text((w / 2, 160), "信用交通山东", font=font("zenhei", 42), fill=(20, 20, 20), anchor="mm")
    tf = font("zenhei", 58)
    d.text((60, 320), "青石县召开2025年信用交通", font=tf, fill=(20, 20, 20), anchor="ls")
    d.text((60, 404), "创建工作推进会", font=tf, fill=(20, 20, 20), anchor="ls")
    d.text((60, 490), "信用交通山东  2025年03月20日 17:32  山东", font=font("zenhei", 34), fill=(120, 120, 120),
           anchor="ls")
    bf = font("zenhei", 44)
    for i, line in enumerate(["　　3月19日，青石县交通运输局召开信用", "交通创建工作推进会，部署第二季度重点", "任务。"]):
        d.text((60, 600 + i * 78), line, font=bf, fill=(40, 40, 40), anchor="ls")
    img = img.resize((720, 1560), Image.LANCZOS)
    save(img, name, None, "2025-03-20")


def portal(name):
    """A government portal's 政府信息公开 page: an info box with 成文日期 and 发布日期."""
    w, h = 1366, 768
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    browser(d, w, "http://www.qingshi.gov.cn/zwgk/art/2025/1/22/art_5678.html")
    d.rectangle([0, 70, w, 150], fill=(178, 20, 24))
    d.text((60, 110), "青石县人民政府", font=font("bold", 34), fill="white", anchor="lm")
    d.rectangle([160, 180, w - 160, 300], outline=(210, 210, 210))
    f = font("yahei", 16)
    cells = [("索引号：", "11370123MB0000000X/2025-00012"), ("发布机构：", "青石县交通运输局"),
             ("成文日期：", "2025-01-15"), ("发布日期：", "2025-01-22"),
             ("文号：", "青交字〔2025〕3号"), ("主题分类：", "交通运输")]
    for i, (k, v) in enumerate(cells):
        x = 190 + (i % 2) * 520
        y = 205 + (i // 2) * 36
        d.text((x, y), k + v, font=f, fill=(60, 60, 60), anchor="lm")
    d.text((w / 2, 350), "青石县交通运输局关于印发《青石县创建信用交通县工作方案》的通知", font=font("yahei", 24),
           fill=(20, 20, 20), anchor="mm")
    save(img, name, None, "2025-01-22")


creditchina("query_creditchina_heading.png", True, True)
creditchina("query_creditchina_no_time.png", False, True)
phone_app("query_phone_label_above.png")
table_page("query_table_header_row.png")
inline_form("query_inline_two_columns.png", True)
inline_form("query_inline_no_time.png", False)
gsxt("query_gsxt_no_matter.png")
news_desktop("news_desktop_meta_line.png")
news_phone("news_phone_wechat.png")
news_desktop_body("news_desktop_long_body.png")
portal("portal_info_box.png")
with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as out:
    json.dump(TRUTH, out, ensure_ascii=False, indent=1, sort_keys=True)
    out.write("\n")
