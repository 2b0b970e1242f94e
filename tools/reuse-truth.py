#!/usr/bin/python3
"""Compare reuse_bench output with a hold-out set's truth.json.

    build/reuse_bench SET/ARCHIVE > out.tsv
    /usr/bin/python3 tools/reuse-truth.py SET/truth.json out.tsv

Marks each candidate line TRUE (a reused pair in the truth) or blank, prints the
confirmed pairs (PAIR lines) against the truth, and sums up: reused pairs found,
missed, and false pairs."""
import json
import sys


def main():
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    reused = {frozenset((t["path"], t["duplicate_of"])) for t in truth["files"] if t.get("duplicate_of")}
    mode = {frozenset((t["path"], t["duplicate_of"])): t.get("reuse", "") for t in truth["files"] if t.get("duplicate_of")}
    found = set()
    false = []
    for line in open(sys.argv[2], encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "PAIR":
            key = frozenset(parts[1:3])
            if key in reused:
                found.add(key)
            else:
                false.append(parts[1:3])
            continue
        if parts[0] == "TIMES":
            print(line.rstrip())
            continue
        key = frozenset(parts[-2:])
        tag = "TRUE " + mode[key] if key in reused else ""
        print(f"{tag:16s}" + "\t".join(parts))
    for key in sorted(reused - found, key=sorted):
        print("MISSED", mode[key], *sorted(key))
    for a, b in false:
        print("FALSE", a, b)
    print(f"reused pairs found {len(found)}/{len(reused)}, false pairs {len(false)}")


if __name__ == "__main__":
    main()
