"""Chinese text of the fictional bureau's documents, turned into DocSpecs.

DocParams says what a document is and which defects it carries; build_doc() turns it
into a DocSpec (docrender.py) plus the ground truth that labels need.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .common import (MEMBERS, PEOPLE, PROVINCE_DOC, PROVINCE_NUMBER, date_zh, date_zh_numerals,
                     date_zh_padded, id_card_number, mobile_number, rng_for, uscc)
from .docrender import DocSpec, layout
from .seal import SealSpec, seal_code


@dataclass
class DocParams:
    doc_type: str
    issuers: list
    date: dt.date
    number: str | None = None          # own number exactly as printed (None = none)
    number_in_body: bool = False       # the only number is cited in the body
    header: str = "red"                # red | black | none
    header_suffix: str = "文件"
    header_color: tuple = (230, 0, 18)
    seal: str = "normal"               # normal | none | pale | broken
    seal_color: tuple = (224, 22, 30)
    seal_rotation: float = -4.0
    seal_orgs: list | None = None      # default: issuers
    pages: int = 1
    date_style: str = "arabic"         # arabic | padded | numerals
    body_font: str = "song"
    header_font: str = "song"
    banji: bool = False
    title: str | None = None
    topic: dict = field(default_factory=dict)
    seed: int = 0
    upward: bool = False               # 上行文 (报告/请示): number at the left with 签发人
    privacy: bool = False              # print an ID number and a mobile number


FILLER = [
    "各单位要进一步提高思想认识，把信用交通县创建工作摆在突出位置，主要负责同志亲自抓、负总责，分管负责同志具体抓，确保各项任务落到实处。",
    "要加强信用信息归集共享，严格落实行政许可、行政处罚信息“双公示”制度，自作出行政决定之日起7个工作日内上网公开，做到应公示尽公示。",
    "要全面推行信用承诺制度，在行政审批、资质审核等事项中推广告知承诺，将承诺履行情况纳入信用记录，形成“承诺—践诺—评价”的管理闭环。",
    "要强化信用评价结果应用，在道路运输、公路建设、综合执法等领域实施分级分类监管，对守信主体优化服务、减少检查频次，对失信主体加大抽查比例。",
    "要积极开展诚信宣传教育，利用“信用交通宣传月”“诚信建设万里行”等活动，深入企业、站场、社区宣传信用知识，营造“知信、守信、用信”的良好氛围。",
    "要建立健全信用修复机制，主动告知失信主体修复条件和程序，对符合条件的及时予以修复，切实维护经营主体合法权益。",
    "局法制科负责创建工作的统筹协调和日常调度，每月汇总工作进展，形成月度台账，及时报送领导小组办公室。",
    "各责任单位要按照职责分工，细化工作措施，明确时间节点，建立工作台账，于每月5日前将上月工作开展情况报局法制科。",
    "要加强督导检查，对工作推进不力、进度滞后的单位予以通报，确保创建工作按期完成、顺利通过验收。",
    "要注重总结提炼，及时梳理工作中的好经验、好做法，积极向上级报送典型案例和工作信息，扩大创建工作的影响力。",
]


def _num(n: int) -> str:
    return "一二三四五六七八九十"[n - 1]


def _content(p: DocParams, r):
    """(title, recipients, paragraphs, cited numbers) for a document type."""
    t = p.topic
    cited = [PROVINCE_NUMBER]
    city_ref = t.get("city_ref", "临交字〔2025〕2号")
    intro_ref = f"根据{PROVINCE_DOC}（{PROVINCE_NUMBER}）"
    if p.doc_type == "leading_group":
        title = "关于成立青石县创建信用交通县工作领导小组的通知"
        cited.append(city_ref)
        paras = [("body", intro_ref + f"和临山市交通运输局有关工作部署（{city_ref}），为切实加强对信用交通县创建工作的组织领导，"
                  "经局党组研究，决定成立青石县创建信用交通县工作领导小组。现将有关事项通知如下："),
                 ("h1", "一、领导小组组成"),
                 ("body", f"组  长：{PEOPLE['director']}  局党组书记、局长"),
                 ("body", f"副组长：{PEOPLE['deputy1']}  局党组成员、副局长；{PEOPLE['deputy2']}  局党组成员、副局长"),
                 ("body", "成  员：" + "；".join(f"{n}  {pos}" for n, pos in MEMBERS) + "。"),
                 ("h1", "二、领导小组办公室"),
                 ("body", f"领导小组下设办公室，办公室设在局法制科，{MEMBERS[1][0]}同志兼任办公室主任，"
                  + "、".join(t.get("office_staff", [PEOPLE["staff1"], PEOPLE["staff2"]]))
                  + "同志为办公室专职工作人员（信用交通创建专班），具体负责创建工作的日常组织、协调、调度和督导。"),
                 ("h1", "三、工作职责"),
                 ("body", "领导小组负责统筹推进全县信用交通县创建工作，研究解决创建工作中的重大问题，每季度至少召开一次会议，听取工作进展汇报，部署下一阶段工作。"),
                 ("body", "领导小组成员如有变动，由所在单位接任人员自行递补，不再另行发文。")]
        rec = "局机关各科室，局属各单位："
    elif p.doc_type == "work_plan":
        title = "关于印发《青石县创建信用交通县工作方案》的通知"
        paras = [("body", "局机关各科室、局属各单位：现将《青石县创建信用交通县工作方案》印发给你们，请认真抓好贯彻落实。"),
                 ("plain", "青石县创建信用交通县工作方案"),
                 ("body", intro_ref + "，结合我县实际，制定本方案。"),
                 ("h1", "一、总体要求"),
                 ("body", "以习近平新时代中国特色社会主义思想为指导，以信用信息归集共享为基础，以信用监管为核心，全面提升交通运输行业信用治理能力。"),
                 ("h1", "二、工作目标"),
                 ("body", "到2025年底，全县交通运输信用制度体系基本健全，“双公示”合规率达到100%，信用承诺覆盖率达到100%，力争通过省级信用交通县验收。"),
                 ("h1", "三、主要任务"),
                 ("h2", "（一）健全组织体系。"), ("body", "成立创建工作领导小组，建立月调度、季通报工作机制。责任单位：局法制科。"),
                 ("h2", "（二）推进信息共享。"), ("body", "按时向“信用交通·山东”网站报送行业信用信息，每季度报送信用工作信息不少于2条。责任单位：局法制科、两中心一大队。"),
                 ("h2", "（三）强化信用应用。"), ("body", "在道路运输、公路建设等重点领域开展信用评价和分级分类监管。责任单位：局安全监督科、道路运输事业发展中心、公路事业发展中心。"),
                 ("h1", "四、时间安排"),
                 ("body", "（一）动员部署阶段（2025年3月）；（二）全面推进阶段（2025年4月至10月）；（三）总结验收阶段（2025年11月至12月）。"),
                 ("h1", "五、保障措施"),
                 ("body", "各单位要加强组织领导，落实工作责任，建立月度工作台账，确保创建工作有序推进。")]
        rec = None
    elif p.doc_type == "key_points":
        title = "关于印发2025年全县交通运输工作要点的通知"
        cited.append(city_ref)
        paras = [("body", f"为贯彻落实全市交通运输工作会议精神和《临山市交通运输局2025年信用体系建设工作要点》（{city_ref}），"
                  "现将《2025年全县交通运输工作要点》印发给你们，请结合实际认真贯彻落实。"),
                 ("h1", "一、加快综合交通基础设施建设"),
                 ("body", "加快推进国省道改造和农村公路提档升级，全年完成农村公路新改建60公里。"),
                 ("h1", "二、深化信用交通县创建"),
                 ("body", "将信用体系建设纳入年度重点工作，全面落实市局年度信用工作要点，推进信用承诺、信用评价、分级分类监管和信用修复，确保通过省级验收。"),
                 ("h1", "三、提升运输服务质量"),
                 ("body", "推进城乡交通运输一体化，优化客运线路，提升群众出行满意度。")]
        rec = "局机关各科室，局属各单位："
    elif p.doc_type == "meeting_notice":
        q = t.get("quarter", 1)
        mt = t.get("meeting_time", dt.datetime(p.date.year, 3, 18, 9, 30))
        title = f"关于召开2025年{_quarter_zh(q)}信用交通县创建工作领导小组会议的通知"
        paras = [("body", "经研究，定于近期召开信用交通县创建工作领导小组会议，现将有关事项通知如下："),
                 ("h1", "一、会议时间"),
                 ("body", f"{mt.year}年{mt.month}月{mt.day}日{'上午' if mt.hour < 12 else '下午'}{mt.hour}:{mt.minute:02d}。"),
                 ("h1", "二、会议地点"), ("body", "局三楼会议室。"),
                 ("h1", "三、参会人员"), ("body", "领导小组组长、副组长，领导小组成员单位主要负责同志，领导小组办公室全体人员。"),
                 ("h1", "四、会议议程"),
                 ("body", "（一）通报本季度信用交通县创建工作进展情况；（二）各责任单位汇报任务完成情况；（三）研究解决存在的困难和问题；（四）部署下一阶段重点工作。"),
                 ("body", "请参会人员准时参加，不得缺席。")]
        rec = "领导小组各成员单位："
    elif p.doc_type == "minutes":
        q = t.get("quarter", 2)
        title = f"信用交通县创建工作领导小组2025年{_quarter_zh(q)}会议纪要"
        mt = t.get("meeting_time", dt.datetime(2025, 6, 12, 15, 0))
        paras = [("body", f"{mt.month}月{mt.day}日，{PEOPLE['director']}同志主持召开信用交通县创建工作领导小组会议，"
                  "听取了本季度创建工作进展情况汇报，研究部署了下一阶段重点工作。现纪要如下："),
                 ("h1", "一、关于工作进展"),
                 ("body", "会议认为，创建工作开展以来，各成员单位积极履职，信用承诺、信息报送、诚信宣传等工作取得阶段性成效。"),
                 ("h1", "二、关于存在问题"),
                 ("body", "会议指出，部分单位信息报送不及时，佐证材料归档不规范，需进一步加强。"),
                 ("h1", "三、关于下步工作"),
                 ("body", "会议要求，各单位要对照评分标准逐项查漏补缺，确保按时完成各项创建任务。"),
                 ("plain", f"参会人员：{PEOPLE['director']}、{PEOPLE['deputy1']}、{PEOPLE['deputy2']}、" + "、".join(n for n, _ in MEMBERS[:5]))]
        rec = None
    elif p.doc_type == "city_notice":
        title = t.get("title", "关于开展信用交通县创建工作联合调研督导的通知")
        paras = [("body", "各县（市、区）交通运输局：为扎实推进信用交通县创建工作，市局决定于近期会同各县区开展联合调研督导。现将有关事项通知如下："),
                 ("h1", "一、督导内容"),
                 ("body", "创建工作组织推进情况、信用信息归集共享情况、信用承诺和信用评价开展情况、诚信宣传活动开展情况。"),
                 ("h1", "二、时间安排"),
                 ("body", t.get("when", "2025年3月中旬，具体时间另行通知。")),
                 ("h1", "三、有关要求"),
                 ("body", "请各县区做好资料准备，确定一名联络员，于督导前报市局法制科。")]
        rec = None
    elif p.doc_type == "mechanism":
        title = "关于建立信用交通县创建协调联动工作机制的通知"
        paras = [("body", intro_ref + "，为加强部门协同，经研究，建立信用交通县创建协调联动工作机制。"),
                 ("h1", "一、成员单位"),
                 ("body", "县交通运输局、县发展和改革局（县社会信用体系建设牵头部门）、县行政审批服务局、县委宣传部。"),
                 ("h1", "二、工作机制"),
                 ("body", "建立联席会议制度，原则上每半年召开一次；建立信息共享机制，行政许可、行政处罚信息每周推送；建立宣传联动机制，共同开展诚信宣传活动。"),
                 ("h1", "三、职责分工"),
                 ("body", "县交通运输局负责牵头协调；县发展和改革局负责信用信息平台对接；县行政审批服务局负责审批环节信用承诺和信用核查；县委宣传部负责宣传报道。")]
        rec = "各成员单位："
    elif p.doc_type == "publicity_notice":
        title = "关于开展2025年“信用交通宣传月”活动的通知"
        paras = [("body", intro_ref + "和省厅、市局关于开展“信用交通宣传月”活动的部署要求，决定于2025年6月在全县开展“信用交通宣传月”活动。"),
                 ("h1", "一、活动主题"), ("body", "诚信交通 你我同行。"),
                 ("h1", "二、活动内容"),
                 ("body", "（一）集中宣传。在汽车站、服务区、驾培机构等场所设立宣传咨询台，发放宣传资料。（二）进企业宣讲。组织执法人员深入道路运输企业宣讲信用政策。（三）媒体宣传。在县融媒体中心开设专栏。"),
                 ("h1", "三、工作要求"),
                 ("body", "各单位要及时收集活动照片、视频等资料，于7月5日前将活动总结报局法制科。")]
        rec = "局机关各科室，局属各单位："
    elif p.doc_type == "case_report":
        m = t.get("month", 3)
        title = f"关于报送2025年{m}月信用交通典型案例的报告"
        ent = t.get("enterprise", "青石县顺达物流有限公司")
        paras = [("body", f"按照市局关于每月报送信用交通典型案例的工作要求（{city_ref}），现将我县2025年{m}月典型案例报告如下："),
                 ("h1", "一、案例名称"),
                 ("body", f"{ent}主动履行信用承诺、完成信用修复案例。"),
                 ("h1", "二、基本情况"),
                 ("body", f"{ent}因车辆未按规定进行年度审验被行政处罚。处罚决定作出后，该企业主动整改，按期缴纳罚款，提交信用修复申请并作出信用承诺。"),
                 ("h1", "三、主要做法"),
                 ("body", "我局在作出处罚决定时同步送达《信用修复告知书》，主动告知修复条件和程序，指导企业在线提交修复申请，3个工作日内完成审核。"),
                 ("h1", "四、取得成效"),
                 ("body", "通过“处罚+告知+修复”一体化服务，有效帮助经营主体重塑信用，实现了执法效果与社会效果的统一。")]
        cited.append(city_ref)
        rec = "临山市交通运输局："
    elif p.doc_type == "study_notice":
        title = "关于组织学习《山东省交通运输信用管理办法》的通知"
        paras = [("body", "为深入贯彻《山东省交通运输信用管理办法》，提高干部职工信用意识和依法行政能力，决定组织开展专题学习。"),
                 ("h1", "一、学习时间"), ("body", t.get("when", "2025年5月8日下午2:00。")),
                 ("h1", "二、学习地点"), ("body", "局五楼培训室。"),
                 ("h1", "三、学习内容"),
                 ("body", "《山东省交通运输信用管理办法》全文；省厅2025年信用体系建设工作要点；信用修复有关规定。"),
                 ("h1", "四、参加人员"), ("body", "局机关全体干部职工，两中心一大队中层以上干部。")]
        rec = "局机关各科室，局属各单位："
    elif p.doc_type == "training_notice":
        title = "关于参加全省交通运输信用体系建设业务培训的通知"
        paras = [("body", "根据省交通运输厅培训安排，我局选派2名同志参加全省交通运输信用体系建设业务培训。现将有关事项通知如下："),
                 ("h1", "一、培训时间"), ("body", "2025年8月20日至22日。"),
                 ("h1", "二、参训人员"), ("body", f"{PEOPLE['staff1']}、{PEOPLE['staff2']}。")]
        rec = "局法制科："
    elif p.doc_type == "policy":
        kind = t.get("kind", "信易行")
        title = t.get("title", f"关于推行“{kind}”守信激励措施的通知")
        paras = [("body", intro_ref + "，为发挥信用激励作用，对守信主体给予便利和优惠，制定本措施。"),
                 ("h1", "一、适用对象"),
                 ("body", "信用评价等级为AA级及以上的道路运输企业、驾驶员培训机构和机动车维修企业。"),
                 ("h1", "二、激励措施"),
                 ("body", f"（一）“{kind}”：对符合条件的主体，在办理有关业务时实行“容缺受理”“绿色通道”；（二）联合县内金融机构推出“交通信易贷”产品，最高授信300万元，利率下浮10%。"),
                 ("h1", "三、实施程序"),
                 ("body", "符合条件的主体通过“信用交通·山东”网站查询信用等级后，向窗口提出申请，经核验后享受相应激励措施。"),
                 ("h1", "四、其他"),
                 ("body", "本措施自印发之日起施行，并在县人民政府网站公开。")]
        rec = "局属各单位，各有关企业："
    elif p.doc_type == "commitment":
        ent = t.get("enterprise", "青石县顺达物流有限公司")
        title = "信用承诺书"
        rep = t.get("rep", "韩伟")
        paras = [("plain", f"承诺主体：{ent}"),
                 ("plain", f"统一社会信用代码：{t.get('uscc', uscc(r))}"),
                 ("plain", f"法定代表人：{rep}"),
                 ("body", "为营造诚实守信的交通运输市场环境，本单位郑重承诺：（一）所提交的申请材料真实、合法、有效；（二）严格遵守交通运输法律法规，依法诚信经营；（三）自觉接受行业主管部门和社会监督；（四）如违反承诺，自愿接受相关部门依法依规实施的惩戒措施，并同意将承诺内容和履约情况在“信用交通·山东”网站公示。")]
        if p.privacy:
            paras.insert(3, ("plain", f"法定代表人身份证号：{t['id_number']}"))
            paras.insert(4, ("plain", f"联系电话：{t['mobile']}"))
        rec = None
        cited = []
    elif p.doc_type == "summary":
        title = "青石县交通运输局2025年信用交通县创建工作总结"
        paras = [("body", "2025年，我局认真贯彻省厅、市局关于信用交通县创建工作部署，" + FILLER[0]),
                 ("h1", "一、主要工作及成效"), ("body", FILLER[1]), ("body", FILLER[2]),
                 ("h1", "二、存在的问题"), ("body", "部分佐证材料归档不够规范，信息报送的及时性有待提高。"),
                 ("h1", "三、下步打算"), ("body", FILLER[9])]
        rec = None
    else:
        title = t.get("title", "关于加强信用交通建设工作的通知")
        paras = [("body", intro_ref + "，" + FILLER[0])]
        rec = "局属各单位："
    if p.number_in_body and p.number is None:
        # the reader may mistake this body citation for the document's own number
        body_ref = t.get("body_ref", "临交字〔2025〕15号")
        paras.insert(0, ("body", f"现将《临山市交通运输局关于进一步做好信用交通县创建工作的通知》（{body_ref}）转发给你们，请一并贯彻落实。"))
        cited.append(body_ref)
    return title, rec, paras, cited


def _quarter_zh(q: int) -> str:
    return {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}[q]


def date_text(d: dt.date, style: str) -> str:
    return {"arabic": date_zh, "padded": date_zh_padded, "numerals": date_zh_numerals}[style](d)


def build_doc(p: DocParams) -> tuple[DocSpec, dict]:
    """DocSpec for the params plus ground truth (title, cited numbers, seals)."""
    r = rng_for(p.seed, "doc", p.doc_type)
    title, rec, paras, cited = _content(p, r)
    if p.title:
        title = p.title
    seal_orgs = p.seal_orgs if p.seal_orgs is not None else list(p.issuers)
    seals = []
    if p.seal != "none":
        for i, org in enumerate(seal_orgs):
            seals.append(SealSpec(org=org, color=p.seal_color, state=p.seal,
                                  rotation_deg=p.seal_rotation + i * 5.0,
                                  code=seal_code(r) if r.random() < 0.5 else None,
                                  seed=p.seed + i))
    signers = list(p.issuers)
    if p.doc_type == "commitment":
        signers = [p.topic.get("enterprise", "青石县顺达物流有限公司")]
    spec = DocSpec(issuers=list(p.issuers), title=title, paragraphs=list(paras),
                   date_text=date_text(p.date, p.date_style), signers=signers,
                   number=p.number, header=p.header, header_suffix=p.header_suffix,
                   header_color=p.header_color, header_font=p.header_font,
                   recipients=rec, seals=seals, body_font=p.body_font,
                   number_position="left" if p.upward else "center",
                   signer_of_upward=PEOPLE["director"] if p.upward else None,
                   author=p.issuers[0] if p.issuers else "",
                   pdf_date=f"{p.date:%Y%m%d}" + f"{9 + r.randrange(8):02d}{r.randrange(60):02d}{r.randrange(60):02d}",
                   creator=r.choice(["WPS 文字", "Microsoft® Word 2016", "Microsoft® Word 2019", "WPS 文字"]))
    if p.header == "none" and p.number:
        spec.number_position = "topright"
    if p.banji:
        spec.banji = {"cc": "县信用体系建设工作领导小组办公室" if r.random() < 0.6 else None,
                      "printer": (p.issuers[0] if p.issuers else "青石县交通运输局") + "办公室",
                      "print_date": date_zh(p.date)}
    # grow the body until the layout reaches the target page count
    i = r.randrange(len(FILLER))
    pages, info = layout(spec)
    guard = 0
    while info["pages"] < p.pages and guard < 60:
        spec.paragraphs.insert(len(spec.paragraphs) - 1 if len(spec.paragraphs) > 2 else len(spec.paragraphs),
                               ("body", FILLER[i % len(FILLER)]))
        i += 1
        guard += 1
        pages, info = layout(spec)
    truth = {"title": title, "cited_numbers": cited, "pages": info["pages"],
             "seal_count": len(seals), "layout": info}
    return spec, truth
