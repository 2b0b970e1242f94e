"""Minimal but valid OOXML files written with zipfile: a .docx ledger and a .xlsx sheet.

Entries carry a fixed timestamp so the zip bytes are reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

_ZIP_TIME = (2025, 12, 20, 10, 0, 0)


def _zip(entries: list[tuple[str, str]]) -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for name, text in entries:
            zi = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            z.writestr(zi, text.encode("utf-8"))
    return b.getvalue()


_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="{target}"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
         'metadata/core-properties" Target="docProps/core.xml"/></Relationships>')


def _core(title: str, author: str, created: dt.datetime) -> str:
    ts = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/'
            'dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{ts}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{ts}</dcterms:modified>'
            '</cp:coreProperties>')


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w_par(text: str, bold=False, center=False, size_half_pt=None) -> str:
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = ""
    if bold or size_half_pt:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + (
            f'<w:sz w:val="{size_half_pt}"/>' if size_half_pt else "") + "</w:rPr>"
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_bytes(title: str, paragraphs: list[str], table: list[list[str]] | None = None,
               author: str = "青石县交通运输局", created: dt.datetime | None = None,
               after_table: list[str] | None = None) -> bytes:
    """A .docx with a centred bold title, paragraphs, an optional table, more paragraphs."""
    created = created or dt.datetime(2025, 12, 20, 2, 0, 0)
    body = [_w_par(title, bold=True, center=True, size_half_pt=36)]
    body += [_w_par(p) for p in paragraphs]
    if table:
        rows = []
        for i, row in enumerate(table):
            cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>{_w_par(str(c), bold=(i == 0))}</w:tc>'
                for c in row)
            rows.append(f"<w:tr>{cells}</w:tr>")
        borders = "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                          for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        body.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>'
                    f'<w:tblBorders>{borders}</w:tblBorders></w:tblPr>' + "".join(rows) + "</w:tbl>")
    body += [_w_par(p) for p in (after_table or [])]
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document xmlns:w="{W_NS}"><w:body>' + "".join(body) +
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" '
           'w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
           "</w:body></w:document>")
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
          'package.core-properties+xml"/></Types>')
    return _zip([("[Content_Types].xml", ct),
                 ("_rels/.rels", _RELS.format(target="word/document.xml")),
                 ("docProps/core.xml", _core(title, author, created)),
                 ("word/document.xml", doc)])


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_bytes(sheet_name: str, header: list[str], rows: list[list], title: str = "",
               author: str = "青石县交通运输局", created: dt.datetime | None = None) -> bytes:
    """A one-sheet .xlsx. Strings are inline; datetime.date values become date serials with
    number format 14 (yyyy/m/d), as Excel stores typed dates."""
    created = created or dt.datetime(2025, 12, 20, 2, 0, 0)
    xml_rows = []
    all_rows = ([[title]] if title else []) + [header] + rows
    for r_i, row in enumerate(all_rows, start=1):
        cells = []
        for c_i, v in enumerate(row):
            ref = f"{_col(c_i)}{r_i}"
            if v is None or v == "":
                continue
            if isinstance(v, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{excel_serial(v)}</v></c>')
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        xml_rows.append(f'<row r="{r_i}">' + "".join(cells) + "</row>")
    ncols = max(len(r) for r in all_rows)
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:{_col(ncols - 1)}{len(all_rows)}"/>'
             '<sheetData>' + "".join(xml_rows) + "</sheetData></worksheet>")
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships/styles" Target="styles.xml"/></Relationships>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '</cellXfs></styleSheet>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
          'package.core-properties+xml"/></Types>')
    return _zip([("[Content_Types].xml", ct),
                 ("_rels/.rels", _RELS.format(target="xl/workbook.xml")),
                 ("docProps/core.xml", _core(title or sheet_name, author, created)),
                 ("xl/workbook.xml", workbook),
                 ("xl/_rels/workbook.xml.rels", wb_rels),
                 ("xl/styles.xml", styles),
                 ("xl/worksheets/sheet1.xml", sheet)])
