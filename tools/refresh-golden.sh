#!/bin/sh
# Rewrites tests/golden/ from the current build (build/evpack, or the binary given):
# run after a change that is meant to change the sample's JSON report, catalogue or
# BagIt manifest, then review `git diff tests/golden/` and commit it with the change.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec "$root/tests/golden/run_golden.sh" "$(realpath "${1:-$root/build/evpack}")" "$root" --refresh
