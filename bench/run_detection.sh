#!/usr/bin/env bash
# Runs the T1568.003 detection over generated Sysmon-like events with sumoql, jq and DuckDB side
# by side, and checks that all print the same rows. For each tool it reports the median wall time
# of RUNS runs, throughput, peak resident memory (RSS) and its time divided by sumoql's.
#
# Usage: bench/run_detection.sh [COUNT] [RUNS]    (defaults: 1000000 events, 3 runs)
# Needs: a built build/sumoql, python3, jq and GNU time (apt-get install jq time), and for DuckDB
# the npm package in bench/duckdb (cd bench/duckdb && npm install); without it DuckDB is left out.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=${2:-3}
sumoql=build/sumoql
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

events="$work/events.jsonl"
python3 bench/generate_sysmon.py --seed 1568003 --count "$count" > "$events"
bytes=$(stat -c %s "$events")

# shellcheck source=bench/measure.sh
source bench/measure.sh

read -r sumoql_2t sumoql_2t_kib < <(median_run sumoql "$sumoql" run -q -f jsonl --threads 2 \
  queries/t1568.003-dns-calculation.sumo "$events")
read -r sumoql_1t sumoql_1t_kib < <(median_run sumoql1 "$sumoql" run -q -f jsonl --threads 1 \
  queries/t1568.003-dns-calculation.sumo "$events")
read -r jq_time jq_kib < <(median_run jq jq -c -n -f bench/t1568_003.jq "$events")
tools=(sumoql1 jq)
have_duckdb=false
if [ -d bench/duckdb/node_modules/@duckdb/node-api ]; then
  have_duckdb=true
  read -r duckdb2_time duckdb2_kib < <(median_run duckdb2 node bench/duckdb/t1568_003.mjs "$events" 2)
  read -r duckdb1_time duckdb1_kib < <(median_run duckdb1 node bench/duckdb/t1568_003.mjs "$events" 1)
  tools+=(duckdb2 duckdb1)
fi

if [ -e "$work/failed" ]; then
  exit 1
fi

for tool in "${tools[@]}"; do
  if ! cmp -s "$work/sumoql.out" "$work/$tool.out"; then
    echo "sumoql and $tool printed different rows:" >&2
    diff "$work/sumoql.out" "$work/$tool.out" | head -20 >&2
    exit 1
  fi
done
matches=$(wc -l < "$work/sumoql.out")

echo "events: $count ($((bytes / 1000000)) MB), matches: $matches (identical for every tool), runs: $runs"
printf '%-11s %10s %10s %14s %14s %12s\n' tool "median s" "MB/s" "events/s" "peak RSS MB" "time / sumoql"
row() {
  local tool=$1 seconds=$2 kib=$3
  awk -v tool="$tool" -v s="$seconds" -v kib="$kib" -v bytes="$bytes" -v count="$count" -v base="$sumoql_2t" \
    'BEGIN { printf "%-11s %10.2f %10.0f %14.0f %14.1f %12.1f\n", tool, s, bytes / 1e6 / s, count / s, kib / 1024, s / base }'
}
row "sumoql -t2" "$sumoql_2t" "$sumoql_2t_kib"
row "sumoql -t1" "$sumoql_1t" "$sumoql_1t_kib"
row "jq" "$jq_time" "$jq_kib"
if $have_duckdb; then
  row "duckdb -t2" "$duckdb2_time" "$duckdb2_kib"
  row "duckdb -t1" "$duckdb1_time" "$duckdb1_kib"
  awk -v a="$sumoql_1t" -v b="$duckdb1_time" 'BEGIN { printf "one thread each: sumoql time / duckdb time = %.2f\n", a / b }'
fi
