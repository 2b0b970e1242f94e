"""Documents (公文, letters, reports): specs, text PDFs from several producers, scans and phone photos."""
from __future__ import annotations

import base64
import datetime as dt
import io
import math
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from . import content, doclayout, seal as sealmod, util

FW = str.maketrans("0123456789", "０１２３４５６７８９")


def number_forms(rng, code, year, n, form):
    """(display-base, truth, standard) for a number form."""
    std = f"{code}〔{year}〕{n}号"
    forms = {
        "std": (std, std, True),
        "square": (f"{code}[{year}]{n}号", f"{code}[{year}]{n}号", False),
        "paren": (f"{code}({year}){n}号", f"{code}({year}){n}号", False),
        "fwparen": (f"{code}（{year}）{n}号", f"{code}（{year}）{n}号", False),
        "lenticular": (f"{code}【{year}】{n}号", f"{code}【{year}】{n}号", False),
        "di": (f"{code}〔{year}〕第{n}号", f"{code}〔{year}〕第{n}号", False),
        "yy": (f"{code}〔{year % 100}〕{n}号", f"{code}〔{year % 100}〕{n}号", False),
        # a padded serial: "〔2025〕045号", "〔2025〕0102号" (a three-digit serial gets a zero too)
        "zero": (f"{code}〔{year}〕{n:03d}号" if n < 100 else f"{code}〔{year}〕0{n}号",
                 f"{code}〔{year}〕{n:03d}号" if n < 100 else f"{code}〔{year}〕0{n}号", False),
    }
    return forms[form]


def date_text(d, form):
    if form == "arabic":
        return util.fmt_date(d, "cn")
    if form == "padded":
        return util.fmt_date(d, "cn_pad")
    if form == "cn":
        return util.date_cn_numerals(d, "〇")
    if form == "cnO":
        return util.date_cn_numerals(d, "O")
    if form == "cn0":
        return util.date_cn_numerals(d, "0")
    raise ValueError(form)


def build_spec(item, world, rng, split):
    """Turn a planned document item into a layout spec plus its truth."""
    county, city = world["county"], world["city"]
    people = [util.person(rng) for _ in range(6)]
    issuer = item.get("issuer", "own")
    org = {"own": world["bureau"], "city": world["city_bureau"], "province": "山东省交通运输厅",
           "joint": world["bureau"], "penalty": world["bureau"]}[issuer]
    title = item["title"]
    kind = item.get("kind", "document")
    truth = {"kind": kind}
    spec = {"title": title, "body_pt": rng.choice([16, 16, 15.5, 16]), "title_pt": rng.choice([22, 22, 20, 24])}
    defects = item.get("defects", set())
    # --- header
    if kind == "document":
        hf = item.get("header_form") or util.wpick(rng, [(6, "file"), (2, "plain"), (1.2, "joint"), (1, "letter")])
        if issuer == "joint" and hf != "letter":
            hf = "joint"
        if "no_header" in defects:
            hf = None
        hs = rng.uniform(0.72, 1.0)
        if hf == "file":
            spec["header"] = {"form": "file", "text": org + "文件", "hscale": hs, "size": rng.uniform(15, 22),
                              "offset": rng.choice([35.0, 35.0, 25.0]), "star": rng.random() < 0.12, "rule": rng.uniform(0.35, 0.8)}
        elif hf == "plain":
            spec["header"] = {"form": "plain", "text": org, "hscale": hs, "size": rng.uniform(15, 22),
                              "offset": rng.choice([35.0, 30.0]), "rule": rng.uniform(0.35, 0.8)}
        elif hf == "joint":
            spec["header"] = {"form": "joint", "names": [org, world["partner"]], "hscale": hs, "offset": 30.0, "rule": 0.5}
        elif hf == "letter":
            spec["header"] = {"form": "letter", "text": org, "hscale": hs}
        else:
            spec["header"] = None
        if spec["header"] and rng.random() < 0.1 and hf in ("file", "plain"):
            spec["header"]["upward"] = True
            spec["header"]["signer"] = people[0]
        spec["header_black"] = "black_header" in defects
        truth["red_header"] = bool(spec["header"]) and not spec["header_black"]
        # --- number
        if "no_number" in defects or item.get("number") is None:
            truth["doc_number"] = None
        else:
            code, n = item["number"]
            form = item.get("number_form", "std")
            disp, tr, std = number_forms(rng, code, 2025, n, form)
            if rng.random() < item.get("fullwidth_p", 0.12):
                disp = disp.translate(FW)
                spec["num_track"] = rng.uniform(0.6, 2.0)
            elif rng.random() < 0.1:
                spec["num_track"] = rng.uniform(0.8, 2.5)
            spec["number_display"] = disp
            truth["doc_number"] = tr
            truth["doc_number_standard"] = std
    else:
        truth["red_header"] = False
    # --- body
    if kind == "letter":
        comp = item["company"]
        spec["paras"] = [f"本单位{comp}郑重承诺：", "一、严格遵守国家法律法规和交通运输行业管理规定，依法诚信经营；",
                         "二、所提交的申请材料真实、合法、有效，如有虚假，愿意承担相应法律责任；",
                         "三、自觉接受交通运输主管部门和社会公众的监督，按照要求公开信用承诺；",
                         "四、如违反承诺，自愿接受失信惩戒，并同意将违诺信息记入信用记录，在信用交通·山东等网站公开。"]
        lines = [f"法定代表人：{people[0]}"]
        priv = []
        if item.get("privacy_id"):
            lines.append(f"身份证号码：{util.id_number(rng)}")
            priv.append("id")
        elif rng.random() < 0.5:
            lines.append(f"身份证号码：{util.mask_id(util.id_number(rng), rng.randint(0, 1))}")
        if item.get("privacy_mobile"):
            lines.append(f"联系电话：{util.mobile(rng)}")
            priv.append("mobile")
        else:
            lines.append(f"联系电话：{util.mask_mobile(util.mobile(rng))}" if rng.random() < 0.6 else "联系电话：0533-" + str(rng.randint(2000000, 8999999)))
        spec["paras"] += lines
        spec["sign_name"] = f"承诺单位（盖章）：{comp}"
        truth["privacy_types"] = sorted(priv)
        org = comp
    elif kind == "report":
        m = item["month"]
        spec["paras"] = [f"按照{city}交通运输局关于报送信用交通典型案例的要求，现将我局{m}月份典型案例报送如下：",
                         "一、案例名称", rng.choice(["推行“信易批”容缺受理，助力守信企业快速办证", "信用修复“一次办好”，帮助企业重塑信用",
                                                 "开展货运企业信用评价，实施差异化监管", "诚信春运暖人心，守信旅客享优先"]),
                         "二、基本情况", "我局聚焦信用交通县创建目标，主动作为，创新工作方法，取得了良好成效。" * 2,
                         "三、主要做法", "一是强化组织领导；二是完善制度机制；三是加强信息共享；四是注重宣传引导。",
                         "四、取得成效", f"截至{m}月底，累计为守信主体办理容缺受理事项{rng.randint(5, 60)}件，信用修复{rng.randint(1, 9)}家。"]
        spec["sign_name"] = world["bureau"]
    else:
        spec["recipients"] = rng.choice(content.RECIPIENTS) if rng.random() < 0.8 else None
        kw = item.get("kind_word", "通知")
        spec["paras"] = content.body(rng, kw, county, city, people, n_sections=item.get("sections"))
        if rng.random() < 0.5:
            spec["paras"].insert(rng.randint(1, len(spec["paras"]) - 1),
                                 f"（参照{rng.choice(content.CITED)}执行，联系人：{people[5]}，联系电话：0533-{rng.randint(2000000, 8999999)}）")
        spec["sign_name"] = org if issuer != "joint" else None
        if issuer == "joint":
            spec["paras"].append("")
            spec["sign_name"] = f"{org}    {world['partner']}"
    d = item["date"]
    dform = item.get("date_form", "arabic")
    spec["date_text"] = date_text(d, dform)
    truth["date"] = d.isoformat()
    if dform != "arabic":
        truth["date_form"] = dform
    # --- seal
    if "no_seal" in defects or item.get("seal") is False:
        spec["seal"] = None
        truth["seal"] = False
    else:
        spec["seal"] = sealmod.seal_params(rng, split, org if len(org) <= 16 else org[:16])
        spec["seal_mm"] = rng.uniform(38, 45)
        spec["seal_dx"] = rng.uniform(-6, 6)
        spec["seal_dy"] = rng.uniform(-4, 4)
        spec["seal_vector"] = rng.random() < 0.2
        truth["seal"] = True
    if kind == "document" and rng.random() < 0.35:
        spec["banji"] = ("抄送：" + rng.choice([f"{city}交通运输局法制科", "县社会信用体系建设领导小组办公室", "县发展和改革局"]),
                         f"{world['bureau']}办公室", f"{util.fmt_date(d + dt.timedelta(days=rng.randint(0, 3)), 'cn')}印发")
    return spec, truth

# ------------------------------------------------------------------ scans and photos of paper


def _perspective_coeffs(src, dst):
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B += [u, v]
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def _noise_layer(size, rng, sigma, scale=2):
    """Grey noise centred on 128 at 1/scale resolution, upsampled (cheap film/sensor grain)."""
    w, h = size
    nrng = np.random.default_rng(rng.getrandbits(32))
    n = np.clip(nrng.normal(128, sigma, (h // scale + 1, w // scale + 1)), 0, 255).astype(np.uint8)
    return Image.fromarray(n).resize((w, h), Image.NEAREST)


def _light_map(size, rng, lo, hi, band=False):
    """Low-resolution light fall-off (values lo..hi as 0..255 factor), upsampled."""
    w, h = size
    sw, sh = max(8, w // 16), max(8, h // 16)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    lx, ly = rng.uniform(0, sw), rng.uniform(0, sh)
    m = hi - rng.uniform(lo, 0.45) * np.sqrt(((xx - lx) / sw) ** 2 + ((yy - ly) / sh) ** 2)
    if band:
        sx = rng.uniform(0.2, 0.8) * sw
        m *= 1 - 0.25 * np.clip((xx - sx) / (sw * 0.15), 0, 1)
    return Image.fromarray(np.clip(m * 255, 0, 255).astype(np.uint8)).resize((w, h), Image.BILINEAR)


def degrade_scan(img, rng, gray=False, dpi_out=None, dpi_in=None):
    from PIL import ImageChops
    if dpi_out and dpi_in and dpi_out < dpi_in:
        sc = dpi_out / dpi_in
        img = img.resize((max(1, int(img.width * sc)), max(1, int(img.height * sc))), Image.LANCZOS)
    # paper tone, noise, skew, slight blur
    tone = [rng.uniform(235, 252) / 255, rng.uniform(232, 250) / 255, rng.uniform(225, 245) / 255]
    img = Image.merge("RGB", [ch.point(lambda v, k=k: int(v * k)) for ch, k in zip(img.split(), tone)])
    nz = _noise_layer(img.size, rng, rng.uniform(2, 6)).convert("RGB")
    img = ImageChops.add(img, nz, 1.0, -128)
    ang = rng.uniform(-1.6, 1.6)
    img = img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=(245, 245, 242))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    if gray:
        img = img.convert("L")
    return img


def phone_photo(page, rng, split):
    """Photograph of a paper page on a desk: perspective, shadow, uneven light, background."""
    W, H = (2250, 3000) if rng.random() < 0.8 else (2268, 3024)
    bgc = rng.choice([(120, 85, 55), (180, 170, 155), (90, 90, 95), (200, 195, 185), (60, 45, 35)])
    from PIL import ImageChops
    bg = Image.new("RGB", (W, H), bgc)
    bg = ImageChops.add(bg, _noise_layer((W, H), rng, 10, scale=8).filter(ImageFilter.GaussianBlur(6)).convert("RGB"), 1.0, -128)
    pw = W * rng.uniform(0.72, 0.9)
    ph = pw * 297 / 210
    if ph > H * 0.92:
        ph = H * 0.92
        pw = ph * 210 / 297
    cx, cy = W / 2 + rng.uniform(-80, 80), H / 2 + rng.uniform(-80, 80)
    j = lambda: rng.uniform(-0.06, 0.06) * pw
    dst = [(cx - pw / 2 + j(), cy - ph / 2 + j()), (cx + pw / 2 + j(), cy - ph / 2 + j()),
           (cx + pw / 2 + j(), cy + ph / 2 + j()), (cx - pw / 2 + j(), cy + ph / 2 + j())]
    src = [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)]
    coeffs = _perspective_coeffs(src, dst)
    warped = page.convert("RGB").transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    sh = Image.new("L", (W, H), 0)
    ImageDraw.Draw(sh).polygon([(x + 25, y + 35) for x, y in dst], fill=120)
    sh = sh.filter(ImageFilter.GaussianBlur(40))
    bg = Image.composite(Image.new("RGB", (W, H), (20, 20, 20)), bg, sh.point(lambda v: v // 2))
    bg.paste(warped, (0, 0), mask)
    light = _light_map((W, H), rng, 0.2, 1.0, band=rng.random() < 0.5)  # uneven light, hand/phone shadow
    img = ImageChops.multiply(bg, Image.merge("RGB", [light, light, light]))
    cast = [rng.uniform(0.95, 1.05), 1.0, rng.uniform(0.9, 1.02)]
    img = Image.merge("RGB", [ch.point(lambda v, k=k: min(255, int(v * k))) for ch, k in zip(img.split(), cast)])
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.4)))
    long_side = rng.choice([3000, 2400, 2000, 1600])
    if max(img.size) > long_side:
        sc = long_side / max(img.size)
        img = img.resize((int(img.width * sc), int(img.height * sc)), Image.LANCZOS)
    if rng.random() < 0.3:
        img = img.rotate(rng.choice([90, -90]), expand=True)  # taken sideways
    return img


def images_to_pdf(pages, path, a4=True, quality=75, dpi=None, meta=None):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    mm = 72 / 25.4
    c = canvas.Canvas(path, invariant=1)
    meta = meta or {}
    c.setCreator(meta.get("creator", ""))
    c.setProducer(meta.get("producer", ""))
    for im in pages:
        if a4 and im.width <= im.height:
            size = (210 * mm, 297 * mm)
        elif a4:
            size = (297 * mm, 210 * mm)
        else:
            d = dpi or 150
            size = (im.width * 72 / d, im.height * 72 / d)
        c.setPageSize(size)
        b = io.BytesIO()
        im.save(b, "JPEG", quality=quality)
        b.seek(0)
        c.drawImage(ImageReader(b), 0, 0, size[0], size[1])
        c.showPage()
    c.save()

# ------------------------------------------------------------------ LibreOffice (flat ODT)

ODT_FONTS_TUNE = ["Noto Serif CJK SC", "WenQuanYi Zen Hei", "AR PL UKai CN", "AR PL SungtiL GB"]
ODT_FONTS_HOLD = ODT_FONTS_TUNE + ["LXGW WenKai", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "LXGW WenKai Mono"]


def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_fodt(spec, path, rng, split):
    """A flat-ODT version of the spec for LibreOffice to lay out and export (its own layout)."""
    fonts = ODT_FONTS_TUNE if split == "tune" else ODT_FONTS_HOLD
    body_f, head_f, title_f = rng.choice(fonts), rng.choice(fonts), rng.choice(fonts)
    red = "#e01414" if not spec.get("header_black") else "#141414"
    P = []
    hd = spec.get("header")
    if hd:
        if hd["form"] == "joint":
            P.append(f'<text:p text:style-name="H">{_esc(hd["names"][0])}</text:p>')
            P.append(f'<text:p text:style-name="H">{_esc(hd["names"][1])}文件</text:p>')
        else:
            P.append(f'<text:p text:style-name="H">{_esc(hd["text"])}</text:p>')
        P.append('<text:p text:style-name="B"/>')
    if spec.get("number_display"):
        P.append(f'<text:p text:style-name="N">{_esc(spec["number_display"])}</text:p>')
    elif hd:
        P.append('<text:p text:style-name="N"/>')
    P.append('<text:p text:style-name="B"/>')
    P.append(f'<text:p text:style-name="Ti">{_esc(spec["title"])}</text:p>')
    P.append('<text:p text:style-name="B"/>')
    if spec.get("recipients"):
        P.append(f'<text:p text:style-name="B">{_esc(spec["recipients"])}</text:p>')
    for p in spec["paras"]:
        P.append(f'<text:p text:style-name="Bi">{_esc(p)}</text:p>')
    P.append('<text:p text:style-name="B"/>')
    frame = ""
    if spec.get("seal"):
        im = sealmod.render(spec["seal"], 500)
        b = io.BytesIO()
        im.save(b, "PNG")
        d = spec.get("seal_mm", 42)
        frame = (f'<draw:frame draw:style-name="fr1" draw:name="seal" text:anchor-type="paragraph" svg:x="{95 + spec.get("seal_dx", 0):.1f}mm" '
                 f'svg:y="-{d * 0.62:.1f}mm" svg:width="{d:.1f}mm" svg:height="{d:.1f}mm" draw:z-index="5">'
                 f'<draw:image><office:binary-data>{base64.b64encode(b.getvalue()).decode()}</office:binary-data></draw:image></draw:frame>')
    if spec.get("sign_name"):
        P.append(f'<text:p text:style-name="S">{frame}{_esc(spec["sign_name"])}</text:p>')
        frame = ""
    P.append(f'<text:p text:style-name="S">{frame}{_esc(spec["date_text"])}</text:p>')
    xml = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="{body_f}" svg:font-family="&apos;{body_f}&apos;"/>
 <style:font-face style:name="{head_f}" svg:font-family="&apos;{head_f}&apos;"/>
 <style:font-face style:name="{title_f}" svg:font-family="&apos;{title_f}&apos;"/>
</office:font-face-decls>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
   fo:margin-top="37mm" fo:margin-bottom="35mm" fo:margin-left="28mm" fo:margin-right="26mm"/></style:page-layout>
 <style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:wrap="run-through" style:run-through="foreground"
   style:vertical-pos="from-top" style:vertical-rel="paragraph" style:horizontal-pos="from-left" style:horizontal-rel="paragraph"/></style:style>
 <style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="{20 if hd and hd.get('offset', 35) > 30 else 8}mm"/>
   <style:text-properties style:font-name="{head_f}" style:font-name-asian="{head_f}" fo:font-size="{rng.choice([36, 40, 44])}pt" style:font-size-asian="{rng.choice([36, 40, 44])}pt" fo:color="{red}" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="N" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:padding-bottom="2mm"
   fo:border-bottom="{'0.5mm solid ' + red if hd else 'none'}"/>
   <style:text-properties style:font-name="{body_f}" style:font-name-asian="{body_f}" fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
 <style:style style:name="Ti" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="{title_f}" style:font-name-asian="{title_f}" fo:font-size="22pt" style:font-size-asian="22pt"/></style:style>
 <style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:line-height="28pt"/>
   <style:text-properties style:font-name="{body_f}" style:font-name-asian="{body_f}" fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
 <style:style style:name="Bi" style:family="paragraph"><style:paragraph-properties fo:line-height="28pt" fo:text-indent="11.3mm" fo:text-align="justify"/>
   <style:text-properties style:font-name="{body_f}" style:font-name-asian="{body_f}" fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
 <style:style style:name="S" style:family="paragraph"><style:paragraph-properties fo:line-height="28pt" fo:text-align="end" fo:margin-right="22mm"/>
   <style:text-properties style:font-name="{body_f}" style:font-name-asian="{body_f}" fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{chr(10).join(P)}
</office:text></office:body></office:document>'''
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml)


def render_doc(item, out_path, seed, world, split):
    """Render a planned document item; returns truth fields. item['mode'] selects the producer:
    cid | ttf | glyph | charspace | soffice | scan_color | scan_low | scan_gray | phone_pdf | phone_jpg | scan_rot."""
    rng = util.rng_for(seed, "doc", item["key"])
    spec, truth = build_spec(item, world, rng, split)
    mode = item["mode"]
    meta = {"creator": rng.choice(["WPS 文字", "Microsoft® Word 2016", "iText® 5.5.13 ©2000-2020 iText Group NV", "", "Foxit PhantomPDF"]),
            "producer": rng.choice(["", "iText® 5.5.13", "Microsoft: Print To PDF", "WPS Office"]), "title": spec["title"]}
    truth["scanned"] = mode.startswith(("scan", "phone"))
    truth["producer"] = mode
    if mode == "soffice":
        fodt = out_path + ".fodt"
        to_fodt(spec, fodt, rng, split)
        truth["_soffice_src"] = fodt
        return truth
    doc = doclayout.layout(spec, rng)
    if mode == "phone_jpg":  # one photo = one page: keep the document short enough for a single page
        while len(doc.pages) > 1 and len(spec["paras"]) > 2:
            spec["paras"] = spec["paras"][:-2] + spec["paras"][-1:]
            spec.pop("banji", None)
            doc = doclayout.layout(spec, rng)
    if spec.get("seal"):
        truth["seal_page"] = doc.seal_page
    truth["pages"] = len(doc.pages)
    if mode in ("cid", "ttf", "glyph", "charspace"):
        producer = "cid" if mode == "cid" else ("glyph" if mode == "glyph" else "ttf")
        fonts = doclayout.pdf_fonts(rng, producer, split)
        if mode == "charspace":
            for pg in doc.pages:
                for el in pg:
                    if el["t"] == "text" and el["role"] in ("fang", "hei") and rng.random() < 0.5:
                        el["track"] = max(el["track"], rng.uniform(0.1, 0.5))
        doclayout.to_pdf(doc, out_path, producer, fonts, meta, split)
        return truth
    fonts = doclayout.raster_fonts(rng, split)
    if mode in ("scan_color", "scan_gray", "scan_low", "scan_rot"):
        dpi = rng.choice([150, 200, 300]) if mode != "scan_low" else 200
        pages = []
        for i in range(len(doc.pages)):
            im = doclayout.to_image(doc, i, dpi, fonts)
            if mode == "scan_low":
                target = rng.choice([43, 50, 60, 72, 75])
                im = degrade_scan(im, rng, dpi_out=target, dpi_in=dpi)
                truth["dpi"] = target
            else:
                im = degrade_scan(im, rng, gray=(mode == "scan_gray"))
                truth["dpi"] = dpi
            if mode == "scan_rot" and (i == 0 or rng.random() < 0.5):
                im = im.rotate(rng.choice([90, 270, 180]), expand=True)
                truth["rotated_pages"] = truth.get("rotated_pages", 0) + 1
            pages.append(im)
        if mode == "scan_gray":
            truth["grayscale"] = True
            truth["red_header"] = "unverifiable" if truth.get("red_header") else truth.get("red_header", False)
            if truth.get("seal"):
                truth["seal"] = "shape-only"
        images_to_pdf(pages, out_path, a4=True, quality=rng.randint(55, 85),
                      meta={"creator": rng.choice(["", "Canon iR-ADV C5535", "KONICA MINOLTA bizhub", "HP Scan"]), "producer": ""})
        return truth
    if mode in ("phone_pdf", "phone_jpg"):
        pages = []
        for i in range(len(doc.pages)):
            im = doclayout.to_image(doc, i, rng.choice([110, 130, 150]), fonts)
            pages.append(phone_photo(im, rng, split))
        if mode == "phone_jpg":
            # one page per photo; the archive keeps the page with the letterhead/seal
            util.save_jpeg(pages[0], out_path, quality=rng.randint(70, 92),
                           exif=util.exif_bytes(make="HUAWEI", model="NOH-AN00", t=dt.datetime.combine(item["date"], dt.time(10, 5)) + dt.timedelta(days=rng.randint(0, 20))))
            truth["pages"] = 1
            truth["photo_of_paper"] = True
            truth.pop("seal_page", None)
            return truth
        images_to_pdf(pages, out_path, a4=False, quality=rng.randint(60, 85), dpi=rng.choice([150, 200]))
        truth["photo_of_paper"] = True
        return truth
    raise ValueError(mode)
