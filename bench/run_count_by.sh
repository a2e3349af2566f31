#!/usr/bin/env bash
# Runs `| count by KEY` over generated Sysmon-like events with sumoql and DuckDB side by side, on
# two threads and on one, and checks that both print the same groups and counts. For each key it
# reports the median wall time of RUNS runs, throughput, peak resident memory (RSS) and the
# ratios of the two tools' times.
#
# Usage: bench/run_count_by.sh [COUNT] [RUNS] [KEY...]
#   defaults: 1000000 events, 3 runs, keys DestinationIp (high cardinality: 797,915 values in
#   1,000,000 events) and Image (low cardinality: 8 values). ProcessGuid is unique per event.
#   A key must hold a JSON string in every generated event; the script lists the valid keys.
# Needs: a built build/sumoql, python3, GNU time (apt-get install time), and the npm package in
# bench/duckdb (cd bench/duckdb && npm install).
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=${2:-3}
shift $(($# < 2 ? $# : 2))
keys=("$@")
if [ ${#keys[@]} -eq 0 ]; then
  keys=(DestinationIp Image)
fi
# The two tools print a group's key the same way only for keys whose values are JSON strings in
# every generated event, so the check of identical output needs one of these.
string_keys=" Computer User Image CommandLine ProcessGuid ProcessId SourceIp DestinationIp "
for key in "${keys[@]}"; do
  if [[ "$string_keys" != *" $key "* ]]; then
    echo "invalid key '$key': use one of${string_keys% }" >&2
    exit 2
  fi
done

sumoql=build/sumoql
if [ ! -d bench/duckdb/node_modules/@duckdb/node-api ]; then
  echo "DuckDB is not installed: run 'cd bench/duckdb && npm install' first" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

events="$work/events.jsonl"
python3 bench/generate_sysmon.py --seed 1568003 --count "$count" > "$events"
bytes=$(stat -c %s "$events")

# shellcheck source=bench/measure.sh
source bench/measure.sh

# Prints one table row: tool, seconds, MB/s, events/s, peak RSS MB and time / sumoql on 2 threads.
row() {
  local tool=$1 seconds=$2 kib=$3 base=$4
  awk -v tool="$tool" -v s="$seconds" -v kib="$kib" -v bytes="$bytes" -v count="$count" -v base="$base" \
    'BEGIN { printf "%-11s %10.2f %10.0f %14.0f %14.1f %12.2f\n", tool, s, bytes / 1e6 / s, count / s, kib / 1024, s / base }'
}

echo "events: $count ($((bytes / 1000000)) MB), runs: $runs"
for key in "${keys[@]}"; do
  query="| count by $key"
  read -r sumoql2 sumoql2_kib < <(median_run sumoql2 "$sumoql" run -q -f jsonl --threads 2 -e "$query" "$events")
  read -r sumoql1 sumoql1_kib < <(median_run sumoql1 "$sumoql" run -q -f jsonl --threads 1 -e "$query" "$events")
  read -r duckdb2 duckdb2_kib < <(median_run duckdb2 node bench/duckdb/count_by.mjs "$events" "$key" 2)
  read -r duckdb1 duckdb1_kib < <(median_run duckdb1 node bench/duckdb/count_by.mjs "$events" "$key" 1)
  if [ -e "$work/failed" ]; then
    exit 1
  fi

  # The tools print groups in different orders, so the check compares sorted lines.
  sort "$work/sumoql2.out" > "$work/expected.sorted"
  for tool in sumoql1 duckdb2 duckdb1; do
    if ! sort "$work/$tool.out" | cmp -s "$work/expected.sorted" -; then
      echo "count by $key: sumoql on 2 threads and $tool printed different groups:" >&2
      sort "$work/$tool.out" | diff "$work/expected.sorted" - | head -20 >&2
      exit 1
    fi
  done
  groups=$(wc -l < "$work/sumoql2.out")

  echo
  echo "count by $key: $groups groups (identical for every tool)"
  printf '%-11s %10s %10s %14s %14s %12s\n' tool "median s" "MB/s" "events/s" "peak RSS MB" "time / sumoql"
  row "sumoql -t2" "$sumoql2" "$sumoql2_kib" "$sumoql2"
  row "sumoql -t1" "$sumoql1" "$sumoql1_kib" "$sumoql2"
  row "duckdb -t2" "$duckdb2" "$duckdb2_kib" "$sumoql2"
  row "duckdb -t1" "$duckdb1" "$duckdb1_kib" "$sumoql2"
  awk -v s2="$sumoql2" -v d2="$duckdb2" -v s1="$sumoql1" -v d1="$duckdb1" \
    'BEGIN { printf "sumoql time / duckdb time: %.2f on two threads each, %.2f on one thread each\n", s2 / d2, s1 / d1 }'
done
