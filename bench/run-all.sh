#!/usr/bin/env bash
# Runs bench/proxy-vs-peers.sh once per load shape (LOADS, THREADSxCONNECTIONS; default -t1 -c32 and -t2 -c64)
# over the selected VARIANTS and PEERS, then prints all ratio lines last, one table. Asserts nothing.
# Same environment as proxy-vs-peers.sh (WARMUP, DURATION, ROUNDS, SMOKE, ...). Run it on a quiet machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOADS="${LOADS:-1x32 2x64}"
for load in $LOADS; do
  [[ "$load" =~ ^[0-9]+x[0-9]+$ ]] || { echo "load '$load' is not THREADSxCONNECTIONS, e.g. 2x64" >&2; exit 2; }
done

if [[ -z "${BENCH_CLASSPATH:-}" && "${BUILD:-1}" == 1 ]]; then
  "$ROOT/bench/build.sh" >&2
fi

OUT="$(mktemp -d /tmp/bench-run-all.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
for load in $LOADS; do
  echo "== wrk -t${load%x*} -c${load#*x} ==" 
  THREADS="${load%x*}" CONNECTIONS="${load#*x}" BUILD=0 "$ROOT/bench/proxy-vs-peers.sh" | tee "$OUT/$load.txt"
  echo
done

echo "== ratio table (per load shape and variant; req/s higher is better, cpu/req lower is better) =="
for load in $LOADS; do
  sed -n "s/^ratios /-t${load%x*} -c${load#*x}  /p" "$OUT/$load.txt"
done
