#!/usr/bin/python3
"""Files a check of the bundled sample with a running `evpack serve` (used by tools/serve-sample.sh).

    tools/serve-sample.py PORT USER PASSWORD SAMPLE_FOLDER [AS_OF]

Zips the folder (with its own name as the top folder), signs in and uploads it like the page does.
"""
import os
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_client import sign_in, upload  # noqa: E402


def main():
    port, user, password, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4].rstrip("/")
    as_of = sys.argv[5] if len(sys.argv) > 5 else "2026-01-20"
    name = os.path.basename(folder)
    with tempfile.TemporaryDirectory(prefix="evpack-sample-") as tmp:
        zip_path = os.path.join(tmp, name + ".zip")
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_STORED) as z:
            for root, _dirs, files in sorted(os.walk(folder)):
                for f in sorted(files):
                    full = os.path.join(root, f)
                    z.write(full, os.path.join(name, os.path.relpath(full, folder)))
        session, csrf = sign_in(port, user, password)
        results = [None]
        upload(port, session, csrf, zip_path, results, 0, filename=name + ".zip", as_of=as_of)
    status = results[0][0]
    if status != 303:
        print(f"上传示例材料失败：{results[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
