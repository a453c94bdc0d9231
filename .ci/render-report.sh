#!/usr/bin/env bash
# Renders `crmbridge report --html` for the seeded sandbox in headless Chromium and saves a screenshot to look at.
# Optional: no test needs it (CI may have no Chromium). Needs Debian's chromium: apt-get install -y chromium
# Usage: .ci/render-report.sh [OUTPUT_DIR]   (default artifacts/report; DEALS=300 sets the sandbox size)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mkdir -p "${1:-$root/artifacts/report}" && cd "${1:-$root/artifacts/report}" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "chromium not found: apt-get install -y chromium" >&2
  exit 2
fi

work=$(mktemp -d)
sandbox_pid=""
cleanup() {
  if [[ -n "$sandbox_pid" ]]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/src/CrmBridge.Worker/CrmBridge.Worker.csproj" -nologo -v quiet > "$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
exe="$root/src/CrmBridge.Worker/bin/Debug/net10.0/crmbridge"
cd "$work"

# The fake CRMs on a free loopback port; they print the connection config to point CrmBridge at them.
"$exe" sandbox --port 0 --deals "${DEALS:-300}" > sandbox.out 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 240); do
  grep -q '^}' sandbox.out && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat sandbox.out >&2; exit 1; }
  sleep 0.5
done
sed -n '/^{/,/^}/p' sandbox.out > sandbox.json
[[ -s sandbox.json ]] || { echo "the sandbox printed no configuration:" >&2; cat sandbox.out >&2; exit 1; }

# The demo store: a full sync of every sandbox CRM into a throwaway SQLite file.
export CrmBridge__Storage__Provider=Sqlite
export CrmBridge__Storage__SqlitePath="$work/report.db"
"$exe" sync --config sandbox.json > /dev/null
# A hygiene sweep (report only: no --fix) so the report has findings to summarise; exit code 1 means findings.
"$exe" hygiene --config sandbox.json > /dev/null || [[ $? -eq 1 ]]
"$exe" report --config sandbox.json --html "$out/report.html" --cohort month

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --screenshot="$out/report.png" --window-size=1280,2000 "file://$out/report.html" 2> "$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; exit 1; }
echo "Report: $out/report.html"
echo "Screenshot: $out/report.png"
