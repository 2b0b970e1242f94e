#!/usr/bin/python3
"""Makes the editor-mark fixtures in this folder (committed; tests never run this).
Tags are written with PIL's Exif API (Chinese text in ASCII-typed tags as UTF-8
bytes, as Chinese phones and apps write it); XMP packets are inserted as an APP1 segment.

    /usr/bin/python3 tests/data/photos/make_editor_marks.py

Edited (each must raise PHOTO_EDITING_SOFTWARE), Software always phone firmware:
  edited_meitu_artist.jpg        EXIF Artist "美图秀秀"
  edited_meitu_usercomment.jpg   EXIF UserComment (UNICODE) "美图秀秀"
  edited_xpcomment.jpg           ImageDescription "风景", XPComment (UTF-16) "醒图"
  edited_xmp_history.jpg         XMP xmpMM:History softwareAgent "Adobe Photoshop 24.1 (Windows)"
  edited_xmp_meitu_ns.jpg        XMP in a Meitu namespace (http://ns.meitu.com/mtxx/1.0/, a stand-in
                                 URI: the check looks for the editor's name in any namespace URI)
Not edited (must not raise it):
  camera_iphone_xmp.jpg          Make Apple, Software "16.1", XMP xmp:CreatorTool "16.1" and
                                 photoshop:DateCreated, as iOS writes them
  camera_notes.jpg               Make HUAWEI, Artist "王美图" (a person), ImageDescription
                                 "OLYMPUS DIGITAL CAMERA", UserComment (ASCII) "charset test",
                                 XMP in Xiaomi's MiCamera namespace
"""
import io
import os
import struct

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))


def picture(seed):
    im = Image.new("RGB", (96, 64))
    px = im.load()
    for y in range(64):
        for x in range(96):
            px[x, y] = ((x * 2 + seed * 17) % 256, (y * 3 + 20) % 256, (160 - x + seed) % 256)
    ImageDraw.Draw(im).ellipse([10 + seed, 10, 40 + seed, 40], fill=(220, 30, 30))
    return im


def with_xmp(jpeg, packet):
    """Inserts an XMP APP1 segment right after SOI."""
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + packet.encode("utf-8")
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def xmp(namespaces, body):
    ns = " ".join(f'xmlns:{p}="{u}"' for p, u in namespaces.items())
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description rdf:about="" {ns}>{body}</rdf:Description></rdf:RDF></x:xmpmeta>'
            '<?xpacket end="w"?>')


def save(name, seed, make, model, software, ifd0=None, sub=None, packet=None):
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x0131] = software
    for k, v in (ifd0 or {}).items():
        exif[k] = v
    exif[0x8769] = {0x9003: "2025:07:22 14:30:05", **(sub or {})}
    b = io.BytesIO()
    picture(seed).save(b, "JPEG", quality=90, exif=exif)
    data = b.getvalue()
    if packet:
        data = with_xmp(data, packet)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


FW = "V12.5.1.0.RFACNXM"
save("edited_meitu_artist.jpg", 1, "Xiaomi", "MI 9", FW, ifd0={0x013B: "美图秀秀".encode("utf-8")})
save("edited_meitu_usercomment.jpg", 2, "Xiaomi", "MI 9", FW,
     sub={0x9286: b"UNICODE\x00" + "美图秀秀".encode("utf-16-be")})  # UCS-2 in the TIFF byte order (PIL writes MM)
save("edited_xpcomment.jpg", 3, "OPPO", "PCLM10", "PCLM10_11_A.21",
     ifd0={0x010E: "风景".encode("utf-8"), 0x9C9C: "醒图".encode("utf-16-le") + b"\x00\x00"})
save("edited_xmp_history.jpg", 4, "HUAWEI", "ELE-AL00", "ELE-AL00 10.1.0.150",
     packet=xmp({"xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "stEvt": "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"},
                "<xmpMM:History><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><stEvt:action>saved</stEvt:action>"
                "<stEvt:softwareAgent>Adobe Photoshop 24.1 (Windows)</stEvt:softwareAgent></rdf:li></rdf:Seq>"
                "</xmpMM:History>"))
save("edited_xmp_meitu_ns.jpg", 5, "vivo", "V2055A", "PD2055_A_1.12.3",
     packet=xmp({"mtxx": "http://ns.meitu.com/mtxx/1.0/"}, "<mtxx:Filter>1</mtxx:Filter>"))
save("camera_iphone_xmp.jpg", 6, "Apple", "iPhone 13", "16.1",
     packet=xmp({"xmp": "http://ns.adobe.com/xap/1.0/", "photoshop": "http://ns.adobe.com/photoshop/1.0/"},
                "<xmp:CreatorTool>16.1</xmp:CreatorTool><xmp:CreateDate>2025-07-22T14:30:05</xmp:CreateDate>"
                "<photoshop:DateCreated>2025-07-22T14:30:05</photoshop:DateCreated>"))
save("camera_notes.jpg", 7, "HUAWEI", "ELE-AL00", "ELE-AL00 10.1.0.150",
     ifd0={0x013B: "王美图".encode("utf-8"), 0x010E: "OLYMPUS DIGITAL CAMERA"},
     sub={0x9286: b"ASCII\x00\x00\x00charset test"},
     packet=xmp({"MiCamera": "http://ns.xiaomi.com/photos/1.0/camera/"},
                "<MiCamera:XMPMeta>&lt;?xml version='1.0' ?&gt;</MiCamera:XMPMeta>"))
