#!/usr/bin/env bash
# Load test for issue 12's target: the Portolan proxy with the HTTPRoute feature set on the hot path (100 routes
# with path, header and query matches and header filters; wrk asks route 97) vs nginx in front of the same
# fixed-body backend, plus the backend alone; also the proxy's allocation per request. Everything on loopback; wrk
# drives the load; CPU time is read from /proc. See bench/README.md. Builds what it runs with bench/build.sh.
# Run it on an otherwise quiet machine (in this team: under `flock /tmp/portolan-mvn.lock`). SMOKE=1: seconds.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST=127.0.0.1
# below Linux's ephemeral range (an outgoing connection once took a port inside it)
BACKEND_PORT="${BACKEND_PORT:-29600}"
PROXY_PORT="${PROXY_PORT:-29601}"
NGINX_PORT="${NGINX_PORT:-29602}"
THREADS="${THREADS:-1}"           # wrk threads: 2 cores are shared by wrk, the target and the backend
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-10}"            # seconds per target, not measured (JIT, connection pools; 5 s left the JVM cold)
DURATION="${DURATION:-10}"        # seconds per measured round
ROUNDS="${ROUNDS:-3}"             # rounds per target, targets alternate within a round
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"
if [[ "${SMOKE:-0}" == 1 ]]; then WARMUP=1; DURATION=1; ROUNDS=1; fi
# features: the proxy loads 100 HTTPRoutes with path/header/query matches and header filters (LoadTarget) and wrk
# sends the header and query of route 97; one: a single PathPrefix / route and plain GET /bench.
ROUTES="${ROUTES:-features}"
# off: neither writes an access log (nginx access_log off, the proxy's portolan.access logger OFF);
# on: both write one JSON line per request to a file in the work directory (the proxy through an async appender).
ACCESS_LOG="${ACCESS_LOG:-off}"
case "$ROUTES" in
  features) BENCH_PATH="/svc/bench?v=97"; WRK_HEADERS=(-H "X-Bench-Tenant: tenant-97" -H "X-Drop-Me: 1") ;;
  one) BENCH_PATH="/bench"; WRK_HEADERS=() ;;
  *) echo "ROUTES must be features or one" >&2; exit 2 ;;
esac

# The proxy's classes: BENCH_CLASSPATH (the smoke test passes its own), else what bench/build.sh writes;
# PROXY_CLASSES=<dir> runs another build of the proxy's main classes (before/after figures in one session).
if [[ -n "${BENCH_CLASSPATH:-}" ]]; then
  CLASSPATH_ARG="$BENCH_CLASSPATH"
else
  if [[ "${BUILD:-1}" == 1 ]]; then PEERS=nginx "$ROOT/bench/build.sh" >&2; fi
  PROXY_DIR="$ROOT/proxy/target"
  CLASSPATH_ARG="$PROXY_DIR/test-classes:${PROXY_CLASSES:-$PROXY_DIR/classes}:$(cat "$PROXY_DIR/bench.classpath")"
fi

# nginx and wrk from Debian, nothing else is downloaded.
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk
fi
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"

WORK="$(mktemp -d /tmp/proxy-vs-nginx.XXXXXX)"
chmod 755 "$WORK"   # nginx workers run as an unprivileged user
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() { # name url logfile [curl options]
  local i
  for ((i = 0; i < 100; i++)); do
    if curl -fsS -o /dev/null --max-time 1 "${@:4}" "$2" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$1 did not answer on $2; its log:" >&2
  cat "$3" >&2
  exit 1
}

# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CLASSPATH_ARG" dev.portolan.proxy.bench.LoadTarget backend "$HOST" "$BACKEND_PORT" \
  >"$WORK/backend.log" 2>&1 &
BACKEND_PID=$!; PIDS+=("$BACKEND_PID")
case "$ACCESS_LOG" in
  off) ACCESS_LEVEL=OFF; NGINX_ACCESS="access_log off;" ;;
  on) ACCESS_LEVEL=INFO; NGINX_ACCESS="access_log $WORK/nginx-access.log json;" ;;
  *) echo "ACCESS_LOG must be off or on" >&2; exit 2 ;;
esac
cat >"$WORK/logback-proxy.xml" <<LOGBACK
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <appender name="ACCESS_FILE" class="ch.qos.logback.core.FileAppender">
    <file>$WORK/proxy-access.log</file>
    <encoder><pattern>%msg%n</pattern></encoder>
  </appender>
  <appender name="ACCESS" class="ch.qos.logback.classic.AsyncAppender">
    <neverBlock>true</neverBlock>
    <appender-ref ref="ACCESS_FILE"/>
  </appender>
  <logger name="portolan.access" level="$ACCESS_LEVEL" additivity="false"><appender-ref ref="ACCESS"/></logger>
  <root level="WARN"><appender-ref ref="STDOUT"/></root>
</configuration>
LOGBACK
# shellcheck disable=SC2086
java $JAVA_OPTS -Dlogback.configurationFile="$WORK/logback-proxy.xml" \
  -Dportolan.bench.allocationFile="$WORK/proxy-allocated" -cp "$CLASSPATH_ARG" \
  dev.portolan.proxy.bench.LoadTarget proxy "$HOST" "$PROXY_PORT" "$HOST" "$BACKEND_PORT" "$ROUTES" \
  >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!; PIDS+=("$PROXY_PID")

# One worker process: the proxy's Jetty server is likewise sized for a single event loop (1 acceptor, 1 selector)
# and on 2 shared cores more nginx workers would mostly compete with wrk and the backend. Keep-alive upstream
# connections and the X-Forwarded-* headers the proxy adds make the work per request comparable.
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  log_format json escape=json '{"time":"\$time_iso8601","method":"\$request_method","path":"\$uri","status":\$status,'
    '"duration_ms":\$request_time,"bytes":\$body_bytes_sent,"upstream":"\$upstream_addr","client":"\$remote_addr:\$remote_port"}';
  $NGINX_ACCESS
  client_body_temp_path $WORK/client_body;
  proxy_temp_path $WORK/proxy_temp;
  fastcgi_temp_path $WORK/fastcgi_temp;
  uwsgi_temp_path $WORK/uwsgi_temp;
  scgi_temp_path $WORK/scgi_temp;
  upstream bench_backend {
    server $HOST:$BACKEND_PORT;
    keepalive 64;
  }
  server {
    listen $HOST:$NGINX_PORT;
    location / {
      proxy_pass http://bench_backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
    }
  }
}
NGINX
"$NGINX_BIN" -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" >"$WORK/nginx.log" 2>&1 &
NGINX_PID=$!; PIDS+=("$NGINX_PID")

wait_ready backend "http://$HOST:$BACKEND_PORT/" "$WORK/backend.log"
wait_ready proxy "http://$HOST:$PROXY_PORT$BENCH_PATH" "$WORK/proxy.log" "${WRK_HEADERS[@]}"
wait_ready nginx "http://$HOST:$NGINX_PORT/" "$WORK/nginx-error.log"

TICKS="$(getconf CLK_TCK)"
# utime+stime in clock ticks of one process (fields 14 and 15; the command name may contain spaces);
# user_ticks_of: utime alone (kernel time is the difference).
ticks_of() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
user_ticks_of() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 }'; }
# nginx: the master and its workers.
nginx_ticks() { # [user]
  local total=0 pid
  for pid in "$NGINX_PID" $(cat "/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null); do
    if [[ "${1:-}" == user ]]; then total=$((total + $(user_ticks_of "$pid"))); else total=$((total + $(ticks_of "$pid"))); fi
  done
  echo "$total"
}
target_user_ticks() { # target
  case "$1" in
    backend) user_ticks_of "$BACKEND_PID" ;;
    proxy) user_ticks_of "$PROXY_PID" ;;
    nginx) nginx_ticks user ;;
  esac
}
target_ticks() { # target
  case "$1" in
    backend) ticks_of "$BACKEND_PID" ;;
    proxy) ticks_of "$PROXY_PID" ;;
    nginx) nginx_ticks ;;
  esac
}
port_of() { case "$1" in backend) echo "$BACKEND_PORT" ;; proxy) echo "$PROXY_PORT" ;; nginx) echo "$NGINX_PORT" ;; esac; }

TARGETS=(backend proxy nginx)
for t in "${TARGETS[@]}"; do
  echo "warm-up $t ${WARMUP}s" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${WRK_HEADERS[@]}" "http://$HOST:$(port_of "$t")$BENCH_PATH" >/dev/null
done

# bytes the proxy's threads allocated so far (LoadTarget's AllocationMeter, refreshed every 100 ms)
allocated() { case "$1" in proxy) cat "$WORK/proxy-allocated" 2>/dev/null || echo 0 ;; *) echo 0 ;; esac; }
RESULTS="$WORK/results.tsv"   # target round rps p50ms p99ms requests errors target_ticks backend_ticks alloc_bytes user_ticks
# PROFILE=1: a JFR CPU profile of the proxy over its measured rounds (printed with bench/jfr-top.sh at the end)
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd "$PROXY_PID" JFR.start name=bench settings=profile filename="$WORK/proxy.jfr" >/dev/null
fi
for ((r = 1; r <= ROUNDS; r++)); do
  for t in "${TARGETS[@]}"; do
    echo "round $r/$ROUNDS $t ${DURATION}s" >&2
    before_a="$(allocated "$t")"
    before_t="$(target_ticks "$t")"; before_b="$(ticks_of "$BACKEND_PID")"; before_u="$(target_user_ticks "$t")"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${WRK_HEADERS[@]}" "http://$HOST:$(port_of "$t")$BENCH_PATH" >"$WORK/wrk.out"
    after_t="$(target_ticks "$t")"; after_b="$(ticks_of "$BACKEND_PID")"; after_u="$(target_user_ticks "$t")"
    sleep 0.2; after_a="$(allocated "$t")"
    awk -v t="$t" -v r="$r" -v dt=$((after_t - before_t)) -v db=$((after_b - before_b)) -v da=$((after_a - before_a)) -v du=$((after_u - before_u)) '
      function ms(v) {
        if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000;
        if (v ~ /s$/) return v * 1000; return v
      }
      /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
      / requests in / { n = $1 } /^Requests\/sec:/ { rps = $2 }
      /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
      /Non-2xx or 3xx responses:/ { err += $5 }
      END { printf "%s\t%d\t%s\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%d\t%d\n", t, r, rps, p50, p99, n, err, dt, db, da, du }
    ' "$WORK/wrk.out" >>"$RESULTS"
  done
done

if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd "$PROXY_PID" JFR.stop name=bench >/dev/null
  mkdir -p "$ROOT/proxy/target/bench-profile"
  cp "$WORK/proxy.jfr" "$ROOT/proxy/target/bench-profile/features-$ROUTES-access-$ACCESS_LOG.jfr"
  "$ROOT/bench/jfr-top.sh" "$WORK/proxy.jfr" "${PROFILE_TOP:-30}"
fi

echo
echo "routes: $ROUTES ($BENCH_PATH); access log: $ACCESS_LOG; wrk -t$THREADS -c$CONNECTIONS, ${ROUNDS} x ${DURATION}s per target after ${WARMUP}s warm-up; nginx worker_processes 1;" \
  "$(nproc) cores; CPU = utime+stime from /proc over all rounds"
awk -v hz="$TICKS" -F'\t' '
  function median(list, k,   a, m, i, j, x) {
    m = split(list, a, " ")
    for (i = 2; i <= m; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return a[int((m + 1) / 2)]
  }
  { rps[$1] = rps[$1] " " $3; p50[$1] = p50[$1] " " $4; p99[$1] = p99[$1] " " $5
    n[$1] += $6; err[$1] += $7; tt[$1] += $8; bt[$1] += $9; al[$1] += $10; ut[$1] += $11 }
  END {
    printf "%-8s %12s %9s %9s %14s %16s %14s %8s\n", "target", "req/s(med)", "p50 ms", "p99 ms", "cpu us/req", "user/kernel us", "backend us/req", "errors"
    split("backend proxy nginx", order, " ")
    for (i = 1; i <= 3; i++) {
      t = order[i]
      cpu[t] = tt[t] / hz / n[t] * 1e6
      med[t] = median(rps[t])
      uk = sprintf("%.1f / %.1f", ut[t] / hz / n[t] * 1e6, (tt[t] - ut[t]) / hz / n[t] * 1e6)
      printf "%-8s %12.0f %9.3f %9.3f %14.1f %16s %14.1f %8d\n", t, med[t], median(p50[t]), median(p99[t]), cpu[t], uk, bt[t] / hz / n[t] * 1e6, err[t]
    }
    for (i = 1; i <= 3; i++) printf "%-8s req/s per round:%s\n", order[i], rps[order[i]]
    printf "proxy allocation: %.0f bytes per request (all JVM threads, measured rounds)\n", al["proxy"] / n["proxy"]
    printf "proxy/nginx: req/s %.2f, cpu per request %.2f (backend row: cpu us/req is the backend itself)\n", med["proxy"] / med["nginx"], cpu["proxy"] / cpu["nginx"]
  }
' "$RESULTS"
