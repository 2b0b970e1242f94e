#!/usr/bin/env python3
"""Writes small hostile PDFs for the tests and the audit of issue 24.

usage: hostile_pdf.py OUT.pdf KIND [MEBIBYTES]
  bomb MiB     one page whose content stream is MiB mebibytes of spaces, /FlateDecode
               (4096 gives the audit's 4 GiB stream in a ~4 MB file; compressed in chunks)
  javascript   an /OpenAction with /JavaScript /JS
  launch-objstm  a /Launch action and /EmbeddedFiles only inside a compressed object stream
"""
import sys
import zlib


def write_pdf(path, objects):
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def stream(data, extra=b""):
    packed = zlib.compress(data, 6)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def main():
    path, kind = sys.argv[1], sys.argv[2]
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"
    content = stream(b"BT /F1 12 Tf 20 100 Td (hello) Tj ET")
    objects = [catalog, pages, page, content]
    if kind == "bomb":
        mib = int(sys.argv[3]) if len(sys.argv) > 3 else 64
        z = zlib.compressobj(9)
        chunk = b" " * (1 << 20)
        packed = bytearray()
        for _ in range(mib):
            packed += z.compress(chunk)
        packed += z.flush()
        objects[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + bytes(packed) + b"\nendstream"
    elif kind == "javascript":
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>"
        objects.append(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
    elif kind == "launch-objstm":
        inner = b"<< /S /Launch /F (calc.exe) >> << /Names << /EmbeddedFiles 7 0 R >> >>"
        header = b"6 0 7 31 "
        objects.append(stream(header + inner, b"/Type /ObjStm /N 2 /First %d " % len(header)))
    else:
        sys.exit("unknown kind " + kind)
    write_pdf(path, objects)


if __name__ == "__main__":
    main()
