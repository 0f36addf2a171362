#!/usr/bin/env bash
# Builds what the bench scripts run, from a fresh clone, without `mvn install`:
#  - the proxy's classes and test classes (LoadTarget, VariantTargets) through the reactor (-pl proxy -am, so
#    test-pki is built beside it rather than taken from ~/.m2), and proxy/target/bench.classpath;
#  - the Spring Cloud Gateway peer (bench/spring-cloud-gateway, a standalone Maven project) when
#    PEERS includes scg (the default): bench/spring-cloud-gateway/target/bench-gateway.jar.
# Each part is skipped when its output is newer than its sources. MVN overrides the Maven command (e.g. "mvn -o").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MVN="${MVN:-mvn}"
PEERS="${PEERS:-nginx haproxy scg}"
cd "$ROOT"

newer_than() { # output, paths...: true when some source under paths is newer than output (or output is missing)
  local out="$1"; shift
  [[ ! -e "$out" ]] && return 0
  [[ -n "$(find "$@" -newer "$out" \( -name pom.xml -o -path '*/src/*' \) -not -path '*/target/*' -print -quit)" ]]
}

CLASSPATH_FILE="proxy/target/bench.classpath"
if newer_than "$CLASSPATH_FILE" pom.xml pem echo proxy test-pki; then
  echo "bench/build.sh: building the proxy and its test classes ..." >&2
  # shellcheck disable=SC2086
  $MVN -B -q -pl proxy -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi

if [[ " $PEERS " == *" scg "* ]]; then
  GATEWAY_JAR="bench/spring-cloud-gateway/target/bench-gateway.jar"
  if newer_than "$GATEWAY_JAR" bench/spring-cloud-gateway; then
    echo "bench/build.sh: building the Spring Cloud Gateway peer ..." >&2
    # shellcheck disable=SC2086
    $MVN -B -q -f bench/spring-cloud-gateway/pom.xml -DskipTests package
  fi
fi
