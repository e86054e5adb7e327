#!/usr/bin/env python3
"""Splits a dataset's usage events into history and one new day (by occurred_at's date), for the
incremental daily-run measurement: DAY's events go to usage_events_DAY.jsonl, the rest stay."""
import json, os, shutil, sys
src, dst, day = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(dst, exist_ok=True)
for f in sorted(os.listdir(src)):
    p = os.path.join(src, f)
    if f.endswith('.csv') or f.startswith('seat_events'):
        shutil.copy(p, dst)
hist = open(os.path.join(dst, 'usage_events_000_history.jsonl'), 'w')
new = open(os.path.join(dst, 'usage_events_' + day + '.jsonl'), 'w')
n = m = 0
for f in sorted(os.listdir(src)):
    if not f.startswith('usage_events'):
        continue
    for line in open(os.path.join(src, f)):
        try:
            d = json.loads(line)
            on_day = isinstance(d, dict) and str(d.get('occurred_at', ''))[:10] == day
        except ValueError:
            on_day = False
        (new if on_day else hist).write(line if line.endswith('\n') else line + '\n')
        if on_day: m += 1
        else: n += 1
print(f'history {n} lines, {day}: {m} lines')
