#!/usr/bin/env bash
# Measures the peak resident memory (RSS) and wall time of the T1568.003 detection over the same
# generated events as plain NDJSON and as gzip. A .gz input that streams has the plain run's peak
# RSS plus zlib's buffers, whatever the input size.
#
# Usage: bench/run_gzip_memory.sh [COUNT]    (default: 1000000 events)
# Needs: a built build/sumoql, python3, gzip and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
sumoql=build/sumoql
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

events="$work/events.jsonl"
python3 bench/generate_sysmon.py --seed 1568003 --count "$count" > "$events"
gzip -c "$events" > "$events.gz"
echo "input: $count events, $(stat -c %s "$events") bytes plain, $(stat -c %s "$events.gz") bytes gzip"

for threads in 1 2; do
  for input in "$events" "$events.gz"; do
    /usr/bin/time -v -o "$work/time.txt" "$sumoql" run -q -f jsonl --threads "$threads" \
      queries/t1568.003-dns-calculation.sumo "$input" > "$work/rows.jsonl" 2> /dev/null
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    echo "threads=$threads input=$(basename "$input") rows=$(wc -l < "$work/rows.jsonl") peak_rss_kib=$rss wall=$wall"
  done
done
