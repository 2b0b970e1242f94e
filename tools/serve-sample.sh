#!/usr/bin/env bash
# One command from a fresh machine to the web pages with the sample's score: installs and builds
# (tools/setup.sh), creates serve-data/ with the account 青石县 (password qingshi-2025), starts
# `evpack serve` on 127.0.0.1:8080, files a check of the bundled sample through the upload page's
# own request, and keeps the server in the foreground (Ctrl-C stops it).
#   tools/serve-sample.sh            LISTEN=0.0.0.0:8080 SERVE_DATA=DIR to change where and what
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-0}" = 1 ] || bash tools/setup.sh   # SKIP_SETUP=1 when already built
data=${SERVE_DATA:-serve-data}
listen=${LISTEN:-127.0.0.1:8080}
user=青石县
password=qingshi-2025
sample=samples/青石县佐证材料
mkdir -p "$data"
# --add-user creates the account, or resets its password when an earlier run made it.
echo "$password" | build/evpack serve --data "$data" --add-user "$user" --role county --password-stdin \
  >/dev/null 2>&1 || true
fifo=$(mktemp -u "${TMPDIR:-/tmp}/evpack-serve-XXXXXX")
mkfifo "$fifo"
build/evpack serve --data "$data" --listen "$listen" >"$fifo" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$fifo"' EXIT
exec 3<"$fifo"
read -r first <&3
echo "$first"
port=$(sed -E 's/.*:([0-9]+)\/.*/\1/' <<<"$first")
/usr/bin/python3 tools/serve-sample.py "$port" "$user" "$password" "$sample"
echo "已提交示例材料（${sample}）的检查。用浏览器打开 http://127.0.0.1:${port}/ ，以 ${user} / ${password} 登录即可看到得分。按 Ctrl-C 停止服务。"
cat <&3 &
wait "$server"
