"""What each preset makes: lists of jobs (one per file) for build.build()."""
from __future__ import annotations

import copy
import datetime as dt
import random

from .common import (APPROVAL, BUREAU, CITY, DRC, QUARTER_ZH, add_workdays, id_card_number,
                     mobile_number, quarter_of, rng_for, sub_seed, uscc, workdays_between)
from .content import DocParams
from .docrender import ScanSpec
from .photos import PHONES, ExifSpec, PhotoSpec, WatermarkSpec, antifake_code
from .screens import ScreenSpec

D = dt.date
T = dt.datetime

# Indicator folders in the mixed naming styles real archives use.
CATEGORY_DIRS = {
    "1": "一、制度建设（13分）", "2": "二 联动机制", "3": "3.信息管理", "4": "04信用应用",
    "5": "五、诚信宣传（15分）", "6": "6 培训交流", "7": "七、探索创新（24分）", "B": "八、加分项",
}
INDICATOR_DIRS = {
    "1.1": "1.1成立领导小组", "1.2": "1.2创建工作方案", "1.3": "1.3年度工作要点",
    "1.4": "1.4领导小组会议",
    "2.1": "2.1市局对接", "2.2": "2.2 协调联动机制",
    "3.1": "3.1信息报送", "3.2": "3.2数据共享",
    "4.1": "4-1 信用承诺", "4.2": "4-2 信用评价", "4.3": "4-3 分级分类监管", "4.4": "4-4 信用查询",
    "4.5": "4-5 信用修复",
    "5.1": "5.1信用交通宣传月", "5.2": "5.2主题活动", "5.3": "5.3一把手谈信用", "5.4": "5.4典型案例报送",
    "6.1": "6.1 学习贯彻", "6.2": "6.2 省级培训", "6.3": "6.3 企业培训", "6.4": "6.4 考察学习",
    "7.1": "7.1信易+政策", "7.2": "7.2信易+场景", "7.3": "7.3典型案例宣传",
    "B.1": "1.创新做法被上级采纳", "B.5": "5.诚信典型选树", "B.6": "6.市级网站刊发",
    "B.8": "8.经费保障",
}


def ind_dir(ind: str) -> str:
    return CATEGORY_DIRS[ind.split(".")[0]] + "/" + INDICATOR_DIRS[ind]


def qdir(ind: str, q: int) -> str:
    return f"{ind_dir(ind)}/2025年{QUARTER_ZH[q]}"


def _phone(r):
    return PHONES[r.randrange(len(PHONES))]


GPS_QINGSHI = (36.52, 117.84)


def _exif(r, when, software=None, gps=True):
    make, model, sw = _phone(r)
    return ExifSpec(make=make, model=model, time=when, software=software or sw,
                    gps=(GPS_QINGSHI[0] + r.uniform(-0.02, 0.02), GPS_QINGSHI[1] + r.uniform(-0.02, 0.02))
                    if gps else None)


def _wm(r, style, when, place="青石县交通运输局", weather="晴 12℃"):
    return WatermarkSpec(style=style, time=when, place=place, weather=weather,
                         code=antifake_code(r) if style == "jinri" else "")


def _doc_job(path, ind, seed, notes=None, scan=None, kind=None, **kw):
    p = DocParams(seed=sub_seed(seed, path), **kw)
    if scan is not None:
        scan.seed = sub_seed(seed, path, "scan")
    return {"path": path, "indicator": ind, "kind": kind or ("scan_pdf" if scan else "text_pdf"),
            "doc": p, "scan": scan, "notes": notes}


def _photo_job(path, ind, seed, notes=None, **kw):
    spec = PhotoSpec(seed=sub_seed(seed, path), **kw)
    return {"path": path, "indicator": ind, "kind": "photo", "photo": spec, "notes": notes}


NEWS_BODY = [
    "为深入推进信用交通县创建工作，青石县交通运输局组织执法人员深入辖区道路运输企业、客运站和驾培机构，开展信用政策宣讲和信用承诺签订工作。",
    "活动中，工作人员向企业负责人详细解读了《山东省交通运输信用管理办法》和信用修复相关规定，现场发放宣传资料300余份，解答企业咨询50余人次。",
    "下一步，青石县交通运输局将持续加强诚信宣传教育，推动形成守信光荣、失信可耻的良好社会氛围。",
]


def _news(path, ind, seed, title, published, device="desktop", kind="news", site="信用交通·山东",
          source="青石县交通运输局", notes=None, as_jpg=False):
    r = rng_for(seed, path)
    cap = published + dt.timedelta(days=r.randint(0, 2), hours=r.randint(1, 5))
    spec = ScreenSpec(kind=kind, device=device, title=title, published=published, captured=cap,
                      source=source, body=list(NEWS_BODY), site=site, seed=sub_seed(seed, path) % 1000,
                      url=f"https://xyjt.jtt.shandong.example/art/{published:%Y/%m/%d}/art_{r.randint(1000, 9999)}.html")
    return {"path": path, "indicator": ind, "kind": "png_as_jpg" if as_jpg else "screenshot",
            "screen": spec, "notes": notes}


def sample_jobs(seed: int) -> list[dict]:
    """The committed sample archive (~50 files) with deliberate defects, see samples/README.md."""
    jobs = []
    r = rng_for(seed, "sample")
    B = [BUREAU.name]

    # ---- 1 制度建设 -------------------------------------------------------------
    jobs.append(_doc_job(f"{ind_dir('1.1')}/青交字〔2025〕3号 关于成立信用交通县创建工作领导小组的通知.pdf", "1.1", seed,
                         doc_type="leading_group", issuers=B, number="青交字〔2025〕3号", date=D(2025, 2, 17),
                         pages=2, banji=True, topic={"office_staff": ["张晓燕", "刘洋"]},
                         notes="full points: red header, own number, seal; office with 2 staff"))
    jobs.append(_doc_job(f"{ind_dir('1.2')}/青石县创建信用交通县工作方案.pdf", "1.2", seed,
                         doc_type="work_plan", issuers=B, number="青交发〔2025〕5号", date=D(2025, 3, 5),
                         pages=3, banji=True, notes="the plan; cites 鲁交法〔2020〕5号"))
    jobs.append(_news(f"{ind_dir('1.2')}/县政府网站公开截图.png", "1.2", seed,
                      "青石县交通运输局关于印发《青石县创建信用交通县工作方案》的通知", T(2025, 3, 7, 16, 30),
                      kind="portal", site="青石县人民政府", source="青石县交通运输局",
                      notes="proof the plan is published on the county government website"))
    months = [[f"2025年{m}月", t, "局法制科", "已完成"] for m, t in zip(range(1, 13), [
        "制定创建工作方案初稿", "成立领导小组，召开动员会", "印发工作方案，召开一季度领导小组会议", "报送信用信息2条，开展信用承诺",
        "组织学习信用管理办法", "开展信用交通宣传月活动", "推行信易+激励措施", "开展信用评价结果公示",
        "召开三季度领导小组会议", "报送典型案例", "开展信用修复专项行动", "创建工作总结自评"])]
    jobs.append({"path": f"{ind_dir('1.2')}/月度台账/2025年创建工作月度台账.docx", "indicator": "1.2",
                 "kind": "docx", "notes": "12 monthly records in one table",
                 "docx": {"title": "青石县创建信用交通县工作月度台账（2025年）",
                          "paragraphs": ["填报单位：青石县交通运输局法制科"],
                          "table": [["月份", "主要工作", "责任单位", "完成情况"]] + months,
                          "after": ["填报人：张晓燕    审核人：周涛"], "rows_label": 12}})
    jobs.append(_doc_job(f"{ind_dir('1.3')}/关于印发2025年全县交通运输工作要点的通知.pdf", "1.3", seed,
                         doc_type="key_points", issuers=B, number="青交字〔2025〕8号", date=D(2025, 3, 20),
                         seal="none", pages=1, notes="D.6: no seal -> indicator 1.3 scores zero"))

    # 1.4 quarterly leading-group meetings: Q1-Q3 only (Q4 gap)
    q1 = T(2025, 3, 18, 9, 30)
    jobs.append(_doc_job(f"{qdir('1.4', 1)}/关于召开一季度领导小组会议的通知.pdf", "1.4", seed,
                         doc_type="meeting_notice", issuers=B, number="青交字〔2025〕10号", date=D(2025, 3, 14),
                         topic={"quarter": 1, "meeting_time": q1}))
    jobs.append(_photo_job(f"{qdir('1.4', 1)}/2025.3.18 领导小组会议.jpg", "1.4", seed, scene="meeting",
                           banner="青石县信用交通县创建工作领导小组2025年第一次会议", people=10,
                           watermark=_wm(r, "jinri", q1, "青石县·交通运输局三楼会议室"),
                           exif=_exif(r, q1 + dt.timedelta(seconds=12))))
    jobs.append(_photo_job(f"{qdir('1.4', 1)}/2025.3.18 领导小组会议2.jpg", "1.4", seed, scene="meeting",
                           banner="青石县信用交通县创建工作领导小组2025年第一次会议", people=8,
                           watermark=_wm(r, "jinri", q1 + dt.timedelta(minutes=41), "青石县·交通运输局三楼会议室"),
                           exif=_exif(r, q1 + dt.timedelta(minutes=41, seconds=5))))
    q2 = T(2025, 6, 12, 15, 5)
    jobs.append(_doc_job(f"{qdir('1.4', 2)}/20250612会议纪要（扫描件）.pdf", "1.4", seed,
                         doc_type="minutes", issuers=B, number="青交字〔2025〕31号", date=D(2025, 6, 13),
                         topic={"quarter": 2, "meeting_time": q2}, header_suffix="会议纪要",
                         scan=ScanSpec(dpi=150, rotation_deg=-1.4, grayscale=True, jpeg_quality=60),
                         notes="grayscale scan: red header and seal cannot be verified by colour"))
    jobs.append(_photo_job(f"{qdir('1.4', 2)}/二季度领导小组会议.jpg", "1.4", seed, scene="meeting",
                           banner="信用交通县创建工作领导小组二季度工作推进会", people=10,
                           watermark=_wm(r, "jinri", q2, "青石县·交通运输局三楼会议室", "多云 27℃"),
                           exif=None, notes="forwarded through WeChat: no EXIF"))
    q3 = T(2025, 9, 16, 9, 0, 27)
    jobs.append(_doc_job(f"{qdir('1.4', 3)}/关于召开三季度领导小组会议的通知.pdf", "1.4", seed,
                         doc_type="meeting_notice", issuers=B, number="青交字〔2025〕52号", date=D(2025, 9, 12),
                         topic={"quarter": 3, "meeting_time": q3}))
    jobs.append(_photo_job(f"{qdir('1.4', 3)}/IMG_20250916_090027.jpg", "1.4", seed, scene="meeting",
                           banner="信用交通县创建工作领导小组三季度会议", people=8, width=768, height=1024,
                           rotate_stored=True, watermark=_wm(r, "stamp", q3),
                           exif=ExifSpec("Apple", "iPhone 13", q3, "16.6", gps=GPS_QINGSHI),
                           notes="portrait stored landscape with EXIF Orientation 6; corner stamp watermark"))

    # ---- 2 联动机制 ----------------------------------------------------------
    jobs.append(_doc_job(f"{qdir('2.1', 1)}/临山市交通运输局关于开展联合调研督导的通知（扫描件）.pdf", "2.1", seed,
                         doc_type="city_notice", issuers=[CITY.name], number="临交字〔2025〕8号", date=D(2025, 3, 6),
                         seal_color=(205, 30, 40), scan=ScanSpec(dpi=150, rotation_deg=1.8, jpeg_quality=62,
                                                                  producer="EPSON Scan"),
                         notes="city bureau's formal notice, colour scan"))
    for q, when, style, wm_on, ex_on, note in [
            (1, T(2025, 3, 25, 10, 12), "jinri", True, True, None),
            (2, T(2025, 5, 20, 14, 40), "jinri", True, True, None),
            (3, T(2025, 8, 14, 9, 50), None, False, True, "D.7: no watermark -> 2.1 scores zero"),
            (4, T(2025, 11, 11, 15, 20), "marker", True, True, None)]:
        jobs.append(_photo_job(f"{qdir('2.1', q)}/市局联合督导现场{q}.jpg", "2.1", seed, scene="meeting",
                               banner="临山市交通运输局信用交通县创建联合督导座谈会", people=8,
                               watermark=_wm(r, style, when, "青石县交通运输局二楼会议室") if wm_on else None,
                               exif=_exif(r, when + dt.timedelta(seconds=r.randint(1, 50))) if ex_on else None,
                               notes=note))
    jobs.append(_doc_job(f"{ind_dir('2.2')}/关于建立信用交通县创建协调联动工作机制的通知.pdf", "2.2", seed,
                         doc_type="mechanism", issuers=[BUREAU.name, DRC.name], number="青交发〔2025〕9号",
                         date=D(2025, 4, 2), pages=2, notes="联合行文: two-line header, two seals"))

    # ---- 3 信息管理 ----------------------------------------------------------
    jobs.append(_news(f"{qdir('3.1', 1)}/信用交通山东-诚信春运宣传.png", "3.1", seed,
                      "青石县交通运输局开展“诚信春运”主题宣传活动", T(2025, 2, 20, 9, 12)))
    jobs.append(_news(f"{qdir('3.1', 1)}/手机截图-信用承诺进企业.png", "3.1", seed,
                      "青石县推进信用承诺全覆盖 300余家运输企业签订承诺书", T(2025, 3, 26, 15, 0), device="phone"))
    jobs.append(_news(f"{qdir('3.1', 2)}/信用交通山东-信用交通进企业.png", "3.1", seed,
                      "青石县交通运输局开展信用交通进企业宣传活动", T(2025, 4, 10, 10, 3)))
    tbl = ScreenSpec(kind="table", title="2025年青石县机动车维修企业信用评价结果公示",
                     columns=["序号", "企业名称", "统一社会信用代码", "评价等级", "评价年度"],
                     rows=[[i + 1, n, uscc(r), g, "2024"] for i, (n, g) in enumerate([
                         ("青石县顺通汽车维修有限公司", "AA"), ("青石县宏达汽修厂", "A"), ("青石县鑫源汽车服务有限公司", "AAA"),
                         ("青石县路安机动车维修中心", "AA"), ("青石县德众汽车修理有限公司", "B"), ("青石县恒信汽车维修有限公司", "AA")])],
                     published=T(2025, 7, 3, 9, 0), captured=T(2025, 7, 4, 10, 15), url="https://xyjt.jtt.shandong.example/gs/wx")
    jobs.append({"path": f"{ind_dir('3.2')}/机动车维修信用评价数据共享截图.jpg", "indicator": "3.2",
                 "kind": "png_as_jpg", "screen": tbl, "notes": "a PNG saved with a .jpg name"})

    # ---- 4 信用应用 ----------------------------------------------------------
    idn, mob = id_card_number(r), mobile_number(r)
    jobs.append(_doc_job(f"{ind_dir('4.1')}/信用承诺书-青石县顺达物流有限公司.pdf", "4.1", seed,
                         doc_type="commitment", issuers=["青石县顺达物流有限公司"], header="none", number=None,
                         date=D(2025, 4, 15), seal_orgs=["青石县顺达物流有限公司"], privacy=True,
                         topic={"enterprise": "青石县顺达物流有限公司", "id_number": idn, "mobile": mob},
                         notes="D.2 risk: unmasked ID number and mobile number in material for publication"))
    jobs.append(_doc_job(f"{ind_dir('4.1')}/信用承诺书（扫描件）-青石县安通客运有限公司.pdf", "4.1", seed,
                         doc_type="commitment", issuers=["青石县安通客运有限公司"], header="none", number=None,
                         date=D(2025, 4, 18), seal_orgs=["青石县安通客运有限公司"],
                         topic={"enterprise": "青石县安通客运有限公司"},
                         scan=ScanSpec(dpi=150, rotation_deg=-2.2, jpeg_quality=60)))
    jobs.append({"path": f"{ind_dir('4.4')}/行政许可环节信用查询截图.png", "indicator": "4.4", "kind": "screenshot",
                 "screen": ScreenSpec(kind="query", site="信用中国（山东青石）", title="信用信息查询结果",
                                      query={"查询时间": "2025-05-12 10:23:45", "查询事项": "道路货物运输经营许可",
                                             "主体名称": "青石县顺达物流有限公司", "统一社会信用代码": uscc(r),
                                             "查询结果": "未发现严重失信主体名单记录"},
                                      captured=T(2025, 5, 12, 10, 24), url="https://credit.qingshi.example/query"),
                 "notes": "all four required fields present"})
    jobs.append({"path": f"{ind_dir('4.4')}/招投标信用查询截图.png", "indicator": "4.4", "kind": "screenshot",
                 "screen": ScreenSpec(kind="query", site="信用中国（山东青石）", title="信用信息查询结果",
                                      query={"查询事项": "公路养护工程招标投标", "主体名称": "青石县路桥工程有限公司",
                                             "统一社会信用代码": uscc(r), "查询结果": "无失信记录"},
                                      captured=T(2025, 6, 3, 16, 2), url="https://credit.qingshi.example/query"),
                 "notes": "查询时间 missing: this type does not count under 4.4"})
    ds_rows, ds_label = _double_publicity_rows(r)
    jobs.append({"path": f"{CATEGORY_DIRS['4']}/双公示/2025年行政许可行政处罚双公示台账.xlsx", "indicator": "D.4",
                 "kind": "xlsx", "notes": "双公示 ledger; rows_label gives the 7-working-day verdict per row",
                 "xlsx": {"sheet": "双公示台账", "title": "青石县交通运输局2025年双公示信息台账",
                          "header": ["序号", "类别", "决定文书号", "行政相对人", "决定日期", "公示日期", "公示网站"],
                          "rows": ds_rows, "rows_label": ds_label}})

    # ---- 5 诚信宣传 ----------------------------------------------------------
    jobs.append(_doc_job(f"{ind_dir('5.1')}/关于开展2025年信用交通宣传月活动的通知.pdf", "5.1", seed,
                         doc_type="publicity_notice", issuers=B, number="青交字〔2025〕40号", date=D(2025, 5, 26),
                         pages=2))
    m1 = T(2025, 6, 18, 10, 20)
    pub_orig = f"{ind_dir('5.1')}/2025.6.18 信用交通宣传月集中宣传.jpg"
    orig_job = _photo_job(pub_orig, "5.1", seed, scene="publicity", banner="信用交通宣传月",
                          signs=["信用交通 诚信出行", "守信激励 失信惩戒"], people=9,
                          watermark=_wm(r, "jinri", m1, "青石县汽车站广场", "晴 29℃"),
                          exif=_exif(r, m1 + dt.timedelta(seconds=8)))
    jobs.append(orig_job)
    jobs.append(_photo_job(f"{ind_dir('5.1')}/2025.6.18 宣传咨询台.jpg", "5.1", seed, scene="publicity",
                           banner="2025年信用交通宣传月", signs=["诚信交通 你我同行"], people=7,
                           watermark=_wm(r, "marker", m1 + dt.timedelta(minutes=25), "青石县汽车站广场", "晴 29℃"),
                           exif=_exif(r, m1 + dt.timedelta(minutes=25, seconds=3))))
    jobs.append({"path": f"{ind_dir('5.1')}/宣传月活动总结.docx", "indicator": "5.1", "kind": "docx",
                 "docx": {"title": "青石县交通运输局2025年“信用交通宣传月”活动总结", "date": "2025-07-03",
                          "paragraphs": ["2025年6月，我局围绕“诚信交通 你我同行”主题，组织开展了信用交通宣传月活动。",
                                         "活动期间共设立宣传咨询台6个，发放宣传资料2000余份，开展进企业宣讲12场，县融媒体中心报道3次。",
                                         "青石县交通运输局", "2025年7月3日"]}})
    jobs.append(_photo_job(f"{CATEGORY_DIRS['5']}/{INDICATOR_DIRS['5.2']}/诚信春运/2025.1.20 诚信春运宣传.jpg", "5.2", seed,
                           scene="roadside", signs=["诚信春运 温暖回家路"], people=6,
                           watermark=_wm(r, "jinri", T(2025, 1, 20, 10, 5), "青石县汽车站", "阴 -2℃"),
                           exif=_exif(r, T(2025, 1, 20, 10, 5, 33))))
    reuse_spec = PhotoSpec(scene="publicity", quality=72, seed=0, exif=None)
    jobs.append({"path": f"{CATEGORY_DIRS['5']}/{INDICATOR_DIRS['5.2']}/诚信建设万里行/2025.7.9 诚信建设万里行进企业.jpg",
                 "indicator": "5.2", "kind": "photo", "photo": reuse_spec,
                 "reuse": {"of": pub_orig, "photo": copy.deepcopy(orig_job["photo"]), "scale": 0.8},
                 "notes": "D.1 risk: the 5.1 photo of 2025-06-18 resized and recompressed, EXIF stripped, filed as a July event"})
    ps_time = T(2025, 7, 9, 15, 10)
    ps_ex = _exif(r, ps_time + dt.timedelta(seconds=21), software="Adobe Photoshop 25.0 (Windows)")
    ps_ex.modify_time = T(2025, 7, 12, 20, 41, 3)
    jobs.append(_photo_job(f"{CATEGORY_DIRS['5']}/{INDICATOR_DIRS['5.2']}/诚信建设万里行/诚信建设万里行宣传现场.jpg", "5.2",
                           seed, scene="publicity", banner="诚信建设万里行", signs=["诚信建设万里行"], people=8,
                           watermark=_wm(r, "jinri", ps_time, "青石县经济开发区物流园", "晴 33℃"), exif=ps_ex,
                           notes="D.1 risk: EXIF Software is Adobe Photoshop"))
    jobs.append(_news(f"{ind_dir('5.3')}/一把手谈信用-信用交通山东刊发截图.png", "5.3", seed,
                      "青石县交通运输局局长王建国：以信用交通建设赋能交通运输高质量发展", T(2025, 8, 5, 11, 20),
                      kind="article"))
    for m, day, num in [(3, 10, 15), (4, 10, 22), (5, 9, 28), (6, 20, 36), (7, 10, 45)]:
        jobs.append(_doc_job(f"{ind_dir('5.4')}/2025年{m}月典型案例报送.pdf", "5.4", seed,
                             doc_type="case_report", issuers=B, number=f"青交字〔2025〕{num}号",
                             date=D(2025, m, day), upward=True, topic={"month": m},
                             notes="late: dated after the 15th, does not count" if day > 15 else None))

    # ---- 6 培训交流 ----------------------------------------------------------
    jobs.append(_doc_job(f"{ind_dir('6.1')}/关于组织学习山东省交通运输信用管理办法的通知.pdf", "6.1", seed,
                         doc_type="study_notice", issuers=B, number="青交字〔2025〕25号", date=D(2025, 5, 6)))
    t61 = T(2025, 5, 8, 14, 5)
    jobs.append(_photo_job(f"{ind_dir('6.1')}/2025.5.8 专题学习.jpg", "6.1", seed, scene="training",
                           banner="信用交通专题学习会", slide="《山东省交通运输信用管理办法》专题学习",
                           watermark=_wm(r, "marker", t61, "青石县交通运输局五楼培训室", "晴 22℃"),
                           exif=_exif(r, t61 + dt.timedelta(seconds=40))))
    jobs.append(_doc_job(f"{ind_dir('6.2')}/省厅培训通知.pdf", "6.2", seed, kind="truncated_pdf",
                         doc_type="training_notice", issuers=["山东省交通运输厅"], number="鲁交法函〔2025〕21号",
                         date=D(2025, 8, 1), notes="truncated PDF (40% of the bytes): unreadable"))
    t63 = T(2025, 9, 10, 14, 30)
    jobs.append(_photo_job(f"{ind_dir('6.3')}/2025.9.10 运输企业信用知识培训.jpg", "6.3", seed, scene="training",
                           banner="道路运输企业信用知识及信用修复培训班", slide="信用修复政策解读",
                           watermark=_wm(r, "jinri", t63, "青石县道路运输事业发展中心", "多云 25℃"),
                           exif=_exif(r, T(2025, 4, 2, 9, 12, 44)),
                           notes="D.1 risk: watermark 2025-09-10 14:30 but EXIF 2025-04-02 09:12:44"))

    # ---- 7 探索创新 ----------------------------------------------------------
    jobs.append(_doc_job(f"{ind_dir('7.1')}/关于推行信易行守信激励措施的通知.pdf", "7.1", seed,
                         doc_type="policy", issuers=B, number="青交发[2025]18号", date=D(2025, 7, 15), pages=2,
                         topic={"kind": "信易行"}, banji=True,
                         notes="wrong brackets [ ] in the own number; header, seal otherwise fine"))
    t72 = T(2025, 8, 28, 9, 40)
    jobs.append(_photo_job(f"{ind_dir('7.2')}/2025.8.28 交通信易贷签约仪式.jpg", "7.2", seed, scene="meeting",
                           banner="青石县“交通信易贷”银企签约仪式", people=8,
                           watermark=_wm(r, "jinri", t72, "青石县交通运输局三楼会议室", "晴 28℃"),
                           exif=_exif(r, t72 + dt.timedelta(seconds=15))))

    # ---- root and odd files ---------------------------------------------------
    jobs.append(_doc_job("青石县创建信用交通县工作总结.pdf", None, seed, doc_type="summary", issuers=B,
                         number="青交字〔2025〕98号", date=D(2025, 12, 10), pages=2,
                         notes="D.5: loose file at the archive root"))
    jobs.append({"path": "新建 文本文档.txt", "indicator": None, "kind": "empty", "data": b"",
                 "content_kind": "empty", "notes": "D.5: zero-byte loose file at the root"})
    jobs.append({"path": "其他/杂项.docx", "indicator": None, "kind": "docx",
                 "docx": {"title": "杂项", "paragraphs": ["会议室预约登记、车辆使用登记等，与创建工作无关。"]},
                 "notes": "D.5: folder that maps to no indicator"})
    return jobs


def _double_publicity_rows(r):
    """双公示 rows around holidays and make-up working days, with the 7-working-day verdict."""
    cases = [("行政许可", D(2025, 3, 3), D(2025, 3, 7)),
             ("行政处罚", D(2025, 4, 25), D(2025, 5, 9)),    # 4/27 make-up day counts; deadline 5/8 -> late
             ("行政许可", D(2025, 6, 16), D(2025, 6, 25)),   # exactly the 7th working day
             ("行政处罚", D(2025, 9, 26), D(2025, 10, 13)),  # 9/28 and 10/11 make-up days; deadline 10/13
             ("行政处罚", D(2025, 7, 1), D(2025, 7, 25)),    # late
             ("行政许可", D(2025, 11, 3), D(2025, 11, 4))]
    rows, label = [], []
    for i, (cat, dec, pub) in enumerate(cases, start=1):
        docno = (f"青交许字〔2025〕{20 + i * 7}号" if cat == "行政许可" else f"青交罚字〔2025〕{10 + i * 5}号")
        party = ["青石县顺达物流有限公司", "青石县安通客运有限公司", "青石县宏达汽修厂", "青石县鑫源汽车服务有限公司",
                 "青石县路安机动车维修中心", "青石县德众汽车修理有限公司"][i - 1]
        rows.append([i, cat, docno, party, dec, pub, "信用中国（山东青石）"])
        deadline = add_workdays(dec, 7)
        label.append({"row": i, "category": cat, "decision": dec.isoformat(), "published": pub.isoformat(),
                      "deadline": deadline.isoformat(), "workdays": workdays_between(dec, pub),
                      "late": pub > deadline})
    return rows, label


# ---- bench ----------------------------------------------------------------------
ALL_INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "4.3", "4.4",
                  "4.5", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2", "7.3",
                  "B.1", "B.5", "B.6", "B.8"]
PHOTO_INDICATORS = ["1.4", "2.1", "5.1", "5.2", "6.1", "6.2", "6.3", "6.4", "7.2", "B.5"]
QUARTERLY = {"1.4", "2.1", "3.1"}
DOC_TYPES_BY_IND = {"1.1": "leading_group", "1.2": "work_plan", "1.3": "key_points", "1.4": "meeting_notice",
                    "2.1": "city_notice", "2.2": "mechanism", "5.1": "publicity_notice", "5.4": "case_report",
                    "6.1": "study_notice", "6.2": "training_notice", "7.1": "policy", "4.1": "commitment"}
DOC_NAMES_ZH = {"leading_group": "成立领导小组的通知", "work_plan": "创建工作方案", "key_points": "年度工作要点",
                "meeting_notice": "会议通知", "city_notice": "市局通知", "mechanism": "协调联动机制",
                "publicity_notice": "宣传月活动通知", "case_report": "典型案例报送", "study_notice": "学习通知",
                "training_notice": "培训通知", "policy": "信易+政策", "commitment": "信用承诺书",
                "summary": "工作总结", "minutes": "会议纪要"}
SCENE_BY_IND = {"1.4": "meeting", "2.1": "meeting", "5.1": "publicity", "5.2": "roadside", "6.1": "training",
                "6.2": "training", "6.3": "training", "6.4": "meeting", "7.2": "publicity", "B.5": "publicity"}
BANNERS = ["信用交通宣传月", "诚信建设万里行", "青石县信用交通县创建工作推进会", "道路运输企业信用知识培训班",
           "诚信春运 温暖回家路", "交通信易贷银企对接会", "信用交通进企业", "守信激励 失信惩戒"]


SLIDES = ["《山东省交通运输信用管理办法》专题学习", "信用修复政策解读", "交通运输信用评价工作培训",
          "信用承诺制度与实务", "“双公示”工作规范", "信易+应用场景介绍", "分级分类监管实施要点"]


def _rand_date(r, q=None):
    if q is None:
        q = r.randint(1, 4)
    m = (q - 1) * 3 + r.randint(1, 3)
    return D(2025, m, r.randint(1, 28))


def random_doc_params(r, seed_key, seed) -> tuple[DocParams, ScanSpec | None]:
    """A document with random, labelled variants (shared by bench and docset)."""
    doc_type = r.choice(["leading_group", "work_plan", "key_points", "meeting_notice", "city_notice",
                         "mechanism", "publicity_notice", "case_report", "study_notice", "policy",
                         "summary", "minutes"])
    d = _rand_date(r)
    joint = doc_type == "mechanism" or r.random() < 0.08
    issuers = [BUREAU.name, r.choice([DRC.name, APPROVAL.name])] if joint else (
        [CITY.name] if doc_type == "city_notice" else [r.choice([BUREAU.name, BUREAU.name,
                                                                "青石县交通运输局综合行政执法大队",
                                                                "青石县道路运输事业发展中心"])])
    prefix = {CITY.name: "临交字"}.get(issuers[0], r.choice(["青交字", "青交发", "青交办字"]))
    n = r.randint(1, 120)
    number = f"{prefix}〔2025〕{n}号"
    x = r.random()
    if x < 0.10:
        number = f"{prefix}{r.choice(['[2025]', '［2025］', '【2025】', '(2025)', '（2025）', '〖2025〗', '﹝2025﹞'])}{n}号"
    elif x < 0.13:
        number = f"{prefix}〔2025〕第{n}号"
    elif x < 0.15:
        number = f"{prefix}〔2025〕{n:03d}号"
    elif x < 0.17:
        number = f"{prefix}〔25〕{n}号"
    number_in_body = False
    if r.random() < 0.08:
        number, number_in_body = None, True
    header = r.choices(["red", "none", "black"], [0.82, 0.1, 0.08])[0]
    if header == "none" and r.random() < 0.5:
        number = None
    seal = r.choices(["normal", "none", "pale", "broken"], [0.7, 0.12, 0.09, 0.09])[0]
    shade = r.uniform(0, 1)
    seal_color = (int(255 - 105 * shade), int(r.uniform(0, 35)), int(r.uniform(5, 40)))
    hdr_color = r.choice([(230, 0, 18), (255, 0, 0), (204, 0, 0), (220, 20, 40)])
    scan = None
    if r.random() < 0.35:
        gray = r.random() < 0.35
        scan = ScanSpec(dpi=r.choice([150, 200, 240, 300]), rotation_deg=round(r.uniform(-3, 3), 2),
                        grayscale=gray, noise=r.uniform(3, 9), jpeg_quality=r.randint(50, 85),
                        seed=sub_seed(seed, seed_key, "scan"),
                        producer=r.choice(["Canon iR-ADV C3530 PDF", "EPSON Scan", "HP Scan", "Kyocera TASKalfa"]))
    p = DocParams(doc_type=doc_type, issuers=issuers, date=d, number=number, number_in_body=number_in_body,
                  header=header, header_suffix=r.choice(["文件", "文件", "文件", ""]) if doc_type != "minutes" else "会议纪要",
                  header_color=hdr_color, seal=seal, seal_color=seal_color,
                  seal_rotation=r.uniform(-12, 12), pages=r.choice([1, 1, 2, 2, 3]),
                  date_style=r.choices(["arabic", "padded", "numerals"], [0.88, 0.07, 0.05])[0],
                  body_font=r.choice(["song", "ming", "kai", "song"]),
                  header_font=r.choice(["song", "hei", "ming"]), banji=r.random() < 0.3,
                  upward=doc_type == "case_report", seed=sub_seed(seed, seed_key),
                  topic={"month": d.month, "quarter": quarter_of(d),
                         "meeting_time": T(d.year, d.month, d.day, 9, 30)})
    return p, scan


def random_photo_spec(r, ind, seed_key, seed, size) -> PhotoSpec:
    q = r.randint(1, 4)
    d = _rand_date(r, q)
    when = T(d.year, d.month, d.day, r.randint(8, 17), r.randint(0, 59), r.randint(0, 59))
    style = r.choices(["jinri", "stamp", "marker", None], [0.6, 0.15, 0.12, 0.13])[0]
    weather = r.choice(["晴", "多云", "阴", "小雨"]) + f" {[3, 12, 26, 10][q - 1] + r.randint(-5, 6)}℃"
    wm = _wm(r, style, when, r.choice(["青石县交通运输局三楼会议室", "青石县汽车站", "青石县物流园",
                                       "青石县道路运输事业发展中心", "青石县交通运输局五楼培训室"]),
             weather) if style else None
    ex = None
    if r.random() < 0.75:
        ex = _exif(r, when + dt.timedelta(seconds=r.randint(0, 50)))
        if r.random() < 0.04:
            ex.software = "Adobe Photoshop 25.0 (Windows)"
        if r.random() < 0.04:
            ex.time = when - dt.timedelta(days=r.randint(20, 120))
    w, h = size
    portrait = r.random() < 0.12
    return PhotoSpec(scene=SCENE_BY_IND.get(ind, "meeting"), width=h if portrait else w,
                     height=w if portrait else h, banner=r.choice(BANNERS), signs=[r.choice(BANNERS)],
                     slide=r.choice(SLIDES),
                     people=r.randint(4, 12), watermark=wm, exif=ex, quality=r.choice([80, 85, 90, 92]),
                     seed=sub_seed(seed, seed_key), rotate_stored=portrait and ex is not None and r.random() < 0.6)


def bench_jobs(seed: int, photos: int, pdfs: int, size=(1920, 1440)) -> list[dict]:
    """A large archive spread over all indicators (photos + PDFs + a few screenshots)."""
    jobs = []
    r = rng_for(seed, "bench")
    for i in range(photos):
        ind = PHOTO_INDICATORS[i % len(PHOTO_INDICATORS)]
        spec = random_photo_spec(r, ind, ("photo", i), seed, size)
        t = spec.watermark.time if spec.watermark else (spec.exif.time if spec.exif else None)
        folder = qdir(ind, quarter_of(t.date())) if (ind in QUARTERLY and t) else ind_dir(ind)
        name = (f"{t.year}.{t.month}.{t.day} 活动照片{i:04d}.jpg" if t and r.random() < 0.6
                else f"IMG_{20250000 + i:08d}_{i:06d}.jpg")
        jobs.append({"path": f"{folder}/{name}", "indicator": ind, "kind": "photo", "photo": spec})
    for i in range(pdfs):
        ind = ALL_INDICATORS[i % len(ALL_INDICATORS)]
        p, scan = random_doc_params(r, ("pdf", i), seed)
        if ind in DOC_TYPES_BY_IND and r.random() < 0.7:
            p.doc_type = DOC_TYPES_BY_IND[ind]
            if p.doc_type == "commitment":
                p.header, p.number = "none", None
        folder = qdir(ind, quarter_of(p.date)) if ind in QUARTERLY else ind_dir(ind)
        name = f"{p.date:%Y%m%d}{DOC_NAMES_ZH.get(p.doc_type, '通知')}{i:04d}{'（扫描件）' if scan else ''}.pdf"
        jobs.append({"path": f"{folder}/{name}", "indicator": ind, "kind": "scan_pdf" if scan else "text_pdf",
                     "doc": p, "scan": scan})
    for i in range(max(4, photos // 50)):
        q = i % 4 + 1
        d = _rand_date(r, q)
        jobs.append(_news(f"{qdir('3.1', q)}/信息报送截图{i:03d}.png", "3.1", seed,
                          r.choice(["青石县开展信用交通进企业活动", "青石县推进信用承诺全覆盖", "青石县召开信用交通县创建推进会"]),
                          T(d.year, d.month, d.day, r.randint(8, 18), r.randint(0, 59)),
                          device=r.choice(["desktop", "phone"])))
    return jobs


def docset_jobs(seed: int, count: int) -> list[dict]:
    """N labelled documents with random variants for measuring document inspection."""
    r = rng_for(seed, "docset")
    jobs = []
    for i in range(count):
        p, scan = random_doc_params(r, ("doc", i), seed)
        jobs.append({"path": f"doc_{i + 1:04d}.pdf", "indicator": None, "kind": "scan_pdf" if scan else "text_pdf",
                     "doc": p, "scan": scan})
    return jobs


__all__ = ["sample_jobs", "bench_jobs", "docset_jobs", "random"]
