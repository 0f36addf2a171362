#!/usr/bin/env bash
# Control-plane benchmark: embedded Portolan (Micronaut app, file store, in-process proxy) over the manifests of
# e2e-playwright/perf/generate.mjs at each size; prints start time, change-to-first-200 through the proxy via
# POST /api/v1/apply and via a new file (p50/p90/p99/max), CPU per change, heap after GC and RSS, and a steady
# route's latency idle and while routes churn at 10 changes/s, under closed-loop clients (as fast as they can) and
# under a fixed-rate open-loop load (RATE req/s). See bench/README.md.
# Builds and runs through Maven (dev.portolan.bench.ControlPlaneReport, a test class); run it on an otherwise quiet
# machine (in this team: `flock /tmp/portolan-mvn.lock bench/control-plane.sh`). Everything on loopback.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${SIZES:-1000,5000,20000}"   # HTTPRoutes over 20 Gateways and 50 namespaces
CHANGES="${CHANGES:-200}"           # changes per way (apply, file) and size
WARMUP="${WARMUP:-30}"              # changes via apply first, not counted (the JIT settles after start)
CHURN_SECONDS="${CHURN_SECONDS:-10}" # seconds of steady load idle, then as long under churn
CHURN_WARMUP="${CHURN_WARMUP:-10}" # seconds of churn under each load first, not measured; repeated until the JIT is quiet
CLIENTS="${CLIENTS:-4}"             # closed-loop clients of the steady route (and connections of the fixed-rate load)
RATE="${RATE:-1000}"                # requests/s of the fixed-rate (open-loop) load on the steady route
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx2g}"
MVN="${MVN:-mvn}"
OFFLINE="${OFFLINE:-}"             # "-o" to build offline once dependencies are in ~/.m2

cd "$ROOT"
"$MVN" -B -q $OFFLINE -pl backend/server -am -Dportolan.image.skip=true -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=ControlPlaneReport -DargLine="$JAVA_OPTS" \
  -Dportolan.bench.controlplane=true \
  -Dportolan.bench.controlplane.sizes="$SIZES" \
  -Dportolan.bench.controlplane.changes="$CHANGES" \
  -Dportolan.bench.controlplane.warmup="$WARMUP" \
  -Dportolan.bench.controlplane.churn-seconds="$CHURN_SECONDS" \
  -Dportolan.bench.controlplane.churn-warmup-seconds="$CHURN_WARMUP" \
  -Dportolan.bench.controlplane.clients="$CLIENTS" \
  -Dportolan.bench.controlplane.rate="$RATE" \
  -Dportolan.bench.controlplane.timeline="${TIMELINE:-}" \
  -Dportolan.bench.controlplane.saturated-changes="${SATURATED:-0}" \
  -Dportolan.bench.controlplane.cpu-first="${CPU_FIRST:-true}" \
  verify
OUTPUT="$ROOT/backend/server/target/surefire-reports/dev.portolan.bench.ControlPlaneReport-output.txt"
# the figures, last
sed -n '/^ControlPlaneReport figures:/,$p' "$OUTPUT"
