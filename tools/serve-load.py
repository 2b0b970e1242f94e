#!/usr/bin/python3
"""Load check of `evpack serve` (not a timed test): N clients upload a large zip at once
over loopback; prints how each upload ended and the server's peak resident memory.

    tools/serve-load.py build/evpack [--clients 20] [--size-mb 200]

Each client signs in with its own county account (the server limits concurrent uploads per
account), streams the zip from disk (http.client, no copy in memory) and reports the status
code. The server runs with --no-ocr; its peak memory is VmHWM from /proc/PID/status.
"""
import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse  # noqa: F401 (serve_client uses it)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_client import sign_in, upload  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("evpack")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--size-mb", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="evpack-load-") as tmp:
        data = os.path.join(tmp, "data")
        blob = os.path.join(tmp, "材料", "big.bin")
        os.makedirs(os.path.dirname(blob))
        with open(blob, "wb") as f:
            for _ in range(args.size_mb):
                f.write(os.urandom(1 << 20))
        zip_path = os.path.join(tmp, "load.zip")
        subprocess.run(["zip", "-q0r", zip_path, "材料"], cwd=tmp, check=True)
        os.remove(blob)
        for i in range(args.clients):
            subprocess.run([args.evpack, "serve", "--data", data, "--add-user", f"县{i:02d}", "--role", "county",
                            "--password-stdin"], input=b"load-test-pw\n", check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen([args.evpack, "serve", "--data", data, "--listen", "127.0.0.1:0", "--no-ocr",
                                   "--max-upload", "1G"], stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            port = int(re.search(r":(\d+)/", line).group(1))
            sessions = [sign_in(port, f"县{i:02d}", "load-test-pw") for i in range(args.clients)]
            results = [None] * args.clients
            rss = []
            stop = threading.Event()

            def sample():
                while not stop.is_set():
                    with open(f"/proc/{server.pid}/status") as s:
                        m = re.search(r"VmRSS:\s+(\d+)", s.read())
                        rss.append(int(m.group(1)))
                    time.sleep(0.2)

            sampler = threading.Thread(target=sample)
            sampler.start()
            start = time.time()
            threads = [threading.Thread(target=upload, args=(port, s, c, zip_path, results, i))
                       for i, (s, c) in enumerate(sessions)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.time() - start
            stop.set()
            sampler.join()
            with open(f"/proc/{server.pid}/status") as s:
                hwm = int(re.search(r"VmHWM:\s+(\d+)", s.read()).group(1))
        finally:
            server.terminate()
            server.wait()
        ok = sum(1 for r in results if r and r[0] == 303)
        for i, r in enumerate(results):
            print(f"client {i:2d}: {r[0]} {r[1]} {r[2]:.1f} s")
        print(f"{ok}/{args.clients} uploads of {os.path.getsize(zip_path) / 1e6:.0f} MB accepted in {wall:.1f} s; "
              f"server peak RSS {hwm / 1024:.0f} MB (VmHWM; largest sample during uploads {max(rss) / 1024:.0f} MB)")
        return 0 if ok == args.clients else 1


if __name__ == "__main__":
    sys.exit(main())
