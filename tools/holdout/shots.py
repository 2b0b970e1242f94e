"""Screenshots: government-site articles, 信用交通·山东 pages, WeChat articles, data-sharing lists,
and credit-query results in three layouts (label:value rows, 信用中国 heading, phone label-above-value)."""
from __future__ import annotations

import datetime as dt

from PIL import Image, ImageDraw

from . import util

LABELS = {
    "time": ["查询时间", "查询日期", "报告生成时间", "核查时间"],
    "matter": ["查询事项", "查询内容", "办理事项", "查询类型", "查询用途"],
    "subject": ["被查询主体名称", "主体名称", "企业名称", "单位名称", "被查询人"],
    "result": ["查询结果", "信用状况", "查询结论", "核查结果"],
}
MATTERS = ["道路运输经营许可审批", "招标投标信用核查", "公路建设市场从业单位资格审查", "评优评先信用审查",
           "财政资金补助申报审查", "驾驶员培训机构备案"]
RESULTS = ["未发现失信记录", "未列入严重失信主体名单", "信用良好，无不良信用记录", "无行政处罚记录，无失信被执行人记录",
           "经查询，该主体无严重失信记录"]


class Canvas:
    def __init__(self, w, h, split, rng, bg=(255, 255, 255)):
        self.img = Image.new("RGB", (w, h), bg)
        self.d = ImageDraw.Draw(self.img)
        self.w, self.h = w, h
        self.ui = util.pick_cjk(rng, split, "hei")
        self.uib = util.pick_cjk(rng, split, "hei_bold")
        self.serif = util.pick_cjk(rng, split, "song")

    def t(self, xy, s, size, color=(30, 30, 30), bold=False, anchor="la", f=None):
        self.d.text(xy, s, font=util.font(f or (self.uib if bold else self.ui), size), fill=color, anchor=anchor)
        return self.d.textlength(s, font=util.font(f or (self.uib if bold else self.ui), size))

    def para(self, x, y, w, s, size, color=(40, 40, 40), lh=1.8, indent=2):
        f = util.font(self.ui, size)
        line, cx = "", indent * size
        for ch in s:
            cw = self.d.textlength(ch, font=f)
            if cx + cw > w:
                self.d.text((x + (indent * size if not line and False else 0), y), line, font=f, fill=color)
                y += size * lh
                line, cx = "", 0
            line += ch
            cx += cw
        if line:
            self.d.text((x, y), line, font=f, fill=color)
            y += size * lh
        return y


def browser_chrome(c, rng, url, title):
    c.d.rectangle((0, 0, c.w, 36), fill=(222, 225, 230))
    c.d.rounded_rectangle((10, 6, 260, 36), radius=8, fill=(255, 255, 255))
    c.t((22, 12), title[:14], 13)
    c.d.rectangle((0, 36, c.w, 74), fill=(255, 255, 255))
    c.d.rounded_rectangle((90, 42, c.w - 120, 68), radius=13, fill=(241, 243, 244))
    c.t((110, 47), url, 14, (60, 60, 60))
    for i, sym in enumerate(["←", "→", "⟳"]):
        c.t((14 + i * 25, 45), sym, 16, (90, 90, 90))
    return 76


def taskbar(c, rng, now):
    c.d.rectangle((0, c.h - 40, c.w, c.h), fill=(32, 32, 36))
    c.t((c.w - 90, c.h - 36), now.strftime("%H:%M"), 13, (240, 240, 240))
    c.t((c.w - 100, c.h - 19), f"{now.year}/{now.month}/{now.day}", 13, (240, 240, 240))


def _pub_line(rng, pub, unit, split):
    t = util.fmt_time(dt.datetime.combine(pub, dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))), rng.random() < 0.4)
    views = rng.randint(30, 2000)
    forms = [
        f"发布时间：{util.fmt_date(pub, 'iso')} {t}    来源：{unit}    浏览次数：{views}",
        f"发布日期：{util.fmt_date(pub, 'cn_pad')}    信息来源：{unit}    【字体：大 中 小】  【打印】【关闭】",
        f"时间：{util.fmt_date(pub, 'slash_np')} {t}    作者：{unit}    阅读：{views}次",
        f"{util.fmt_date(pub, 'iso')} {t}    来源：{unit}",
        f"日期：{util.fmt_date(pub, 'iso')}    来源：{unit}    点击数：{views}",
        f"来源：{unit}    发布时间：{util.fmt_date(pub, 'cn')}    浏览量：{views}",
    ]
    if split == "holdout":
        forms += [f"发布于 {util.fmt_date(pub, 'dot')} {t} · {unit}", f"【来源：{unit}】【发布日期：{util.fmt_date(pub, 'slash')}】"]
    return rng.choice(forms)


def gov_article(rng, split, world, pub, title, kind="gov", info_table=False, size=None):
    w, h = size or rng.choice([(1366, 768), (1920, 1080), (1440, 900), (1366, 1600)])
    c = Canvas(w, h, split, rng)
    site = {"gov": world["county"] + "人民政府", "bureau": world["bureau"], "credit": "信用交通·山东",
            "city": world["city_bureau"]}[kind]
    dom = {"gov": "www.qingshi.gov.cn", "bureau": "jtj.qingshi.gov.cn", "credit": "xyjt.sd.gov.cn", "city": "jtj.jizhou.gov.cn"}[kind]
    url = f"https://{dom}/art/{pub.year}/{pub.month}/{pub.day}/art_{rng.randint(1000, 9999)}_{rng.randint(100000, 999999)}.html" \
        if rng.random() < 0.6 else f"https://{dom}/col/col{rng.randint(100, 999)}/index.html"
    y = browser_chrome(c, rng, url, title) if rng.random() < 0.75 else 0
    col = {"gov": (180, 20, 25), "bureau": (20, 80, 160), "credit": (0, 110, 190), "city": (25, 90, 170)}[kind]
    if split == "holdout" and rng.random() < 0.5:
        col = (rng.randint(0, 200), rng.randint(40, 140), rng.randint(100, 220))
    bh = int(h * 0.12)
    c.d.rectangle((0, y, w, y + bh), fill=col)
    c.t((w * 0.08, y + bh / 2), site, bh * 0.38, (255, 255, 255), bold=True, anchor="lm")
    if kind == "credit":
        c.t((w * 0.08 + c.d.textlength(site, font=util.font(c.uib, bh * 0.38)) + 20, y + bh / 2), "CREDIT TRANSPORT SHANDONG", bh * 0.16, (220, 235, 255), anchor="lm")
    y += bh
    c.d.rectangle((0, y, w, y + 42), fill=tuple(max(0, v - 30) for v in col))
    nav = ["首页", "政务公开", "新闻中心", "政策文件", "互动交流", "办事服务"] if kind != "credit" else \
        ["首页", "信用动态", "政策法规", "双公示", "信用评价", "信用修复", "信用承诺", "诚信文化"]
    for i, n in enumerate(nav):
        c.t((w * 0.08 + i * 120, y + 21), n, 17, (255, 255, 255), anchor="lm")
    y += 60
    crumb = rng.choice(["当前位置：首页 > 新闻中心 > 部门动态", "您现在的位置：首页 > 政务公开 > 通知公告",
                        "首页 > 信用动态 > 地市动态", "当前位置：首页 > 信用动态 > 工作动态"])
    c.t((w * 0.08, y), crumb, 14, (110, 110, 110))
    y += 40
    x0, cw = w * 0.08, w * (0.6 if w > 1500 and rng.random() < 0.5 else 0.84)
    f = util.font(c.uib, 26)
    tw = c.d.textlength(title, font=f)
    c.t((x0 + cw / 2, y), title if tw < cw else title[:int(len(title) * cw / tw) - 1], 26, (20, 20, 20), bold=True, anchor="ma")
    y += 50
    unit = rng.choice([world["bureau"], "县交通运输局", world["county"] + "融媒体中心", "法制科"])
    if info_table:
        rows = [("索引号", f"11{rng.randint(10 ** 13, 10 ** 14 - 1)}/{pub.year}-{rng.randint(10, 99)}"), ("发布机构", world["bureau"]),
                ("成文日期", util.fmt_date(pub - dt.timedelta(days=rng.randint(1, 12)), rng.choice(["iso", "cn"]))),
                ("发布日期", util.fmt_date(pub, rng.choice(["iso", "cn"]))), ("主题分类", "交通运输"), ("文号", info_table if isinstance(info_table, str) else "")]
        for i in range(0, len(rows), 2):
            for j in range(2):
                k, v = rows[i + j]
                xx = x0 + j * cw / 2
                c.d.rectangle((xx, y, xx + cw / 2, y + 36), outline=(210, 210, 210), fill=(248, 248, 248) if j == 0 else (255, 255, 255))
                c.t((xx + 10, y + 18), f"{k}：{v}", 15, (50, 50, 50), anchor="lm")
            y += 36
        y += 20
    else:
        line = _pub_line(rng, pub, unit, split)
        c.t((x0 + cw / 2, y), line, 15, (120, 120, 120), anchor="ma")
        y += 30
        c.d.line((x0, y, x0 + cw, y), fill=(220, 220, 220), width=1)
        y += 24
    ev = pub - dt.timedelta(days=rng.randint(0, 6))
    texts = [f"{ev.month}月{ev.day}日，{world['bureau']}召开信用交通县创建工作推进会，传达学习省、市有关文件精神，调度各项任务进展情况。",
             "会议要求，各单位要对照创建指标逐项梳理，查漏补缺，确保佐证材料规范完整，按时完成各项创建任务。",
             "会上，各科室、局属各单位负责同志分别汇报了信用承诺、信用评价、信用修复和双公示信息报送等工作的进展情况，并就下一步工作进行了交流发言。",
             "会议指出，信用交通县创建是提升行业治理能力的重要抓手。要坚持问题导向，聚焦信用信息归集共享、信用分级分类监管、“信易+”应用场景拓展等重点任务，细化措施，压实责任。",
             "会议强调，要严格落实“双公示”7个工作日内上网公开的要求，确保信息报送及时、准确、完整；要加强诚信宣传教育，积极报送信用工作信息和典型案例。",
             "下一步，县交通运输局将持续深化信用信息归集共享，拓展“信易+”应用场景，营造诚实守信的良好氛围。"]
    for tx in texts:
        y = c.para(x0, y, cw, "　　" + tx, 17)
        y += 8
        if y > h - 80:
            break
    if w > 1500 and cw < w * 0.7:  # sidebar with other items and their dates (distractors)
        sx = x0 + cw + 40
        c.t((sx, 300), "最新动态", 18, col, bold=True)
        for i in range(6):
            od = pub - dt.timedelta(days=rng.randint(1, 80))
            c.t((sx, 340 + i * 34), rng.choice(["全县交通运输工作会议召开", "我局开展安全生产检查", "信用修复政策解读", "双公示工作推进会"])[:12], 15, (60, 60, 60))
            c.t((w - 60, 340 + i * 34), util.fmt_date(od, "iso"), 14, (140, 140, 140), anchor="ra")
    if y < h - 60:
        c.d.rectangle((0, h - 60, w, h), fill=(60, 60, 60))
        c.t((w / 2, h - 30), f"主办：{site}  ©{2025}  鲁ICP备{rng.randint(10000000, 99999999)}号", 13, (220, 220, 220), anchor="mm")
    if rng.random() < 0.3:
        taskbar(c, rng, dt.datetime(2025, 12, rng.randint(1, 19), rng.randint(8, 17), rng.randint(0, 59)))
    return c.img


def wechat_article(rng, split, world, pub, title):
    w, h = 1080, rng.choice([2340, 2400, 1920])
    c = Canvas(w, h, split, rng)
    _status_bar(c, rng)
    y = 150
    c.d.line((0, y, w, y), fill=(235, 235, 235))
    y += 40
    for ln in _wrap(c, title, 54, w - 100, bold=True):
        c.t((50, y), ln, 54, (20, 20, 20), bold=True)
        y += 78
    acct = rng.choice(["青石交通", "信用青石", "济州交通", world["county"] + "发布"])
    form = rng.random()
    t = f"{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}"
    meta = f"{acct}  {util.fmt_date(pub, 'iso')} {t}  山东" if form < 0.5 else \
        f"原创  {acct}  {util.fmt_date(pub, 'cn')} {t}" if form < 0.8 else f"{acct} {pub.year}年{pub.month}月{pub.day}日 {t} 发表于山东"
    c.t((50, y + 10), meta, 34, (120, 120, 120))
    y += 90
    for tx in ["编者按：信用是交通运输高质量发展的基石。", f"近日，{world['bureau']}主要负责同志围绕信用交通县创建工作接受专访，畅谈信用建设的思路与举措。",
               "“信用建设没有旁观者，每一家企业、每一名从业人员都是参与者。”"]:
        for ln in _wrap(c, tx, 40, w - 100):
            c.t((50, y), ln, 40, (50, 50, 50))
            y += 68
        y += 30
    return c.img


def _wrap(c, s, size, width, bold=False):
    f = util.font(c.uib if bold else c.ui, size)
    out, cur = [], ""
    for ch in s:
        if c.d.textlength(cur + ch, font=f) > width:
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def _status_bar(c, rng):
    c.d.rectangle((0, 0, c.w, 110), fill=(247, 247, 247))
    c.t((60, 55), f"{rng.randint(8, 21)}:{rng.randint(0, 59):02d}", 40, (20, 20, 20), bold=True, anchor="lm")
    c.t((c.w - 60, 55), "5G  78%", 34, (20, 20, 20), anchor="rm")


def share_list(rng, split, world, domain):
    w, h = rng.choice([(1366, 768), (1920, 1080)])
    c = Canvas(w, h, split, rng)
    y = browser_chrome(c, rng, "https://xyjt.sd.gov.cn/xypj/list.html", "信用评价结果")
    c.d.rectangle((0, y, w, y + 80), fill=(0, 110, 190))
    c.t((60, y + 40), "信用交通·山东", 34, (255, 255, 255), bold=True, anchor="lm")
    y += 110
    c.t((60, y), f"{domain}信用评价结果公示（{world['county']}）", 24, (20, 20, 20), bold=True)
    y += 50
    cols = ["序号", "企业名称", "统一社会信用代码", "评价等级", "评价年度", "数据来源"]
    xs = [60, 140, 560, 900, 1060, 1200]
    c.d.rectangle((50, y, w - 50, y + 40), fill=(230, 240, 250))
    for x, k in zip(xs, cols):
        c.t((x, y + 20), k, 16, (40, 40, 40), bold=True, anchor="lm")
    y += 40
    for i in range(min(12, (h - y - 60) // 36)):
        vals = [str(i + 1), util.company(rng, world["county"]), util.credit_code(rng), rng.choice(["AAA", "AA", "A", "B"]), "2024",
                world["bureau"]]
        for x, v in zip(xs, vals):
            c.t((x, y + 18), v[:22], 15, (60, 60, 60), anchor="lm")
        c.d.line((50, y + 36, w - 50, y + 36), fill=(230, 230, 230))
        y += 36
    return c.img


def query_shot(rng, split, world, fields, layout, qtime, subject):
    """fields: dict time/matter/subject/result -> bool (shown or not)."""
    matter = rng.choice(MATTERS)
    result = rng.choice(RESULTS)
    lab = {k: rng.choice(v) for k, v in LABELS.items()}
    tstr = f"{util.fmt_date(qtime.date(), rng.choice(['iso', 'cn', 'slash']))} {util.fmt_time(qtime, rng.random() < 0.6)}"
    code = util.credit_code(rng)
    if layout == "table":
        w, h = rng.choice([(1366, 768), (1920, 1080)])
        c = Canvas(w, h, split, rng)
        y = browser_chrome(c, rng, "https://credit.sd.gov.cn/xyhc/result", "信用核查")
        c.d.rectangle((0, y, w, y + 70), fill=rng.choice([(190, 30, 30), (20, 90, 170)]))
        c.t((50, y + 35), rng.choice(["信用山东 · 信用核查", "济州市公共信用信息平台", "信用信息查询系统"]), 28, (255, 255, 255), bold=True, anchor="lm")
        y += 110
        c.t((w / 2, y), rng.choice(["信用核查结果", "信用信息查询结果", "公共信用信息查询单"]), 28, (20, 20, 20), bold=True, anchor="ma")
        y += 70
        rows = []
        if fields["time"]:
            rows.append((lab["time"], tstr))
        if fields["matter"]:
            rows.append((lab["matter"], matter))
        if fields["subject"]:
            rows.append((lab["subject"], subject))
        rows.append(("统一社会信用代码", code))
        if fields["result"]:
            rows.append((lab["result"], result))
        rng.shuffle(rows) if rng.random() < 0.2 else None
        x0, x1, x2 = w * 0.2, w * 0.4, w * 0.8
        for k, v in rows:
            c.d.rectangle((x0, y, x1, y + 48), fill=(245, 247, 250), outline=(210, 210, 210))
            c.d.rectangle((x1, y, x2, y + 48), fill=(255, 255, 255), outline=(210, 210, 210))
            c.t((x1 - 16, y + 24), k + rng.choice(["：", "", ":"]), 18, (80, 80, 80), anchor="rm")
            c.t((x1 + 16, y + 24), v, 18, (20, 20, 20), anchor="lm")
            y += 48
        return c.img
    if layout == "heading":  # 信用中国: the subject is the page heading, no label
        w, h = rng.choice([(1366, 768), (1920, 1080), (1440, 900)])
        c = Canvas(w, h, split, rng, bg=(244, 246, 249))
        y = browser_chrome(c, rng, "https://www.creditchina.gov.cn/xinyongxinxixiangqing/xyDetail.html?searchState=1&entityType=1&keyword=" + code, "信用中国")
        c.d.rectangle((0, y, w, y + 64), fill=(23, 95, 190))
        c.t((50, y + 32), "信用中国", 30, (255, 255, 255), bold=True, anchor="lm")
        c.d.rounded_rectangle((w * 0.35, y + 14, w * 0.75, y + 50), radius=18, fill=(255, 255, 255))
        c.t((w * 0.36, y + 32), subject if fields["subject"] else "请输入企业名称或统一社会信用代码", 15, (120, 120, 120), anchor="lm")
        y += 90
        c.d.rectangle((40, y, w - 40, y + 190), fill=(255, 255, 255))
        if fields["subject"]:
            c.t((70, y + 30), subject, 30, (20, 20, 20), bold=True)
        c.d.rounded_rectangle((70, y + 80, 130, y + 106), radius=4, fill=(230, 245, 235))
        c.t((100, y + 93), "存续", 14, (30, 140, 70), anchor="mm")
        c.t((150, y + 93), f"统一社会信用代码：{code}", 16, (90, 90, 90), anchor="lm")
        c.t((70, y + 130), f"法定代表人：{util.person(rng)}    成立日期：{2000 + rng.randint(0, 22)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", 16, (90, 90, 90))
        if fields["time"]:
            c.t((w - 70, y + 30), f"{lab['time']}：{tstr}", 15, (120, 120, 120), anchor="ra")
        if fields["matter"]:
            c.t((w - 70, y + 60), f"{lab['matter']}：{matter}", 15, (120, 120, 120), anchor="ra")
        y += 210
        tabs = ["基础信息", "行政管理", "诚实守信", "严重失信主体名单", "经营异常", "信用承诺", "信用评价"]
        c.d.rectangle((40, y, w - 40, y + 50), fill=(255, 255, 255))
        for i, tb in enumerate(tabs):
            c.t((70 + i * 150, y + 25), tb, 16, (23, 95, 190) if i == 3 else (60, 60, 60), anchor="lm")
        y += 60
        c.d.rectangle((40, y, w - 40, y + 160), fill=(255, 255, 255))
        if fields["result"]:
            c.t((70, y + 40), rng.choice(["", lab["result"] + "："]) + result, 18, (30, 30, 30))
        c.t((70, y + 90), "暂无数据", 16, (150, 150, 150))
        return c.img
    # phone app: label above value
    w, h = 1080, rng.choice([2340, 2400])
    c = Canvas(w, h, split, rng, bg=(243, 244, 246))
    _status_bar(c, rng)
    c.d.rectangle((0, 110, w, 250), fill=(255, 255, 255))
    c.t((w / 2, 180), rng.choice(["信用查询", "信用核查", "查询详情"]), 46, (20, 20, 20), bold=True, anchor="mm")
    c.t((60, 180), "‹", 60, (20, 20, 20), anchor="lm")
    y = 290
    cards = []
    if fields["subject"]:
        cards.append((lab["subject"], subject))
    cards.append(("统一社会信用代码", code))
    if fields["matter"]:
        cards.append((lab["matter"], matter))
    if fields["time"]:
        cards.append((lab["time"], tstr))
    if fields["result"]:
        cards.append((lab["result"], result))
    c.d.rounded_rectangle((40, y, w - 40, y + 170 * len(cards) + 40), radius=30, fill=(255, 255, 255))
    y += 40
    for k, v in cards:
        c.t((80, y), k, 36, (140, 140, 140))
        vv = v
        f = util.font(c.ui, 44)
        if c.d.textlength(vv, font=f) > w - 160:
            vv = vv[:18]
        c.t((80, y + 60), vv, 44, (20, 20, 20))
        c.d.line((80, y + 150, w - 80, y + 150), fill=(235, 235, 235), width=2)
        y += 170
    return c.img
