#!/usr/bin/env bash
# Marketplace benchmark: storefront search p99 over 10,000 listings next to a bare Lucene query
# on the same index, and a full ranking recompute over 10,000 listings and 10 million install
# events, with time and memory. Not part of `mvn verify`.
#
#   bench/marketplace/run.sh [--skip-build] [--listings N] [--events N] [--rounds N] [--java-opts "..."]
#
# Compiles the project (unless --skip-build), compiles the benchmark against target/classes and
# the project's runtime classpath, and runs it in one JVM. A copy of the report goes to
# bench/results/ (not committed).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
build=yes
java_opts="-Xmx2g"
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=no; shift ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done

cd "$ROOT"
if [ "$build" = yes ]; then
  echo "compiling Flywheel: mvn -q -B -DskipTests compile"
  mvn -q -B -DskipTests compile
fi
OUT="$ROOT/target/bench-marketplace"
mkdir -p "$OUT"
mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/target/classes:$(cat "$OUT/classpath.txt")"
javac -d "$OUT/classes" -cp "$CP" "$BENCH_DIR/src/dev/flywheel/marketplace/MarketplaceBench.java"
# shellcheck disable=SC2086
java $java_opts -cp "$OUT/classes:$CP" dev.flywheel.marketplace.MarketplaceBench "${pass[@]+"${pass[@]}"}"
