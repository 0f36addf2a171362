#!/usr/bin/env bash
# Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording: where the time is spent by package (self),
# the hottest methods (self), and the project's and Jetty's methods by inclusive samples. Used by
# proxy-vs-peers.sh PROFILE=1; works on any recording: bench/jfr-top.sh FILE.jfr [TOP]
set -euo pipefail
FILE="${1:?usage: jfr-top.sh FILE.jfr [TOP]}"
TOP="${2:-20}"
jfr print --events jdk.ExecutionSample --stack-depth 96 "$FILE" | awk -v top="$TOP" '
  function frame(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); return line }
  function pkg(f,   parts, n, i, out) {
    sub(/\(.*$/, "", f); n = split(f, parts, ".")
    if (n <= 2) return f
    out = parts[1]; for (i = 2; i <= n - 2 && i <= 3; i++) out = out "." parts[i]; return out
  }
  /stackTrace = \[/ { inside = 1; depth = 0; delete seen; samples++; next }
  inside && /^[ \t]+\]/ { inside = 0; next }
  inside {
    f = frame($0); if (f == "..." || f == "") next
    if (depth++ == 0) { self[f]++; bypkg[pkg(f)]++ }
    if (!(f in seen)) { seen[f] = 1; if (f ~ /^(dev\.portolan|org\.eclipse\.jetty)\./) incl[f]++ }
  }
  function show(title, arr,   n, keys, k, i, j, t) {
    n = 0; for (k in arr) keys[++n] = k
    for (i = 2; i <= n; i++) { t = keys[i]; for (j = i - 1; j >= 1 && arr[keys[j]] < arr[t]; j--) keys[j + 1] = keys[j]; keys[j + 1] = t }
    print title
    for (i = 1; i <= n && i <= top; i++) printf "  %5.1f%%  %s\n", arr[keys[i]] * 100 / samples, keys[i]
  }
  END {
    if (!samples) { print "no execution samples in the recording"; exit }
    printf "%d CPU samples\n", samples
    show("self time by package:", bypkg)
    show("self time by method:", self)
    show("inclusive time, Portolan and Jetty methods:", incl)
  }
'
