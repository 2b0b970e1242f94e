"""HTTP client steps for `evpack serve` shared by tools/serve-load.py and tools/serve-sample.py:
sign in (the sign-in form's CSRF token and cookie, then the session's token) and a streamed
multipart upload of a zip."""
import http.client
import os
import re
import time
import urllib.parse


def sign_in(port, user, password):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("GET", "/login")
    r = c.getresponse()
    body = r.read().decode()
    login_cookie = re.search(r"evpack_login=([0-9a-f]+)", r.getheader("Set-Cookie")).group(1)
    csrf = re.search(r'name=csrf value="([0-9a-f]+)"', body).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "user": user, "password": password})
    c.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded",
                                       "Cookie": "evpack_login=" + login_cookie})
    r = c.getresponse()
    r.read()
    session = re.search(r"evpack_session=([0-9a-f]+)", r.getheader("Set-Cookie")).group(1)
    c.request("GET", "/", headers={"Cookie": "evpack_session=" + session})
    r = c.getresponse()
    csrf = re.search(r'name=csrf value="([0-9a-f]+)"', r.read().decode()).group(1)
    c.close()
    return session, csrf


def upload(port, session, csrf, path, results, index, filename="load.zip", as_of="2025-12-31"):
    boundary = "evpackload" + os.urandom(8).hex()
    head = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                   for k, v in (("csrf", csrf), ("rules", "shandong-2025"), ("as_of", as_of)))
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="archive"; filename="{filename}"\r\n'
             "Content-Type: application/zip\r\n\r\n")
    tail = f"\r\n--{boundary}--\r\n"
    size = len(head.encode()) + os.path.getsize(path) + len(tail)
    start = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.putrequest("POST", "/upload")
        c.putheader("Cookie", "evpack_session=" + session)
        c.putheader("Content-Type", "multipart/form-data; boundary=" + boundary)
        c.putheader("Content-Length", str(size))
        c.endheaders()
        c.send(head.encode())
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                c.send(chunk)
        c.send(tail.encode())
        r = c.getresponse()
        r.read()
        results[index] = (r.status, r.getheader("Location") or "", time.time() - start)
    except Exception as e:  # noqa: BLE001 - every failure is reported
        results[index] = ("error", str(e), time.time() - start)
