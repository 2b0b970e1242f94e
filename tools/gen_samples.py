#!/usr/bin/python3
"""Generate evpack's sample evidence archives (run with Debian's /usr/bin/python3).

Presets:
  sample  (default) the small committed archive samples/青石县佐证材料 with labels beside it
  bench   --photos N --pdfs N [--photo-size WxH]: a large archive for benchmarks
  stress  --files N: thousands of small/hostile files, symlink loop, links leaving the root
  docset  --count N: labelled documents for measuring document-inspection accuracy

Output is deterministic for a given --seed and font set: fixed PDF dates (reportlab
invariant mode), fixed JPEG/PNG/zip settings, no clock, every mtime set to a fixed value.
Labels: archives get <out>.labels.json beside the folder; docset gets <out>/labels.json.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import sys
import time

sys.dont_write_bytecode = True  # keep tools/gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gen.build import LABEL_KEYS, build_safe  # noqa: E402
from gen.common import FIXED_MTIME, fix_tree_mtimes  # noqa: E402
from gen.plans import bench_jobs, docset_jobs, sample_jobs  # noqa: E402
from gen.readme import sample_readme  # noqa: E402
from gen.stress import make_stress  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SAMPLE_OUT = os.path.join(REPO, "samples", "青石县佐证材料")


def _parse_size(s: str):
    w, h = s.lower().split("x")
    return int(w), int(h)


def _prepare_out(out: str, labels_path: str, force: bool) -> None:
    """Refuse to overwrite a folder we did not make; replace one we made."""
    if os.path.lexists(out):
        ours = os.path.exists(labels_path) or force
        if not ours and os.listdir(out):
            raise SystemExit(f"gen_samples: {out} exists and was not made by this tool "
                             f"(no {os.path.basename(labels_path)}); use --force to replace it")
        shutil.rmtree(out)
        outside = out.rstrip("/") + "-outside"
        if os.path.isdir(outside) and os.path.exists(labels_path):
            shutil.rmtree(outside)
    os.makedirs(out)


def _run_jobs(jobs, root: str, processes: int):
    for j in jobs:
        j["root"] = root
    paths = [j["path"] for j in jobs]
    dup = {p for p in paths if paths.count(p) > 1} if len(paths) < 5000 else set()
    if dup:
        raise SystemExit(f"gen_samples: duplicate paths in plan: {sorted(dup)[:5]}")
    if processes <= 1:
        labels = [build_safe(j) for j in jobs]
    else:
        ctx = mp.get_context("fork")
        with ctx.Pool(processes) as pool:
            labels = list(pool.imap(build_safe, jobs, chunksize=4))
    return sorted(labels, key=lambda l: l["path"])


def _summary(labels):
    """Per-indicator digest of the ground truth, handy for test assertions."""
    by = {}
    for lab in labels:
        ind = lab["indicator"] or "(none)"
        s = by.setdefault(ind, {"files": 0, "quarters": set(), "kinds": set()})
        s["files"] += 1
        if lab["quarter"]:
            s["quarters"].add(lab["quarter"])
        s["kinds"].add(lab["kind"])
    return {k: {"files": v["files"], "quarters": sorted(v["quarters"]), "kinds": sorted(v["kinds"])}
            for k, v in sorted(by.items())}


def _write_json(path: str, obj) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", choices=["sample", "bench", "stress", "docset"], default="sample")
    ap.add_argument("--out", help="output folder (default for sample: samples/青石县佐证材料)")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--photos", type=int, default=1000)
    ap.add_argument("--pdfs", type=int, default=200)
    ap.add_argument("--photo-size", default="1920x1440")
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--force", action="store_true", help="replace --out even if it was not generated")
    a = ap.parse_args(argv)

    t0 = time.time()
    if a.preset == "sample":
        out = os.path.abspath(a.out or DEFAULT_SAMPLE_OUT)
    elif not a.out:
        ap.error(f"--out is required for --preset {a.preset}")
    else:
        out = os.path.abspath(a.out)
    labels_path = os.path.join(out, "labels.json") if a.preset == "docset" else out.rstrip("/") + ".labels.json"
    _prepare_out(out, labels_path, a.force)

    meta = {"generator": "tools/gen_samples.py", "preset": a.preset, "seed": a.seed,
            "pilot_year": 2025, "unit": "青石县交通运输局", "label_keys": LABEL_KEYS}
    if a.preset == "stress":
        labels = make_stress(out, a.seed, a.files)
        fix_tree_mtimes(out)
        labels.update({k: v for k, v in meta.items() if k != "label_keys"})
        _write_json(labels_path, labels)
        n = len(labels["files"]) + len(labels["non_utf8_names"])
    else:
        if a.preset == "sample":
            jobs = sample_jobs(a.seed)
        elif a.preset == "bench":
            jobs = bench_jobs(a.seed, a.photos, a.pdfs, _parse_size(a.photo_size))
        else:
            jobs = docset_jobs(a.seed, a.count)
        labels = _run_jobs(jobs, out, a.jobs)
        fix_tree_mtimes(out)
        meta["archive"] = os.path.basename(out.rstrip("/"))
        meta["summary"] = _summary(labels)
        meta["files"] = labels
        _write_json(labels_path, meta)
        if a.preset == "sample" and out == os.path.abspath(DEFAULT_SAMPLE_OUT):
            readme = os.path.join(os.path.dirname(out), "README.md")
            with open(readme, "w", encoding="utf-8") as f:
                f.write(sample_readme(labels))
            os.utime(readme, (FIXED_MTIME, FIXED_MTIME))
        n = len(labels)
    total = 0
    for dp, _, fs in os.walk(out):
        for f in fs:
            p = os.path.join(dp, f)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    print(f"gen_samples: {a.preset}: {n} files, {total / 1048576:.1f} MiB in {out} "
          f"({time.time() - t0:.1f} s); labels: {labels_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
