#!/usr/bin/env bash
# Time the demo generator at the standard size.
#
#   bench/demo-time.sh [JAR]
#
# Starts JAR (default: the one `mvn -DskipTests package` built) on a random port against a fresh
# embedded H2 database in a temporary directory with --flywheel.demo=true, waits until the demo is
# generated, stops the server, and prints each contributor's time (from the generator's own log
# lines) and their sum. Compare two builds by running each alternately in the same session.
set -euo pipefail
JAR=$(realpath "${1:-$(dirname "$0")/../target/flywheel-0.1.0-SNAPSHOT.jar}")
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
java -jar "$JAR" --server.port=0 --flywheel.demo=true > log.txt 2>&1 &
PID=$!
for _ in $(seq 1 1800); do
  grep -q "Demo ecosystem ready" log.txt && break
  kill -0 "$PID" 2>/dev/null || { echo "the server stopped before the demo was ready; see its log:"; tail -50 log.txt; exit 1; }
  sleep 1
done
kill "$PID"; wait "$PID" 2>/dev/null || true
grep -o "Demo data from .*" log.txt
grep -o "Demo data from .* in [0-9]* ms" log.txt | awk '{ total += $(NF-1) } END { print "total " total " ms" }'
