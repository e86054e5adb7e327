#!/usr/bin/env bash
# The incremental daily run against the full audit, on one dataset: its usage events split into
# the history and one new day (scripts/split_new_day.py), the history ingested into a lasting
# lake and built (untimed), then the new day through `ingest`, `models build` and `export`
# (timed, each its own process as a scheduler runs them), then a full audit of everything as of
# the same day (timed), and the two findings.csv compared row by row.
#
# Usage: scripts/bench-incremental.sh DATASET DAY [DIR]   e.g. target/bench/dataset-1000000 2026-06-14
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dataset="$1"
day="$2"
dir="${3:-$here/target/bench-incremental}"
prev="$(date -u -d "$day - 1 day" +%F)"
lp="$here/leakproof"

rm -rf "$dir"
mkdir -p "$dir"
python3 "$here/scripts/split_new_day.py" "$dataset" "$dir/dataset" "$day"

seconds() { python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.2f}')" "$1" "$2"; }
now() { date +%s%N; }

echo "history as of $prev (untimed)..."
"$lp" ingest --dataset "$dir/dataset" --as-of "$prev" --work-dir "$dir/work" > "$dir/history.log" 2>&1
(cd "$dir" && LEAKPROOF_WAREHOUSE="$dir/work/warehouse.duckdb" "$lp" models build --vars "{as_of: $prev}") \
  >> "$dir/history.log" 2>&1
"$lp" export --warehouse "$dir/work/warehouse.duckdb" --out "$dir/out-$prev" >> "$dir/history.log" 2>&1

echo "the new day $day: ingest, models build, export..."
t0=$(now)
"$lp" ingest --dataset "$dir/dataset" --as-of "$day" --work-dir "$dir/work" > "$dir/day.log" 2>&1
t1=$(now)
(cd "$dir" && LEAKPROOF_WAREHOUSE="$dir/work/warehouse.duckdb" "$lp" models build --vars "{as_of: $day}") \
  >> "$dir/day.log" 2>&1
t2=$(now)
"$lp" export --warehouse "$dir/work/warehouse.duckdb" --out "$dir/out-incremental" >> "$dir/day.log" 2>&1
t3=$(now)

echo "full audit of everything as of $day..."
t4=$(now)
"$lp" audit --dataset "$dir/dataset" --as-of "$day" --out "$dir/out-full" --quiet > "$dir/full.log" 2>&1
t5=$(now)

echo
echo "incremental day: ingest $(seconds "$t0" "$t1") s, models build $(seconds "$t1" "$t2") s, export $(seconds "$t2" "$t3") s = $(seconds "$t0" "$t3") s"
echo "full audit:      $(seconds "$t4" "$t5") s"
python3 -c "import sys; print(f'ratio:           {(int(sys.argv[2])-int(sys.argv[1]))/(int(sys.argv[4])-int(sys.argv[3])):.2f}')" "$t0" "$t3" "$t4" "$t5"
if cmp -s "$dir/out-incremental/findings.csv" "$dir/out-full/findings.csv"; then
  echo "findings: identical ($(($(wc -l < "$dir/out-full/findings.csv") - 1)) rows)"
else
  echo "findings: DIFFER"; diff "$dir/out-incremental/findings.csv" "$dir/out-full/findings.csv" | head -20; exit 1
fi
