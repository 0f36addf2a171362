#!/usr/bin/env bash
# Load test: the Portolan proxy against nginx, HAProxy and Spring Cloud Gateway, each in front of the same
# fixed-body backend, plus the backend alone, for each selected variant (body size, h2c or TLS towards the
# backend). Everything on loopback; wrk drives the load; CPU time is read from /proc. Prints the ratio lines last;
# asserts nothing. See bench/README.md.
# Run it on an otherwise quiet machine (in this team: under `flock /tmp/portolan-mvn.lock`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST=127.0.0.1
ALL_VARIANTS="small 1k 64k h2c tls"
VARIANTS="${VARIANTS:-$ALL_VARIANTS}"
PEERS="${PEERS:-nginx haproxy scg}"  # besides the backend alone and the proxy
THREADS="${THREADS:-1}"              # wrk threads: 2 cores are shared by wrk, the target and the backend
CONNECTIONS="${CONNECTIONS:-32}"
if [[ "${SMOKE:-0}" == 1 ]]; then    # seconds-long run that only shows the script still works
  WARMUP="${WARMUP:-0}"; DURATION="${DURATION:-1}"; ROUNDS="${ROUNDS:-1}"
fi
WARMUP="${WARMUP:-30}"               # seconds per target and variant, not measured, in two halves (JIT, pools)
DURATION="${DURATION:-10}"           # seconds per measured round
ROUNDS="${ROUNDS:-3}"                # rounds; targets and variants alternate within a round
# Below Linux's ephemeral range (32768-60999): a fixed port in it can be taken by some outgoing connection's
# local port, and then a target cannot bind (seen here once on a busy machine).
PORT_BASE="${PORT_BASE:-29180}"      # backends base+0.., proxy base+10.., nginx +20, haproxy +30, scg +40
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"
INSTALL="${INSTALL:-1}"              # 0: never apt-get install a missing tool, fail instead

for v in $VARIANTS; do
  [[ " $ALL_VARIANTS " == *" $v "* ]] || { echo "unknown variant '$v' (known: $ALL_VARIANTS)" >&2; exit 2; }
done
for p in $PEERS; do
  [[ " nginx haproxy scg " == *" $p "* ]] || { echo "unknown peer '$p' (known: nginx haproxy scg)" >&2; exit 2; }
done
has_peer() { [[ " $PEERS " == *" $1 "* ]]; }
uses_variant() { [[ " $VARIANTS " == *" $1 "* ]]; }

# Variant index (port offset), body size and how the backend speaks.
variant_index() { local i=0 v; for v in $ALL_VARIANTS; do [[ "$v" == "$1" ]] && { echo $i; return; }; i=$((i + 1)); done; }
body_bytes() { case "$1" in small) echo 29 ;; 64k) echo 65536 ;; *) echo 1024 ;; esac; }
wire_of() { case "$1" in h2c) echo h2c ;; tls) echo tls ;; *) echo http1 ;; esac; }
target_offset() { case "$1" in backend) echo 0 ;; proxy) echo 10 ;; nginx) echo 20 ;; haproxy) echo 30 ;; scg) echo 40 ;; esac; }
port_of() { echo $((PORT_BASE + $(target_offset "$1") + $(variant_index "$2"))); } # target variant
# nginx cannot proxy to an h2c backend (its HTTP/2 upstream support is grpc_pass only).
runs() { # target variant
  [[ "$1" == backend || "$1" == proxy ]] && return 0
  has_peer "$1" || return 1
  [[ "$1" == nginx && "$2" == h2c ]] && return 1
  return 0
}

# The proxy's classes: BENCH_CLASSPATH (the smoke test passes its own), else what bench/build.sh writes.
if [[ -n "${BENCH_CLASSPATH:-}" ]]; then
  CLASSPATH_ARG="$BENCH_CLASSPATH"
else
  if [[ "${BUILD:-1}" == 1 ]]; then PEERS="$PEERS" "$ROOT/bench/build.sh" >&2; fi
  PROXY_DIR="$ROOT/proxy/target"
  CLASSPATH_ARG="$PROXY_DIR/test-classes:$PROXY_DIR/classes:$(cat "$PROXY_DIR/bench.classpath")"
fi
GATEWAY_JAR="$ROOT/bench/spring-cloud-gateway/target/bench-gateway.jar"
if has_peer scg && [[ ! -f "$GATEWAY_JAR" ]]; then
  echo "building the Spring Cloud Gateway peer (once) ..." >&2
  ${MVN:-mvn} -B -q -f "$ROOT/bench/spring-cloud-gateway/pom.xml" -DskipTests package >&2
fi

# nginx, HAProxy and wrk from Debian; nothing else is downloaded.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
has_peer nginx && { command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx); }
has_peer haproxy && { command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy); }
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ "$INSTALL" == 1 ]] || { echo "missing: ${missing[*]} (INSTALL=0: not installing)" >&2; exit 3; }
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
HAPROXY_BIN="$(command -v haproxy || echo /usr/sbin/haproxy)"

WORK="$(mktemp -d /tmp/proxy-vs-peers.XXXXXX)"
chmod 755 "$WORK"   # nginx workers run as an unprivileged user
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# TLS variant: a throw-away CA and a backend certificate for localhost and 127.0.0.1, made here with openssl.
if uses_variant tls; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=portolan-bench-ca \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
    -keyout "$WORK/backend.key" -out "$WORK/backend.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
    >"$WORK/backend.ext"
  openssl x509 -req -in "$WORK/backend.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
    -extfile "$WORK/backend.ext" -out "$WORK/backend.pem" 2>/dev/null
  openssl pkcs12 -export -in "$WORK/backend.pem" -inkey "$WORK/backend.key" -passout pass:bench \
    -out "$WORK/backend.p12"
  chmod 644 "$WORK"/*.pem
fi
scheme_of() { [[ "$1" == tls ]] && echo https || echo http; } # variant: how the targets reach the backend

backend_specs=(); proxy_specs=(); scg_routes=(); scg_h2c_routes=()
for v in $VARIANTS; do
  b="$(port_of backend "$v")"; w="$(wire_of "$v")"
  spec="$b:$(body_bytes "$v"):$w"; [[ "$w" == tls ]] && spec+=":$WORK/backend.p12"
  backend_specs+=("$spec")
  spec="$(port_of proxy "$v"):$b:$w"; [[ "$w" == tls ]] && spec+=":$WORK/ca.pem:localhost"
  proxy_specs+=("$spec")
  if [[ "$w" == h2c ]]; then
    scg_h2c_routes+=("$(port_of scg "$v")=http://$HOST:$b")
  else
    scg_routes+=("$(port_of scg "$v")=$(scheme_of "$v")://$HOST:$b")
  fi
done

declare -A PID_OF   # target (or scg-h2c) -> pid
LOGGING="-Dlogback.configurationFile=$ROOT/bench/logback-bench.xml"   # no access log, like the peers
# shellcheck disable=SC2086
java $JAVA_OPTS "$LOGGING" -cp "$CLASSPATH_ARG" dev.portolan.proxy.bench.VariantTargets backends "$HOST" "${backend_specs[@]}" \
  >"$WORK/backend.log" 2>&1 &
PID_OF[backend]=$!; PIDS+=($!)
# shellcheck disable=SC2086
java $JAVA_OPTS "$LOGGING" -cp "$CLASSPATH_ARG" dev.portolan.proxy.bench.VariantTargets proxy "$HOST" "${proxy_specs[@]}" \
  >"$WORK/proxy.log" 2>&1 &
PID_OF[proxy]=$!; PIDS+=($!)

start_gateway() { # name control-port routes(comma-separated) extra-args...
  local name="$1" control="$2" routes="$3"; shift 3
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$GATEWAY_JAR" --server.address="$HOST" --server.port="$control" --bench.host="$HOST" \
    --bench.routes="$routes" "$@" >"$WORK/$name.log" 2>&1 &
  PID_OF[$name]=$!; PIDS+=($!)
}
if has_peer scg; then
  if [[ ${#scg_routes[@]} -gt 0 ]]; then
    trust=()
    uses_variant tls && trust=("--spring.cloud.gateway.server.webflux.httpclient.ssl.trusted-x509-certificates=$WORK/ca.pem")
    start_gateway scg $((PORT_BASE + 49)) "$(IFS=,; echo "${scg_routes[*]}")" "${trust[@]}"
  fi
  # The gateway has one upstream client for all routes, so h2c towards the backend needs a JVM of its own.
  if [[ ${#scg_h2c_routes[@]} -gt 0 ]]; then
    start_gateway scg-h2c $((PORT_BASE + 48)) "$(IFS=,; echo "${scg_h2c_routes[*]}")" --bench.upstream=h2c
  fi
fi

# nginx: one worker process, like the proxy's single event loop (1 acceptor, 1 selector per socket); on 2 shared
# cores more workers would mostly compete with wrk and the backend. Keep-alive upstream connections and the
# X-Forwarded-* headers the proxy adds make the work per request comparable.
if has_peer nginx; then
  {
    cat <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/client_body;
  proxy_temp_path $WORK/proxy_temp;
  fastcgi_temp_path $WORK/fastcgi_temp;
  uwsgi_temp_path $WORK/uwsgi_temp;
  scgi_temp_path $WORK/scgi_temp;
NGINX
    for v in $VARIANTS; do
      runs nginx "$v" || continue
      cat <<NGINX
  upstream backend_$v {
    server $HOST:$(port_of backend "$v");
    keepalive 64;
  }
  server {
    listen $HOST:$(port_of nginx "$v");
    location / {
      proxy_pass $(scheme_of "$v")://backend_$v;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
NGINX
      if [[ "$v" == tls ]]; then
        cat <<NGINX
      proxy_ssl_trusted_certificate $WORK/ca.pem;
      proxy_ssl_verify on;
      proxy_ssl_name localhost;
      proxy_ssl_server_name on;
      proxy_ssl_session_reuse on;
NGINX
      fi
      echo "    }"
      echo "  }"
    done
    echo "}"
  } >"$WORK/nginx.conf"
  "$NGINX_BIN" -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" >"$WORK/nginx.log" 2>&1 &
  PID_OF[nginx]=$!; PIDS+=($!)
fi

# HAProxy: one process with one thread (nbthread 1), idle backend connections shared by all requests
# (http-reuse always), no logging, the same forwarding headers as nginx.
if has_peer haproxy; then
  {
    cat <<HAPROXY
global
  nbthread 1
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  http-reuse always
HAPROXY
    for v in $VARIANTS; do
      server="server s1 $HOST:$(port_of backend "$v")"
      case "$v" in
        # Seen here: once an h2 backend connection has carried 128 streams (the Jetty backend's max concurrent
        # streams), HAProxy 2.6 closes the client connection that sends the next request (wrk: read errors).
        # max-reuse below that makes it open a new backend connection first, once per 100 requests.
        h2c) server+=" proto h2 max-reuse 100" ;;
        tls) server+=" ssl verify required ca-file $WORK/ca.pem sni str(localhost) verifyhost localhost" ;;
      esac
      cat <<HAPROXY
frontend front_$v
  bind $HOST:$(port_of haproxy "$v")
  option forwardfor
  http-request set-header X-Forwarded-Proto http
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  default_backend back_$v
backend back_$v
  $server
HAPROXY
    done
  } >"$WORK/haproxy.cfg"
  "$HAPROXY_BIN" -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
  PID_OF[haproxy]=$!; PIDS+=($!)
fi

log_of() { case "$1" in nginx) echo "$WORK/nginx-error.log $WORK/nginx.log" ;; scg) echo "$WORK/scg.log $WORK/scg-h2c.log" ;; *) echo "$WORK/$1.log" ;; esac; }
url_of() { # target variant: what wrk asks; only the backend alone is asked over TLS in the tls variant
  local scheme=http
  [[ "$1" == backend && "$2" == tls ]] && scheme=https
  echo "$scheme://$HOST:$(port_of "$1" "$2")/bench"
}
# Ready when it answers 200 with the variant's body size: a target forwarding to the wrong place shows here.
wait_ready() { # target variant
  local url i name got="" want trust=(); url="$(url_of "$1" "$2")"; want="200 $(body_bytes "$2")"
  [[ "$url" == https:* ]] && trust=(--cacert "$WORK/ca.pem")
  for ((i = 0; i < 300; i++)); do
    for name in "${!PID_OF[@]}"; do   # a process that ended (e.g. could not bind) will not answer: stop now
      if ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
        echo "$name ended before answering; its log:" >&2
        # shellcheck disable=SC2046
        cat $(log_of "$name") >&2 2>/dev/null || true
        exit 1
      fi
    done
    got="$(curl -sS -o /dev/null --max-time 2 "${trust[@]}" -w '%{http_code} %{size_download}' "$url" 2>/dev/null || true)"
    [[ "$got" == "$want" ]] && return 0
    sleep 0.2
  done
  echo "$1 ($2) did not answer '$want' on $url (last: '$got'); its log:" >&2
  # shellcheck disable=SC2046
  cat $(log_of "$1") >&2 2>/dev/null || true
  exit 1
}
for v in $VARIANTS; do
  for t in backend proxy nginx haproxy scg; do
    if runs "$t" "$v"; then wait_ready "$t" "$v"; fi
  done
done

TICKS="$(getconf CLK_TCK)"
# utime+stime in clock ticks of one process (fields 14 and 15; the command name may contain spaces).
ticks_of() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
target_ticks() { # target variant; nginx: the master and its workers
  local total=0 pid
  case "$1" in
    nginx)
      for pid in "${PID_OF[nginx]}" $(cat "/proc/${PID_OF[nginx]}/task/${PID_OF[nginx]}/children" 2>/dev/null); do
        total=$((total + $(ticks_of "$pid")))
      done
      echo "$total" ;;
    scg) if [[ "$2" == h2c ]]; then ticks_of "${PID_OF[scg-h2c]}"; else ticks_of "${PID_OF[scg]}"; fi ;;
    *) ticks_of "${PID_OF[$1]}" ;;
  esac
}
wrk_run() { # seconds target variant [--latency]
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" ${4:-} "$(url_of "$2" "$3")"
}
rps_of() { awk '/^Requests\/sec:/ { print $2 }'; }

# The warm-up runs in two halves; the second half's req/s is kept so that the table can show whether the figure
# measured afterwards still differs from it (a second warm-up changing the figure: warm-up too short).
WARM="$WORK/warmup.tsv"   # variant target rps_first_half rps_second_half
: >"$WARM"
# PROFILE=1: starting JFR costs the proxy a few seconds of slower code, so a first recording starts before the
# warm-up (and is discarded); the one kept covers the measured rounds only.
JFR_SAMPLING='jdk.ExecutionSample#period=2ms'   # the profile settings take one every 10 ms: too few here
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd "${PID_OF[proxy]}" JFR.start name=warm settings=profile "$JFR_SAMPLING" >/dev/null
fi
if ((WARMUP >= 2)); then
  for v in $VARIANTS; do
    for t in backend proxy nginx haproxy scg; do
      runs "$t" "$v" || continue
      echo "warm-up $v $t ${WARMUP}s" >&2
      first="$(wrk_run $((WARMUP / 2)) "$t" "$v" | rps_of)"
      second="$(wrk_run $((WARMUP - WARMUP / 2)) "$t" "$v" | rps_of)"
      printf '%s\t%s\t%s\t%s\n' "$v" "$t" "$first" "$second" >>"$WARM"
    done
  done
fi

# PROFILE=1: the kept recording covers the measured rounds only.
if [[ "${PROFILE:-0}" == 1 ]]; then
  PROFILE_FILE="$ROOT/proxy/target/bench-profile/proxy-$(echo "$VARIANTS" | tr ' ' '-')-t$THREADS-c$CONNECTIONS-$(date +%Y%m%dT%H%M%S).jfr"
  mkdir -p "$(dirname "$PROFILE_FILE")"
  jcmd "${PID_OF[proxy]}" JFR.start name=bench settings=profile "$JFR_SAMPLING" "filename=$PROFILE_FILE" >/dev/null
  jcmd "${PID_OF[proxy]}" JFR.stop name=warm >/dev/null
fi

RESULTS="$WORK/results.tsv" # variant target round rps p50ms p99ms requests non2xx sockerr target_ticks backend_ticks
: >"$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
  for v in $VARIANTS; do
    for t in backend proxy nginx haproxy scg; do
      runs "$t" "$v" || continue
      echo "round $r/$ROUNDS $v $t ${DURATION}s" >&2
      before_t="$(target_ticks "$t" "$v")"; before_b="$(ticks_of "${PID_OF[backend]}")"
      wrk_run "$DURATION" "$t" "$v" --latency >"$WORK/wrk.out"
      after_t="$(target_ticks "$t" "$v")"; after_b="$(ticks_of "${PID_OF[backend]}")"
      awk -v v="$v" -v t="$t" -v r="$r" -v dt=$((after_t - before_t)) -v db=$((after_b - before_b)) '
        function ms(x) {
          if (x ~ /us$/) return x / 1000; if (x ~ /ms$/) return x + 0; if (x ~ /m$/) return x * 60000;
          if (x ~ /s$/) return x * 1000; return x
        }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        / requests in / { n = $1 } /^Requests\/sec:/ { rps = $2 }
        /Socket errors:/ { gsub(/,/, ""); sock += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { non2xx += $5 }
        END { printf "%s\t%s\t%d\t%s\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%d\n", v, t, r, rps + 0, p50, p99, n, non2xx, sock, dt, db }
      ' "$WORK/wrk.out" >>"$RESULTS"
    done
  done
done

if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd "${PID_OF[proxy]}" JFR.stop name=bench >/dev/null
  echo
  echo "proxy profile over the measured rounds ($VARIANTS), recording kept in $PROFILE_FILE:"
  "$ROOT/bench/jfr-top.sh" "$PROFILE_FILE" 15
fi

echo
echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS x ${DURATION}s per target after ${WARMUP}s warm-up; $(nproc) cores;" \
  "nginx worker_processes 1, haproxy nbthread 1; CPU = utime+stime from /proc over all rounds"
awk -v hz="$TICKS" -v variants="$VARIANTS" -F'\t' '
  function median(list,   a, m, i, j, x) {
    m = split(list, a, " ")
    for (i = 2; i <= m; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return m ? a[int((m + 1) / 2)] : 0
  }
  function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.2f", a / b) : "n/a" }
  FILENAME ~ /warmup/ { warm[$1 SUBSEP $2] = $4; next }
  { k = $1 SUBSEP $2; seen[k] = 1
    rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6
    n[k] += $7; non2xx[k] += $8; sock[k] += $9; tt[k] += $10; bt[k] += $11 }
  END {
    printf "%-6s %-8s %11s %8s %8s %10s %10s %7s %7s %9s  %s\n", "var", "target", "req/s(med)", "p50 ms", "p99 ms",
      "cpu us/req", "backend us", "non2xx", "sockerr", "vs warm", "req/s per round"
    nv = split(variants, vs, " "); nt = split("backend proxy nginx haproxy scg", ts, " ")
    for (i = 1; i <= nv; i++) for (j = 1; j <= nt; j++) {
      k = vs[i] SUBSEP ts[j]; if (!(k in seen)) continue
      med[k] = median(rps[k]); cpu[k] = n[k] ? tt[k] / hz / n[k] * 1e6 : 0
      printf "%-6s %-8s %11.0f %8.3f %8.3f %10.1f %10.1f %7d %7d %9s %s\n", vs[i], ts[j], med[k], median(p50[k]),
        median(p99[k]), cpu[k], n[k] ? bt[k] / hz / n[k] * 1e6 : 0, non2xx[k], sock[k],
        (k in warm && warm[k] > 0) ? sprintf("%+.1f%%", (med[k] / warm[k] - 1) * 100) : "-", rps[k]
    }
    print "(backend row: the backend alone, cpu us/req is the backend itself; vs warm: req/s of the rounds over the 2nd half of the warm-up;"
    print " more than a few % means the warm-up was too short for that target)"
    for (i = 1; i <= nv; i++) {
      ref = (vs[i] SUBSEP "nginx") in seen ? "nginx" : "haproxy"
      line = sprintf("ratios %s vs %s (req/s higher is better, cpu/req lower is better):", vs[i], ref)
      for (j = 2; j <= nt; j++) {
        k = vs[i] SUBSEP ts[j]; r = vs[i] SUBSEP ref
        if (ts[j] == ref || !(k in seen) || !(r in seen)) continue
        line = line sprintf(" %s req/s %s cpu %s;", ts[j], ratio(med[k], med[r]), ratio(cpu[k], cpu[r]))
      }
      if (vs[i] == "h2c" && ref == "haproxy") line = line " (nginx cannot proxy to h2c)"
      print line
    }
  }
' "$WARM" "$RESULTS"
