#!/usr/bin/python3
"""Which text detector finds watermark lines: OpenCV contrib's stroke width transform
(cv::text::detectTextSWT, both polarities) or the PP-OCRv4 DB model evpack ships.

    /usr/bin/python3 tools/bench-textdet.py SET_DIR [--models models] [--limit N]

SET_DIR holds an evidence archive and truth.json in the format of ../shared/external
(tools/gen_holdout.py writes such sets). For every photo the truth says is watermarked
with a time, each detector's lines are read by the same recogniser (PP-OCRv4 rec through
OpenCV DNN, as evpack reads them) and the photo counts as found when some line, alone or
with its neighbours, shows the watermark's date and HH:MM. Prints, per detector: photos
found / watermarked, lines per photo, and detector CPU seconds per photo (one thread).
Uses Debian's python3-opencv (the same OpenCV 4.6 evpack links; `tools/deps.sh --holdout` installs it).

Measured on tune-1 (first 60 watermarked photos, 2026-12-07): db found 48/60 (80.0 %), 5.7 lines per
photo, 0.250 CPU-s per photo; swt found 13/60 (21.7 %), 19.5 chains per photo, 0.159 CPU-s per photo.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

import cv2
import numpy as np

cv2.setNumThreads(1)
REC_WIDTHS = (160, 320, 640)


class Models:
    def __init__(self, folder):
        self.folder = folder
        self.dets = {}  # one net per input shape: OpenCV 4.6 DNN breaks when a net's input shape changes
        self.rec = {w: cv2.dnn.readNetFromONNX(os.path.join(folder, f"ppocr_rec_{w}.onnx")) for w in REC_WIDTHS}
        with open(os.path.join(folder, "ppocr_keys.txt"), encoding="utf-8") as f:
            self.keys = [line.rstrip("\n") for line in f] + [" "]

    def db_lines(self, img, side=640):
        """As evpack does (ppocr_scene_text.cpp): fitted into a 4:3 canvas, landscape or portrait."""
        h, w = img.shape[:2]
        cw, ch = (side * 3 // 4 // 32 * 32, side) if h > w else (side, side * 3 // 4 // 32 * 32)
        if (cw, ch) not in self.dets:
            self.dets[(cw, ch)] = cv2.dnn.readNetFromONNX(os.path.join(self.folder, "ppocr_det.onnx"))
        s = min(2.0, cw / w, ch / h)
        fw, fh = max(1, round(w * s)), max(1, round(h * s))
        mean = np.array([0.485, 0.456, 0.406], np.float32)
        std = np.array([0.229, 0.224, 0.225], np.float32)
        canvas = np.tile(((0 - mean) / std).reshape(1, 1, 3), (ch, cw, 1)).astype(np.float32)
        canvas[:fh, :fw] = (cv2.resize(img, (fw, fh)).astype(np.float32) / 255.0 - mean) / std
        det = self.dets[(cw, ch)]
        det.setInput(canvas.transpose(2, 0, 1)[None].copy())
        prob = det.forward()[0, 0]
        mask = (prob > 0.3).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        out = []
        for c in contours:
            x, y, bw, bh = cv2.boundingRect(c)
            if min(bw, bh) < 3 or prob[y:y + bh, x:x + bw][mask[y:y + bh, x:x + bw] > 0].mean() < 0.6:
                continue
            d = bw * bh * 1.5 / (2 * (bw + bh))
            out.append((max(0, int((x - d) / s)), max(0, int((y - d) / s)),
                        min(w, int((x + bw + d) / s)), min(h, int((y + bh + d) / s))))
        return out

    def read(self, crop):
        h, w = crop.shape[:2]
        if h < 2 or w < 2:
            return ""
        fit = int(np.ceil(48 * w / h))
        width = next((x for x in REC_WIDTHS if fit <= x), REC_WIDTHS[-1])
        used = min(fit, width)
        blob = np.zeros((1, 3, 48, width), np.float32)
        blob[0, :, :, :used] = (cv2.resize(crop, (used, 48)).astype(np.float32) / 127.5 - 1).transpose(2, 0, 1)
        net = self.rec[width]
        net.setInput(blob)
        o = net.forward()[0]
        idx = o.argmax(1)
        text, prev = [], 0
        for i in idx:
            if i != 0 and i != prev:
                text.append(self.keys[i - 1] if i - 1 < len(self.keys) else " ")
            prev = i
        return "".join(text)


def swt_lines(img, side=640):
    h, w = img.shape[:2]
    s = min(2.0, side / max(h, w))
    small = cv2.resize(img, (int(w * s), int(h * s)))
    out = []
    for dark in (True, False):
        _, _, chains = cv2.text.detectTextSWT(small, dark)
        for x, y, bw, bh in (np.asarray(chains).reshape(-1, 4) if chains is not None else []):
            out.append((int(x / s), int(y / s), int((x + bw) / s), int((y + bh) / s)))
    return out


def shows(texts, want):
    digits = re.sub(r"[^0-9]", "", want)  # YYYYMMDDHHMM
    joined = re.sub(r"[^0-9]", "", "".join(texts))
    date, hm = digits[:8], digits[8:12]
    loose = re.sub(r"[^0-9]", "", "".join(texts).replace("年", "").replace("月", "").replace("日", ""))
    return (date in joined or date in loose or date[2:] in joined) and hm in joined


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set_dir")
    ap.add_argument("--models", default=os.path.join(os.path.dirname(__file__), "..", "models"))
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    truth = json.load(open(os.path.join(a.set_dir, "truth.json"), encoding="utf-8"))
    archive = next(os.path.join(a.set_dir, d) for d in os.listdir(a.set_dir) if os.path.isdir(os.path.join(a.set_dir, d)))
    photos = [t for t in truth["files"] if t.get("kind") == "photo" and t.get("watermark") and t.get("watermark_time")
              and not t.get("corrupt")]
    if a.limit:
        photos = photos[:a.limit]
    m = Models(a.models)
    stats = {"db": [0, 0, 0.0], "swt": [0, 0, 0.0]}
    for t in photos:
        raw = np.fromfile(os.path.join(archive, t["path"]), np.uint8)
        img = cv2.imdecode(raw, cv2.IMREAD_COLOR)  # applies EXIF orientation
        if img is None:
            continue
        hh, ww = img.shape[:2]
        k = 720 / min(hh, ww)
        if k < 1:
            img = cv2.resize(img, (int(ww * k), int(hh * k)), interpolation=cv2.INTER_AREA)
        for name, detect in (("db", m.db_lines), ("swt", swt_lines)):
            t0 = time.process_time()
            boxes = detect(img)
            stats[name][2] += time.process_time() - t0
            stats[name][1] += len(boxes)
            texts = [m.read(img[y0:y1, x0:x1]) for x0, y0, x1, y1 in sorted(boxes, key=lambda b: (b[1], b[0]))]
            if shows(texts, t["watermark_time"]):
                stats[name][0] += 1
    n = len(photos)
    for name, (found, lines, cpu) in stats.items():
        print(f"{name}: watermark line found {found}/{n} ({100 * found / max(1, n):.1f} %), "
              f"{lines / max(1, n):.1f} lines per photo, detector {cpu / max(1, n):.3f} CPU-s per photo")


if __name__ == "__main__":
    sys.exit(main())
