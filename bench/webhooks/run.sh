#!/usr/bin/env bash
# Webhook delivery of the real Flywheel jar on PostgreSQL and on H2, beside a bare HTTP client
# driving the same local receiver (no persistence), in one run.
# Usage: bench/webhooks/run.sh [--skip-build] [seconds [databases]]   (defaults: 30 s sustained phase; postgresql,h2)
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres; psql must connect without a
# password prompt), FLYWHEEL_JAVA_OPTS (JVM options of the Flywheel process, default -Xmx1g).
# Recreates the PostgreSQL database webhooks_bench; everything listens on 127.0.0.1 only and every
# process it starts stops with the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=yes
if [ "${1:-}" = "--skip-build" ]; then build=no; shift; fi
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
JAR=target/flywheel-0.1.0-SNAPSHOT.jar
if [ "$build" = yes ]; then
  mvn -q -B -DskipTests package
fi
[ -f "$JAR" ] || { echo "missing $JAR (run without --skip-build)" >&2; exit 1; }
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -c 'drop database if exists webhooks_bench' -c 'create database webhooks_bench'
mkdir -p target/bench-webhooks bench/results
javac -d target/bench-webhooks -cp "$(cat target/bench-classpath.txt)" bench/webhooks/src/dev/flywheel/webhooks/WebhooksBench.java
java -Xmx1g -cp "target/bench-webhooks:$(cat target/bench-classpath.txt)" dev.flywheel.webhooks.WebhooksBench "$JAR" \
  "jdbc:postgresql://$PGHOST:$PGPORT/webhooks_bench?user=$PGUSER" "$@" | tee "bench/results/webhooks-$(date -u +%Y%m%dT%H%M%SZ).txt"
