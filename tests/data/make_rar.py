#!/usr/bin/env python3
# Usage: make_rar.py OUT.rar FOLDER  (entries named FOLDER/…, as rar a OUT.rar FOLDER would)
# Writes a RAR 4.x archive with stored (uncompressed) files: what tests need to read RAR
# without the non-free rar tool. Format: RAR 4.x technote (marker, archive header, file
# headers with method 0x30 "store", end block); header CRC = low 16 bits of CRC32.
import os, struct, sys, zlib
def block(head_type, flags, body):
    size = 7 + len(body)
    head = struct.pack('<BHH', head_type, flags, size) + body
    return struct.pack('<H', zlib.crc32(head) & 0xFFFF) + head
def rar(out, root, base):
    with open(out, 'wb') as f:
        f.write(b'Rar!\x1a\x07\x00')
        f.write(block(0x73, 0, struct.pack('<HI', 0, 0)))
        for dirpath, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(dirpath, name)
                data = open(path, 'rb').read()
                rel = os.path.relpath(path, base).replace(os.sep, '/').encode('utf-8')
                body = struct.pack('<IIBIIBBHI', len(data), len(data), 3, zlib.crc32(data), 0x5A210000, 20, 0x30,
                                   len(rel), 0o100644) + rel
                f.write(block(0x74, 0x8000, body))
                f.write(data)
        f.write(block(0x7B, 0x4000, b''))
rar(sys.argv[1], sys.argv[2], os.path.dirname(os.path.abspath(sys.argv[2])))
