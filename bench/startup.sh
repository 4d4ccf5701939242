#!/usr/bin/env bash
# Startup benchmark: time to ready and resident memory of Flywheel (embedded default, fresh
# data directory) next to a bare Spring Boot web app of the same Boot version, in one run.
#
#   bench/startup.sh [--skip-build] [--runs N] [--settle SECONDS] [--java-opts "..."]
#
# Builds both jars (unless --skip-build), then runs bench/startup.py, which starts every
# server on 127.0.0.1 and stops every process it started. A copy of the report is written
# to bench/results/ (not committed).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"

build=yes
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=no; shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done

FLYWHEEL_JAR="$ROOT/target/flywheel-0.1.0-SNAPSHOT.jar"
REFERENCE_JAR="$BENCH_DIR/reference-app/target/reference-app.jar"

if [ "$build" = yes ]; then
  echo "building Flywheel: mvn -q -B -DskipTests package (in the repository root)"
  (cd "$ROOT" && mvn -q -B -DskipTests package)
  echo
  echo "building the reference app: mvn -q -B -DskipTests package (in bench/reference-app)"
  (cd "$BENCH_DIR/reference-app" && mvn -q -B -DskipTests package)
  echo
fi
for jar in "$FLYWHEEL_JAR" "$REFERENCE_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar (run without --skip-build)" >&2; exit 1; }
done

child=""
cleanup() {
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

python3 "$BENCH_DIR/startup.py" \
  --flywheel-jar "$FLYWHEEL_JAR" \
  --reference-jar "$REFERENCE_JAR" \
  --out "$BENCH_DIR/results/startup-$(date -u +%Y%m%dT%H%M%SZ).txt" \
  ${pass[@]+"${pass[@]}"} &
child=$!
status=0
wait "$child" || status=$?
child=""
exit "$status"
