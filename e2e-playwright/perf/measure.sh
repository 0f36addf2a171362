#!/usr/bin/env bash
# Median server time of 20 warm requests per URL. Usage: measure.sh http://127.0.0.1:PORT [path...]
set -euo pipefail
base=$1; shift
paths=("$@"); [ ${#paths[@]} -eq 0 ] && paths=(/ "/ui/httproutes?limit=100")
for path in "${paths[@]}"; do
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$base$path"; done   # warm-up
  times=$(for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_starttransfer}\n' "$base$path"; done | sort -n)
  median=$(echo "$times" | awk '{a[NR]=$1} END {printf "%.1f", (a[10]+a[11])/2*1000}')
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  echo "$path HTTP $status median ${median} ms"
done
