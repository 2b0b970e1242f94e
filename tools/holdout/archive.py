"""Plan of one evidence archive: the county, its folders (in the naming styles of real submissions),
and every file with what it must contain. Rendering happens elsewhere; this module decides."""
from __future__ import annotations

import datetime as dt
import math

from . import content, photos as photomod, util, wm

COUNTIES = [("青石县", "济州市", "济"), ("白河县", "临江市", "临"), ("安平县", "东营府市", "东"), ("柳泉县", "泰和市", "泰"),
            ("云岭县", "济州市", "济"), ("石门县", "沂北市", "沂"), ("桐山县", "潍阳市", "潍"), ("临川县", "德安市", "德")]

CATS = [("1", "制度建设", 13), ("2", "联动机制", 5), ("3", "信息管理", 12), ("4", "信用应用", 25), ("5", "诚信宣传", 15),
        ("6", "培训交流", 6), ("7", "探索创新", 24)]
IND_NAMES = {
    "1.1": ["成立领导小组", "领导小组", "组织机构"], "1.2": ["创建工作方案", "工作方案及月度台账", "创建方案"],
    "1.3": ["年度工作要点", "工作要点"], "1.4": ["季度专题学习", "领导小组季度会议", "专题研究"],
    "2.1": ["市局对接", "与市局联动", "上下联动"], "2.2": ["协调机制", "部门协调联动"],
    "3.1": ["信用信息报送", "信息报送"], "3.2": ["信用数据共享", "数据共享"],
    "4.1": ["信用承诺", "信用承诺制"], "4.2": ["信用评价", "信用评价体系"], "4.3": ["分级分类监管", "分级分类"],
    "4.4": ["信用查询", "信用报告查询应用"], "4.5": ["信用修复", "信用修复案例"],
    "5.1": ["信用交通宣传月", "宣传月活动"], "5.2": ["主题活动", "主题宣传活动"], "5.3": ["一把手谈信用", "诚信故事"],
    "5.4": ["典型案例月报", "典型案例报送"], "6.1": ["信用管理办法学习", "政策学习"], "6.2": ["省厅培训", "参加省级培训"],
    "6.3": ["企业信用培训", "从业人员培训"], "6.4": ["考察学习", "学习考察"],
    "7.1": ["信易+政策", "信易加政策文件"], "7.2": ["信易+场景应用", "信易加场景"], "7.3": ["典型案例宣传", "成功案例报道"],
}
CN_NUM = "一二三四五六七"
QN = ["第一季度", "第二季度", "第三季度", "第四季度"]


def cat_folder(rng, i, name, pts):
    n = int(i)
    return util.wpick(rng, [(3, f"{CN_NUM[n - 1]}、{name}（{pts}分）"), (2, f"{n:02d}{name}"), (2, f"{CN_NUM[n - 1]} {name}"),
                            (2, f"{n}.{name}"), (1, f"第{CN_NUM[n - 1]}部分 {name}"), (1, f"{n}-{name}")])


def ind_folder(rng, iid, style):
    a, b = iid.split(".")
    nm = rng.choice(IND_NAMES[iid])
    return {0: f"{b}.{nm}", 1: f"{a}-{b} {nm}", 2: f"{iid}{nm}", 3: f"{iid} {nm}", 4: f"（{CN_NUM[int(b) - 1]}）{nm}"}[style]


class Plan:
    def __init__(self, seed, split, n_photos=150, n_docs=80, n_shots=40):
        self.seed, self.split = seed, split
        rng = util.rng_for(seed, "world")
        county, city, cabbr = COUNTIES[seed % len(COUNTIES)] if split == "tune" else rng.choice(COUNTIES)
        self.world = {"province": "山东省", "city": city, "county": county, "abbr": county[0], "cabbr": cabbr,
                      "bureau": county + "交通运输局", "city_bureau": city + "交通运输局",
                      "partner": county + rng.choice(["发展和改革局", "市场监督管理局", "行政审批服务局"]),
                      "gps": (rng.uniform(35.0, 37.6), rng.uniform(115.8, 121.5))}
        self.root = county + rng.choice(["信用交通县验收材料", "信用交通县创建佐证材料", "创建信用交通县佐证材料（2025年）",
                                         "信用交通县迎检材料"])
        self.rng = rng
        self.n_photos, self.n_docs, self.n_shots = n_photos, n_docs, n_shots
        self.items = []  # dicts: type, rel, indicator, ...
        self._folders()
        self._numbers = {}
        self._plan_docs()
        self._plan_photos()
        self._plan_shots()
        self._plan_ledgers()
        self._plan_loose()
        self._check_names()

    # ---------------------------------------------------------------- folders
    def _folders(self):
        rng = self.rng
        self.cat_dir = {}
        for i, name, pts in CATS:
            self.cat_dir[i] = cat_folder(rng, i, name, pts)
        self.ind_dir = {}
        for iid in IND_NAMES:
            style = rng.randint(0, 4)
            self.ind_dir[iid] = self.cat_dir[iid.split(".")[0]] + "/" + ind_folder(rng, iid, style)

    def folder(self, iid, sub=None):
        return self.ind_dir[iid] + (("/" + sub) if sub else "")

    # ---------------------------------------------------------------- numbers
    def number(self, issuer, d):
        w = self.world
        code = {"own": self.own_code(), "joint": self.own_code(), "city": w["cabbr"] + "交法",
                "province": "鲁交法函", "penalty": w["abbr"] + "交运罚"}[issuer]
        self._numbers.setdefault(code, []).append(d)
        return code

    def own_code(self):
        if not hasattr(self, "_own"):
            self._own = util.wpick(self.rng, [(5, self.world["abbr"] + "交字"), (2, self.world["abbr"] + "交发"),
                                              (1, self.world["abbr"] + "交办字")])
        return self._own

    # ---------------------------------------------------------------- documents
    def _plan_docs(self):
        rng = util.rng_for(self.seed, "docs")
        w = self.world
        base = [("1.1", 2), ("1.2", 2), ("1.3", 2), ("1.4", 6), ("2.1", 4), ("2.2", 2), ("4.1", 8), ("4.2", 4), ("4.3", 4),
                ("4.5", 3), ("5.1", 3), ("5.2", 3), ("5.4", 10), ("6.1", 2), ("6.2", 2), ("6.3", 2), ("6.4", 3),
                ("7.1", 4), ("7.2", 3)]
        total = sum(n for _, n in base)
        extra = max(0, self.n_docs - total)
        counts = dict(base)
        for k in ["1.2", "4.2", "4.3", "7.1", "1.3", "5.1", "2.2", "6.4", "7.2", "1.1"] * 10:
            if extra <= 0:
                break
            counts[k] += 1
            extra -= 1
        if self.n_docs < total:  # shrink proportionally, keep at least one per indicator
            f = self.n_docs / total
            counts = {k: max(1, int(round(n * f))) for k, n in counts.items()}
        docs = []
        months_late = set(rng.sample(range(1, 11), 3))
        for iid, n in counts.items():
            for j in range(n):
                if iid == "4.1":
                    docs.append({"indicator": iid, "kind": "letter", "j": j})
                elif iid == "5.4":
                    docs.append({"indicator": iid, "kind": "report", "j": j, "month": (j % 12) + 1, "late": ((j % 12) + 1) in months_late})
                else:
                    docs.append({"indicator": iid, "kind": "document", "j": j})
        # dates
        for d in docs:
            iid = d["indicator"]
            if iid in ("1.1", "1.2"):
                d["date"] = util.rand_workday(rng, dt.date(2025, 1, 6), dt.date(2025, 2, 28))
            elif iid == "1.4":
                q = d["j"] % 4 + 1
                a, b = util.quarter_range(q)
                d["date"] = util.rand_workday(rng, a + dt.timedelta(days=10), b - dt.timedelta(days=20))
                d["q"] = q
            elif iid == "2.1":
                q = d["j"] % 4 + 1
                a, b = util.quarter_range(q)
                d["date"] = util.rand_workday(rng, a, b - dt.timedelta(days=15))
                d["q"] = q
            elif iid == "5.4":
                m = d["month"]
                day = rng.randint(16, 24) if d["late"] else rng.randint(3, 14)
                d["date"] = dt.date(2025, m, day)
            else:
                d["date"] = util.rand_workday(rng, dt.date(2025, 1, 10), dt.date(2025, 11, 20))
        docs.sort(key=lambda x: x["date"])
        # modes
        doc_modes = [(14, "cid"), (18, "ttf"), (10, "glyph"), (6, "charspace"), (10, "soffice"), (14, "scan_color"), (6, "scan_low"),
                     (8, "scan_gray"), (5, "phone_pdf"), (5, "phone_jpg"), (4, "scan_rot")]
        documents = [d for d in docs if d["kind"] == "document"]
        # planted defects on documents
        defect_kinds = ["no_seal", "no_seal", "no_seal", "black_header", "no_header", "no_number", "no_number"]
        bad_forms = ["square", "paren", "fwparen", "lenticular", "di", "yy", "zero", "square"]
        dforms = ["cn", "cnO", "cn0", "cn", "padded", "cnO"]
        rng.shuffle(documents)
        k = 0
        for dd in defect_kinds:
            documents[k]["defects"] = {dd}
            k += 1
        for bf in bad_forms:
            documents[k]["number_form"] = bf
            k += 1
        for i, df in enumerate(dforms):
            documents[(k + i * 3) % len(documents)]["date_form"] = df
        mode_cycle = []
        for wgt, m in doc_modes:
            mode_cycle += [m] * wgt
        rng.shuffle(mode_cycle)
        for i, d in enumerate(documents):
            d["mode"] = mode_cycle[i % len(mode_cycle)]
        for d in docs:
            if d["kind"] == "letter":
                d["mode"] = rng.choice(["scan_color", "scan_color", "phone_pdf", "phone_jpg", "scan_low", "cid"])
            elif d["kind"] == "report":
                d["mode"] = rng.choice(["ttf", "cid", "soffice", "glyph", "ttf"])
        # own numbers in date order
        seq = {}
        for d in docs:
            if d["kind"] != "document":
                continue
            iid = d["indicator"]
            types = content.DOC_TYPES[iid]
            t, kw, issuer = types[d["j"] % len(types)]
            domain = rng.choice(content.DOMAINS)
            d["domain"] = domain
            d["title"] = t.format(county=w["county"], city=w["city"], year=2025, q=CN_NUM[d.get("q", 1) - 1], domain=domain,
                                  company=util.company(rng, w["county"]))
            d["kind_word"] = kw
            d["issuer"] = issuer
            code = self.number(issuer, d["date"])
            seq[code] = seq.get(code, rng.randint(1, 4)) + rng.randint(1, 4)
            d["number"] = (code, seq[code])
            if "no_number" in d.get("defects", set()):
                d["number"] = None
        for d in docs:
            iid = d["indicator"]
            folder = self.folder(iid, QN[d["q"] - 1] if iid == "1.4" and rng.random() < 0.8 else None)
            if d["kind"] == "letter":
                comp = util.company(rng, w["county"])
                d["company"] = comp
                d["title"] = "信用承诺书"
                d["privacy_mobile"] = d["j"] in (1, 4)
                d["privacy_id"] = d["j"] == 4
                name = rng.choice([f"{comp}信用承诺书", f"{comp.replace(w['county'], '')}承诺书", f"信用承诺书-{comp[-8:]}"])
                d["seal"] = True
            elif d["kind"] == "report":
                m = d["month"]
                d["title"] = f"{w['county']}交通运输局{2025}年{m}月信用交通典型案例报送"
                d["seal"] = rng.random() < 0.5
                name = rng.choice([f"2025年{m}月典型案例报送", f"{m}月典型案例", f"{2025}{m:02d}典型案例月报"])
            else:
                name = d["title"] if rng.random() < 0.6 else (f"{d['date']:%Y%m%d}" + d["title"][:16])
                if d["mode"].startswith("scan") and rng.random() < 0.4:
                    name += rng.choice(["（扫描件）", "_扫描", "（盖章版）"])
            ext = ".jpg" if d["mode"] == "phone_jpg" else ".pdf"
            d["rel"] = f"{folder}/{name}{ext}"
            d["type"] = "doc"
            d["key"] = "doc:" + d["rel"]
            self.items.append(d)

    # ---------------------------------------------------------------- photos
    def _plan_photos(self):
        rng = util.rng_for(self.seed, "photos")
        alloc = [("1.4", 24), ("2.1", 16), ("5.1", 18), ("5.2", 16), ("6.1", 12), ("6.2", 8), ("6.3", 14), ("6.4", 10),
                 ("7.2", 14), (None, 2)]
        tot = sum(n for _, n in alloc)
        n_target = self.n_photos - 1  # one loose/corrupt reserved
        f = n_target / tot
        alloc = [(k, max(1, int(round(n * f)))) for k, n in alloc]
        styles = list(wm.styles_for(self.split))
        n_all = sum(n for _, n in alloc)
        n_dup = max(2, round(n_all * 0.05))
        # no-watermark photos are concentrated in a few indicators (D.7 zeroes those)
        nowm_inds = rng.sample(["6.4", "5.2", "7.2", "6.2", "6.1"], 2)
        slots = []
        for iid, n in alloc:
            for j in range(n):
                slots.append(iid)
        rng.shuffle(slots)
        slots = slots[:n_all - n_dup]
        n_nowm = max(2, math.ceil((len(slots) + n_dup + 1) * 0.16))
        # every style at least 8 times per full-size set: add photos where the plan is short
        need = 8 * len(styles) if self.n_photos >= 120 else 0
        fill = [k for k, _ in alloc if k]
        while len(slots) - n_nowm < need:
            slots.append(rng.choice(fill))
            n_nowm = max(2, math.ceil((len(slots) + n_dup + 1) * 0.16))
        style_list = []
        while len(style_list) < len(slots):
            s2 = styles[:]
            rng.shuffle(s2)
            style_list += s2
        kinds = []
        nowm_left = n_nowm
        for s in slots:
            if s in nowm_inds and nowm_left > 0 and rng.random() < 0.8:
                kinds.append("nowm")
                nowm_left -= 1
            elif s is None and nowm_left > 0:
                kinds.append("nowm")
                nowm_left -= 1
            else:
                kinds.append("wm")
        i = 0
        while nowm_left > 0 and i < len(kinds):  # any remainder goes to the chosen indicators
            if kinds[i] == "wm" and slots[i] in nowm_inds:
                kinds[i] = "nowm"
                nowm_left -= 1
            i += 1
        # event dates per indicator
        events = {}
        for iid in ["1.4", "2.1"]:
            for q in range(1, 5):
                a, b = util.quarter_range(q)
                events[(iid, q)] = util.rand_workday(rng, a + dt.timedelta(days=5), b - dt.timedelta(days=5))
        specs = []
        si = 0
        counters = {}
        w = self.world
        for slot, kind in zip(slots, kinds):
            counters[slot] = counters.get(slot, 0) + 1
            c = counters[slot]
            sub = None
            if slot in ("1.4", "2.1"):
                q = (c - 1) % 4 + 1
                day = events[(slot, q)]
                if slot == "1.4" and rng.random() < 0.85:
                    sub = QN[q - 1]
            elif slot == "5.1":
                day = util.rand_workday(rng, dt.date(2025, 6, 3), dt.date(2025, 6, 27))
            elif slot == "5.2":
                act = rng.choice(["诚信春运", "诚信建设万里行"])
                sub = act
                day = util.rand_workday(rng, dt.date(2025, 1, 13), dt.date(2025, 2, 25)) if act == "诚信春运" else \
                    util.rand_workday(rng, dt.date(2025, 5, 6), dt.date(2025, 5, 30))
            else:
                day = util.rand_workday(rng, dt.date(2025, 1, 15), dt.date(2025, 11, 28))
            t = util.rand_time(rng, day)
            sp = {"type": "photo", "indicator": slot, "time": t, "sub": sub}
            if kind == "wm":
                sp["style"] = style_list[si]
                si += 1
            else:
                sp["style"] = None
                sp["scene"] = rng.choice(["meeting", "training", "street", "booth", "construction", "meeting", "real"])
            specs.append(sp)
        # storage variants
        editors = photomod.EDITORS[:]
        rng.shuffle(editors)
        wm_specs = [s for s in specs if s["style"]]
        rng.shuffle(wm_specs)
        n_ed = min(len(editors), max(3, round(len(specs) * 0.05)))
        for s in wm_specs[:n_ed]:
            s["editor"] = editors.pop()
        for s in specs:
            r = rng.random()
            if "editor" in s:
                pass
            elif r < 0.22:
                s["wechat"] = True
            elif r < 0.3:
                s["exif"] = False
            elif r < 0.4:
                s["exif_offset"] = dt.timedelta(minutes=rng.choice([-3, -2, -1, 1, 2, 4]), seconds=rng.randint(0, 59))
            s["quality"] = rng.randint(55, 95)
            if not s.get("wechat") and rng.random() < 0.09:
                s["orientation"] = rng.choice([6, 6, 8, 3])
            if rng.random() < 0.3:
                s["gps"] = (w["gps"][0] + rng.uniform(-0.05, 0.05), w["gps"][1] + rng.uniform(-0.05, 0.05))
        # EXIF far from the watermark (days/months): a reuse/forgery signal
        far = [s for s in wm_specs[n_ed:] if not s.get("wechat") and s.get("exif", True)][:2]
        for s in far:
            s["exif_time_override"] = s["time"] + dt.timedelta(days=rng.choice([23, 61, 97]), minutes=rng.randint(1, 300))
            s["defect"] = "D.1 watermark time and EXIF time differ by days"
        # duplicates: copies of earlier photos, put elsewhere
        dups = []
        originals = [s for s in specs if s["style"]]
        rng.shuffle(originals)
        modes = ["resize", "crop", "recompress", "restamp", "restamp", "crop", "resize", "recompress"]
        for k in range(n_dup):
            o = originals[k]
            mode = modes[k % len(modes)]
            target = rng.choice(["5.1", "5.2", "6.3", "7.2", "2.1", "6.1"])
            t2 = util.rand_time(rng, util.rand_workday(rng, dt.date(2025, 1, 15), dt.date(2025, 11, 28)))
            dsp = {"type": "photo", "indicator": target, "time": t2 if mode == "restamp" else o["time"], "sub": None,
                   "dup": {"orig": o, "mode": mode}, "quality": rng.randint(60, 92)}
            if mode == "restamp":
                dsp["style"] = rng.choice([s for s in styles if s != o["style"] and s not in ("phone_frame", "orange_date")])
            else:
                dsp["style"] = o["style"]
                dsp["time"] = o["time"]
                dsp["exif_time_override"] = t2
            dsp["defect"] = "D.1 reused photo (" + mode + ")"
            dups.append(dsp)
        specs += dups
        # names and paths
        for i, s in enumerate(specs):
            t = s["time"]
            iid = s["indicator"]
            folder = self.folder(iid, s.get("sub")) if iid else "新建文件夹"
            form = rng.random()
            if form < 0.25:
                name = f"IMG_{t:%Y%m%d_%H%M%S}"
            elif form < 0.4:
                name = f"mmexport{int(t.timestamp() * 1000) + rng.randint(0, 999)}"
            elif form < 0.5:
                name = f"微信图片_{t:%Y%m%d%H%M%S}"
            elif form < 0.58:
                name = f"DSC_{rng.randint(1000, 9999)}"
            elif form < 0.8:
                name = f"{t.year}.{t.month}.{t.day} " + rng.choice(["会议", "活动现场", "培训", "现场", "学习"]) + str(i % 7 + 1)
            else:
                name = rng.choice(["现场照片", "活动照片", "会议照片", "图片"]) + f"{i + 1}"
            ext = rng.choice([".jpg", ".jpg", ".jpg", ".JPG", ".jpeg"])
            s["rel"] = f"{folder}/{name}{ext}"
            s["key"] = "photo:" + s["rel"]
        # keys of originals must be fixed before dup specs reference them (they are the same dict objects)
        self.items += specs
        # one corrupt (truncated) JPEG
        cs = {"type": "photo", "indicator": "6.2", "time": util.rand_time(rng, dt.date(2025, 9, 16)), "style": "jrsy_classic",
              "corrupt": True, "quality": 85, "sub": None}
        cs["rel"] = self.folder("6.2") + "/" + rng.choice(["省厅培训现场.jpg", "IMG_20250916_093011.jpg"])
        cs["key"] = "photo:" + cs["rel"]
        cs["defect"] = "truncated JPEG: must be reported, not crash"
        self.items.append(cs)

    # ---------------------------------------------------------------- screenshots
    def _plan_shots(self):
        rng = util.rng_for(self.seed, "shots")
        w = self.world
        base = [("1.2", "plan_pub", 2), ("3.1", "credit_news", 14), ("3.2", "share", 4), ("4.2", "gov_pub", 2), ("4.3", "gov_pub", 1),
                ("4.4", "query", 9), ("4.5", "after_repair", 2), ("5.3", "wechat", 3), ("7.1", "gov_pub", 1), ("7.3", "media", 3)]
        tot = sum(n for *_, n in base)
        f = self.n_shots / tot
        base = [(i, k, max(1, int(round(n * f)))) for i, k, n in base]
        q_counts = {1: 0, 2: 0, 3: 0, 4: 0}
        domains = rng.sample(["机动车维修", "驾驶员培训", "道路货运", "城市交通", "道路客运"], 4)
        for iid, kind, n in base:
            for j in range(n):
                s = {"type": "shot", "indicator": iid, "shot": kind, "j": j}
                if kind == "credit_news":
                    q = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 1, 3][j % 14]
                    a, b = util.quarter_range(q)
                    s["date"] = util.rand_workday(rng, a, b - dt.timedelta(days=2))
                    q_counts[q] += 1
                    s["title"] = rng.choice(["多措并举推进信用交通县创建", "召开信用交通县创建工作推进会", "开展诚信春运主题宣传活动",
                                             "扎实推进“双公示”信息报送", "开展道路运输企业信用培训", "推行信用承诺制度",
                                             "开展信用修复“一对一”指导", "推出“信易批”便民举措"])
                    s["title"] = w["county"] + "：" + s["title"]
                elif kind in ("plan_pub", "gov_pub"):
                    s["date"] = util.rand_workday(rng, dt.date(2025, 1, 20), dt.date(2025, 10, 30))
                    s["title"] = rng.choice([f"{w['county']}信用交通县创建工作方案", f"关于印发{rng.choice(content.DOMAINS)}信用评价实施细则的通知",
                                             "关于公开信用分级分类监管办法的公告", "信易贷实施办法政策解读"])
                elif kind in ("wechat", "media"):
                    s["date"] = util.rand_workday(rng, dt.date(2025, 3, 1), dt.date(2025, 11, 30))
                    s["title"] = rng.choice(["一把手谈信用｜以信用建设助推交通运输高质量发展", "诚信故事｜一位老司机的守信之路",
                                             f"{w['county']}“信易贷”为守信运输企业授信超千万元", f"{w['county']}推行“信易批”，守信企业办证提速"])
                elif kind == "share":
                    s["domain"] = domains[j % len(domains)]
                elif kind == "query":
                    layout = ["table", "heading", "phone"][j % 3]
                    s["layout"] = layout
                    fields = {"time": True, "matter": True, "subject": True, "result": True}
                    if j in (4, 8):
                        fields[rng.choice(["time", "matter", "result"])] = False
                    s["fields"] = fields
                    s["qtime"] = util.rand_time(rng, util.rand_workday(rng, dt.date(2025, 3, 1), dt.date(2025, 11, 28)))
                    s["subject"] = util.company(rng, w["county"])
                elif kind == "after_repair":
                    s["subject"] = util.company(rng, w["county"])
                    s["qtime"] = util.rand_time(rng, util.rand_workday(rng, dt.date(2025, 4, 1), dt.date(2025, 11, 28)))
                name = {"credit_news": lambda: (f"{s['date']:%Y-%m-%d} " if rng.random() < 0.6 else "") + rng.choice(["信用工作信息", "信息报送截图", "网站刊发截图"]) + f"{j + 1}",
                        "plan_pub": lambda: rng.choice(["县政府网站公开截图", "方案公开截图", "政府信息公开截图"]) + (str(j + 1) if j else ""),
                        "gov_pub": lambda: rng.choice(["政府网站公开截图", "网站公示截图"]) + str(j + 1),
                        "share": lambda: f"{s['domain']}信用数据共享截图",
                        "query": lambda: rng.choice(["信用查询截图", "信用核查截图", "查询结果"]) + str(j + 1),
                        "after_repair": lambda: f"修复后信用中国截图{j + 1}",
                        "wechat": lambda: rng.choice(["一把手谈信用", "诚信故事", "公众号文章"]) + str(j + 1),
                        "media": lambda: rng.choice(["媒体报道", "案例报道截图"]) + str(j + 1)}[kind]()
                ext = ".png" if rng.random() < 0.7 else ".jpg"
                s["rel"] = f"{self.folder(iid)}/{name}{ext}"
                s["key"] = "shot:" + s["rel"]
                self.items.append(s)
        self.q_counts = q_counts

    # ---------------------------------------------------------------- ledgers
    def _plan_ledgers(self):
        rng = util.rng_for(self.seed, "ledgers")
        n_months = rng.choice([10, 11, 12])
        for m in range(1, n_months + 1):
            self.items.append({"type": "ledger", "ledger": "monthly", "indicator": "1.2", "month": m,
                               "rel": f"{self.folder('1.2', '月度工作台账')}/2025年{m}月创建工作台账.pdf"})
        self.items.append({"type": "ledger", "ledger": "sgs", "indicator": "3.2", "rel": f"{self.folder('3.2')}/双公示信息报送台账.pdf"})
        self.items.append({"type": "ledger", "ledger": "repair", "indicator": "4.5", "wrap": True, "id": True, "mobile": True,
                           "rel": f"{self.folder('4.5')}/信用修复台账.pdf"})
        self.items.append({"type": "ledger", "ledger": "repair", "indicator": "4.5", "wrap": False, "id": False, "mobile": False,
                           "rel": f"{self.folder('4.5')}/信用修复台账（公开版）.pdf"})
        self.items.append({"type": "ledger", "ledger": "repair", "indicator": "4.5", "wrap": False, "id": False, "mobile": True,
                           "rel": f"{self.folder('4.5')}/信用修复企业联系表.pdf"})
        for iid, ev, short, n_unm, photo in [("6.1", "《山东省交通运输信用管理办法》专题学习会", "专题学习会", 0, False),
                                             ("6.3", "道路运输企业信用知识培训班", "企业信用培训", 4, False),
                                             ("6.3", "信用修复政策宣讲会", "信用修复宣讲会", 2, True), ("1.4", "领导小组会议", "领导小组会议", 0, True),
                                             ("6.4", "考察学习", "考察学习", 1, False)]:
            day = util.rand_workday(rng, dt.date(2025, 3, 1), dt.date(2025, 11, 20))
            ext = ".jpg" if photo else ".pdf"
            self.items.append({"type": "ledger", "ledger": "signin", "indicator": iid, "event": ev, "day": day, "n_unmasked": n_unm,
                               "photo": photo, "rel": f"{self.folder(iid)}/{short}签到表{ext}"})
        for it in self.items:
            if it["type"] == "ledger":
                it["key"] = "ledger:" + it["rel"]

    def _plan_loose(self):
        rng = util.rng_for(self.seed, "loose")
        self.items.append({"type": "text", "indicator": None, "rel": rng.choice(["备忘.txt", "说明.txt", "新建文本文档.txt"]),
                           "text": "材料还差：11月、12月台账；四季度市局对接照片。\r\n", "defect": "D.5 loose file at root", "key": "loose:txt"})
        self.items.append({"type": "corrupt_pdf", "indicator": None, "rel": rng.choice(["损坏文件.pdf", "扫描件(1).pdf"]),
                           "defect": "corrupt PDF at root", "key": "loose:pdf"})

    def _check_names(self):
        seen = set()
        for it in self.items:
            rel = it["rel"]
            base, dot, ext = rel.rpartition(".")
            k = 2
            while rel.lower() in seen:
                rel = f"{base}_{k}.{ext}"
                k += 1
            it["rel"] = rel
            seen.add(rel.lower())
            if "key" in it:
                pass
