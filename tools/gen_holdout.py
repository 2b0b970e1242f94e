#!/usr/bin/python3
"""Independent labelled test material for evpack ("holdout generator").

    /usr/bin/python3 tools/gen_holdout.py --seed 1 --out /work/sets/tune-1 --split tune
    /usr/bin/python3 tools/gen_holdout.py --seed 1001 --out /work/sets/holdout-1001 --split holdout
    /usr/bin/python3 tools/gen_holdout.py --stats /work/sets/tune-1

Writes DIR/<county archive>/ and DIR/truth.json (the format of shared/external/truth.json plus
"extended_measures": true). See tools/holdout/README.md and docs/holdout-styles.md.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from holdout import archive, docs, ledgers, photos, shots, util  # noqa: E402

_POOLS = {}
_CTX = {}


def _init(seed, split, world, out_root, heic_dir):
    _CTX.update(seed=seed, split=split, world=world, out_root=out_root)
    pool = list(util.real_photos())
    pool += util.heic_cache(heic_dir)
    _POOLS["real"] = pool


def render(it):
    seed, split, world, root = _CTX["seed"], _CTX["split"], _CTX["world"], _CTX["out_root"]
    path = os.path.join(root, it["rel"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    t = it["type"]
    if t == "photo":
        tr = photos.render_photo(it, path, seed, split, world, _POOLS)
    elif t == "doc":
        tr = docs.render_doc(it, path, seed, world, split)
    elif t == "shot":
        tr = render_shot(it, path, seed, split, world)
    elif t == "ledger":
        tr = render_ledger(it, path, seed, split, world)
    else:
        tr = {}
    return it["rel"], tr


def render_shot(it, path, seed, split, world):
    rng = util.rng_for(seed, "shot", it["key"])
    k = it["shot"]
    tr = {"kind": "screenshot"}
    if k == "credit_news":
        im = shots.gov_article(rng, split, world, it["date"], it["title"], kind="credit")
    elif k == "plan_pub":
        im = shots.gov_article(rng, split, world, it["date"], it["title"], kind="gov",
                               info_table=(f"{world['abbr']}交字〔2025〕{rng.randint(2, 9)}号" if it["j"] == 0 else False))
    elif k == "gov_pub":
        im = shots.gov_article(rng, split, world, it["date"], it["title"], kind=rng.choice(["gov", "bureau"]),
                               info_table=rng.random() < 0.5)
    elif k in ("wechat", "media"):
        if rng.random() < 0.6:
            im = shots.wechat_article(rng, split, world, it["date"], it["title"])
        else:
            im = shots.gov_article(rng, split, world, it["date"], it["title"], kind=rng.choice(["city", "gov"]))
    elif k == "share":
        im = shots.share_list(rng, split, world, it["domain"])
        tr["domain"] = it["domain"]
    elif k == "query":
        im = shots.query_shot(rng, split, world, it["fields"], it["layout"], it["qtime"], it["subject"])
        tr["query_fields"] = dict(it["fields"])
        tr["query_layout"] = it["layout"]
        tr["privacy_types"] = []
    elif k == "after_repair":
        im = shots.query_shot(rng, split, world, {"time": True, "matter": False, "subject": True, "result": True}, "heading",
                              it["qtime"], it["subject"])
    if it.get("date"):
        tr["date"] = it["date"].isoformat()
    if path.lower().endswith(".jpg"):
        util.save_jpeg(im, path, quality=rng.randint(75, 92))
    else:
        im.save(path, "PNG")
    return tr


def render_ledger(it, path, seed, split, world):
    rng = util.rng_for(seed, "ledger", it["key"])
    k = it["ledger"]
    if k == "monthly":
        return ledgers.monthly_ledger(path, rng, split, world, it["month"])
    if k == "sgs":
        return ledgers.shuanggongshi(path, rng, split, world)
    if k == "repair":
        return ledgers.repair_ledger(path, rng, split, world, it["id"], it["mobile"], it["wrap"])
    if k == "signin":
        return ledgers.signin_sheet(path, rng, split, world, it["event"], it["day"], it["n_unmasked"], photo=it["photo"])
    raise ValueError(k)


def soffice_batch(items, root, truths, seed):
    srcs = [(it, truths[it["rel"]]["_soffice_src"]) for it in items if "_soffice_src" in truths.get(it["rel"], {})]
    if not srcs:
        return
    exe = shutil.which("soffice")
    prof = tempfile.mkdtemp(prefix="gen_holdout_lo_")
    outdir = tempfile.mkdtemp(prefix="gen_holdout_pdf_")
    ok = False
    if exe:
        try:
            subprocess.run([exe, f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf", "--outdir", outdir]
                           + [s for _, s in srcs], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
            ok = True
        except Exception as e:  # noqa
            print("gen_holdout: LibreOffice conversion failed:", e, file=sys.stderr)
    for it, src in srcs:
        tr = truths[it["rel"]]
        pdf = os.path.join(outdir, os.path.basename(src)[:-5] + ".pdf")
        dst = os.path.join(root, it["rel"])
        if ok and os.path.exists(pdf):
            shutil.move(pdf, dst)
            tr["pages"] = _pdf_pages(dst)
            if tr.get("seal") is True:
                tr["seal_page"] = _image_page(dst)
        else:  # fall back to another producer (reported in the truth)
            it2 = dict(it, mode="ttf")
            tr2 = docs.render_doc(it2, dst, seed, _CTX["world"], _CTX["split"])
            tr.update(tr2)
            tr["producer"] = "ttf (soffice unavailable)"
        os.remove(src)
        tr.pop("_soffice_src", None)
    shutil.rmtree(prof, ignore_errors=True)
    shutil.rmtree(outdir, ignore_errors=True)


def _pdf_pages(p):
    try:
        out = subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout
        for ln in out.splitlines():
            if ln.startswith("Pages:"):
                return int(ln.split()[1])
    except Exception:
        pass
    return None


def _image_page(p):
    try:
        out = subprocess.run(["pdfimages", "-list", p], capture_output=True, text=True).stdout.splitlines()[2:]
        pages = [int(ln.split()[0]) for ln in out if ln.split() and ln.split()[2] == "image"]
        return pages[-1] if pages else None
    except Exception:
        return None


def assemble(plan, truths):
    files = []
    by_rel = {it["rel"]: it for it in plan.items}
    nowm_ind = set()
    for it in plan.items:
        rel = it["rel"]
        tr = dict(truths.get(rel, {}))
        e = {"path": rel, "indicator": it.get("indicator"), "kind": tr.pop("kind", None) or
             {"text": "other", "corrupt_pdf": "document"}.get(it["type"], it["type"])}
        t = it["type"]
        defect = it.get("defect")
        if t == "photo":
            for k in ("watermark", "watermark_time", "exif_time", "date_only", "wm_style", "software", "edited", "corrupt",
                      "orientation", "wechat", "scene", "wm_position", "wm_dark_on_light"):
                if k in tr:
                    e[k] = tr[k]
            if it.get("corrupt"):
                e = {"path": rel, "indicator": it.get("indicator"), "kind": "photo", "corrupt": True}
            if it.get("dup"):
                e["duplicate_of"] = it["dup"]["orig"]["rel"]
                e["reuse"] = it["dup"]["mode"]
            if it["indicator"] in ("1.4", "2.1"):
                e["quarter"] = f"2025Q{(it['time'].month - 1) // 3 + 1}"
            if not it.get("corrupt") and not e.get("watermark") and it.get("indicator"):
                defect = defect or "D.7 no watermark"
                if not it.get("dup"):
                    nowm_ind.add(it["indicator"])
            if e.get("edited"):
                defect = defect or "D.1 edited with image software"
            if it.get("indicator") is None and not it.get("corrupt"):
                defect = "D.5 maps to no indicator"
        elif t == "doc":
            keep = ("red_header", "doc_number", "doc_number_standard", "seal", "seal_page", "date", "scanned", "grayscale",
                    "privacy_types", "producer", "date_form", "pages", "dpi", "photo_of_paper", "rotated_pages")
            for k in keep:
                if k in tr:
                    e[k] = tr[k]
            if e["kind"] == "document":
                e.setdefault("grayscale", False)
                if e.get("seal") is not True or (e.get("pages") or 1) < 2:
                    e.pop("seal_page", None)
                if not e.get("scanned"):
                    e.setdefault("privacy_types", [])
                ds = it.get("defects", set())
                if "no_seal" in ds:
                    defect = "D.6 no seal"
                elif "black_header" in ds:
                    defect = "D.6 header printed black, no red letterhead"
                elif "no_header" in ds:
                    defect = "D.6 no red letterhead"
                elif "no_number" in ds:
                    defect = "D.6 no own document number"
                elif e.get("doc_number") and not e.get("doc_number_standard", True):
                    defect = "doc number form is not GB/T 9704 (" + it.get("number_form", "") + ")"
            elif e["kind"] == "report":
                e["on_time"] = not it.get("late")
                e.pop("seal_page", None)
                e.setdefault("privacy_types", [])
            elif e["kind"] == "letter":
                e.pop("seal_page", None)
                if e.get("privacy_types"):
                    defect = "D.2 personal " + "/".join(e["privacy_types"]) + " number in a commitment letter"
            if e["kind"] == "document" and "domain" in it and it["indicator"] in ("4.2", "4.3"):
                e["domain"] = it["domain"]
        elif t == "shot":
            for k in ("date", "query_fields", "domain", "query_layout", "privacy_types"):
                if k in tr:
                    e[k] = tr[k]
            if "query_fields" in e and not all(e["query_fields"].values()):
                defect = "query " + ",".join(k for k, v in e["query_fields"].items() if not v) + " missing"
            if it["indicator"] == "3.1":
                e["quarter"] = f"2025Q{(it['date'].month - 1) // 3 + 1}"
        elif t == "ledger":
            for k in ("date", "privacy_types", "seal", "red_header", "photo_of_paper"):
                if k in tr:
                    e[k] = tr[k]
            if e.get("privacy_types"):
                defect = "D.2 " + " and ".join({"id": "ID-card", "mobile": "mobile"}[x] for x in e["privacy_types"]) + \
                    " number in " + ("a sign-in sheet" if it["ledger"] == "signin" else "a ledger") + \
                    (" (wrapped across two lines)" if it.get("wrap") else "")
        elif t == "corrupt_pdf":
            e["corrupt"] = True
        if defect:
            e["defect"] = defect
        files.append(e)
    # indicators whose points the truth fixes
    inds = {}
    q = plan.q_counts
    p31 = min(8, sum(min(2, n) for n in q.values()))
    inds["3.1"] = {"expect_points": p31, "why": "credit-news screenshots per quarter " + str(q) + ", 1 point per item, max 2 per quarter"}
    reps = [e for e in files if e["kind"] == "report" and e["indicator"] == "5.4"]
    on = sum(1 for e in reps if e.get("on_time"))
    inds["5.4"] = {"expect_points": min(6, 2 * on), "why": f"{on} monthly reports on or before the 15th, 2 points each, cap 6"}
    for iid in sorted(nowm_ind):
        inds[iid] = {"expect_points": 0, "why": "a photo without a time watermark: D.7 zeroes the indicator"}
    return {"files": files, "indicators": inds, "extended_measures": True,
            "generator": {"name": "gen_holdout", "seed": plan.seed, "split": plan.split, "archive": plan.root},
            "notes": []}


def set_mtimes(root):
    for dp, dns, fns in os.walk(root):
        for n in fns + dns:
            try:
                util.set_mtime(os.path.join(dp, n))
            except OSError:
                pass


def generate(args):
    t0 = time.time()
    plan = archive.Plan(args.seed, args.split, args.photos, args.docs, args.shots)
    out_root = os.path.join(args.out, plan.root)
    if os.path.exists(out_root):
        shutil.rmtree(out_root)
    os.makedirs(out_root)
    heic_dir = os.path.join(tempfile.gettempdir(), "gen_holdout_heic")
    jobs = [it for it in plan.items if it["type"] in ("photo", "doc", "shot", "ledger")]
    # heavy items first for a better spread
    weight = {"doc": 3, "ledger": 2, "photo": 1, "shot": 1}
    jobs.sort(key=lambda it: -weight[it["type"]])
    truths = {}
    if args.jobs > 1:
        import multiprocessing as mp
        ctx = mp.get_context("fork")
        with ctx.Pool(args.jobs, initializer=_init, initargs=(args.seed, args.split, plan.world, out_root, heic_dir)) as pool:
            for i, (rel, tr) in enumerate(pool.imap_unordered(render, jobs, chunksize=2)):
                truths[rel] = tr
                if args.verbose and i % 25 == 0:
                    print(f"  {i}/{len(jobs)} {time.time() - t0:.0f}s", file=sys.stderr)
    else:
        _init(args.seed, args.split, plan.world, out_root, heic_dir)
        for it in jobs:
            rel, tr = render(it)
            truths[rel] = tr
    _CTX.update(seed=args.seed, split=args.split, world=plan.world, out_root=out_root)
    soffice_batch(jobs, out_root, truths, args.seed)
    # loose files
    rng = util.rng_for(args.seed, "loose-render")
    for it in plan.items:
        p = os.path.join(out_root, it["rel"])
        if it["type"] == "text":
            with open(p, "w", encoding="gbk", newline="") as f:
                f.write(it["text"])
        elif it["type"] == "corrupt_pdf":
            srcs = sorted(x["rel"] for x in plan.items if x["type"] == "doc" and x["rel"].endswith(".pdf"))
            data = open(os.path.join(out_root, srcs[0]), "rb").read()
            open(p, "wb").write(data[: int(len(data) * rng.uniform(0.2, 0.5))])
    truth = assemble(plan, truths)
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    set_mtimes(out_root)
    print(f"gen_holdout: {len(truth['files'])} files in {out_root} ({time.time() - t0:.0f} s)")


def stats(d):
    truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    files = truth["files"]
    g = truth.get("generator", {})
    print(f"archive: {g.get('archive')}  seed {g.get('seed')}  split {g.get('split')}  files {len(files)}")
    kinds = collections.Counter(f["kind"] for f in files)
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    ph = [f for f in files if f["kind"] == "photo"]
    st = collections.Counter(f.get("wm_style") or ("(corrupt)" if f.get("corrupt") else "(none)") for f in ph)
    print("photo styles: " + ", ".join(f"{k} {n}" for k, n in sorted(st.items())))
    print(f"photos: no watermark {sum(1 for f in ph if f.get('watermark') is False)}, date-only {sum(1 for f in ph if f.get('date_only'))}, "
          f"reused {sum(1 for f in ph if f.get('duplicate_of'))}, edited {sum(1 for f in ph if f.get('edited'))}, "
          f"rotated storage {sum(1 for f in ph if f.get('orientation'))}, WeChat {sum(1 for f in ph if f.get('wechat'))}, "
          f"EXIF time {sum(1 for f in ph if f.get('exif_time'))}, corrupt {sum(1 for f in ph if f.get('corrupt'))}")
    dc = [f for f in files if f["kind"] in ("document", "letter", "report")]
    print("document producers: " + ", ".join(f"{k} {n}" for k, n in sorted(collections.Counter(f.get("producer", "?") for f in dc).items())))
    dd = [f for f in files if f["kind"] == "document" and not f.get("corrupt")]
    print(f"documents: red header {sum(1 for f in dd if f.get('red_header') is True)}, unverifiable {sum(1 for f in dd if f.get('red_header') == 'unverifiable')}, "
          f"no letterhead {sum(1 for f in dd if f.get('red_header') is False)}; seal {sum(1 for f in dd if f.get('seal') is True)}, "
          f"shape-only {sum(1 for f in dd if f.get('seal') == 'shape-only')}, none {sum(1 for f in dd if f.get('seal') is False)}; "
          f"number none {sum(1 for f in dd if f.get('doc_number') is None)}, non-standard {sum(1 for f in dd if f.get('doc_number_standard') is False)}; "
          f"Chinese-numeral dates {sum(1 for f in dd if f.get('date_form', '').startswith('cn'))}; multi-page sealed {sum(1 for f in dd if f.get('seal_page'))}")
    sh = [f for f in files if f["kind"] == "screenshot"]
    print(f"screenshots: dated {sum(1 for f in sh if f.get('date'))}, queries {sum(1 for f in sh if f.get('query_fields'))} "
          f"(layouts {dict(collections.Counter(f.get('query_layout') for f in sh if f.get('query_layout')))}, missing a field "
          f"{sum(1 for f in sh if f.get('query_fields') and not all(f['query_fields'].values()))})")
    pv = [f for f in files if "privacy_types" in f]
    print(f"privacy-scanned files {len(pv)}: with id {sum(1 for f in pv if 'id' in f['privacy_types'])}, with mobile "
          f"{sum(1 for f in pv if 'mobile' in f['privacy_types'])}")
    print(f"planted defects {sum(1 for f in files if f.get('defect'))}; expected points: " +
          ", ".join(f"{k}={v['expect_points']}" for k, v in sorted(truth.get('indicators', {}).items())))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--split", choices=["tune", "holdout"], default=None)
    ap.add_argument("--photos", type=int, default=150)
    ap.add_argument("--docs", type=int, default=80)
    ap.add_argument("--shots", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--stats", metavar="DIR")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    if a.stats:
        stats(a.stats)
        return
    if not a.out:
        ap.error("--out is required")
    if a.split is None:
        a.split = "holdout" if a.seed >= 1000 else "tune"
    if a.split == "tune" and a.seed >= 1000 or a.split == "holdout" and a.seed < 1000:
        print("gen_holdout: note: tune sets use seeds 1-9, holdout sets seeds 1001+", file=sys.stderr)
    generate(a)


if __name__ == "__main__":
    main()
