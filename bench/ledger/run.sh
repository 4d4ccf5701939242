#!/usr/bin/env bash
# Ledger and commission benchmarks. Usage:
#   bench/ledger/run.sh [--pg-url jdbc:postgresql://127.0.0.1:5432/flywheel_bench?user=postgres] [--entries 10000000]
#                       [--events 1000000] [--postings 10000] [--skip-build]
# The PostgreSQL database is emptied of ledger rows and migrated by the benchmark; use a scratch database.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_URL="jdbc:postgresql://127.0.0.1:5432/flywheel_bench?user=postgres"
ENTRIES=10000000
EVENTS=1000000
POSTINGS=10000
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --pg-url) PG_URL="$2"; shift 2 ;;
    --entries) ENTRIES="$2"; shift 2 ;;
    --events) EVENTS="$2"; shift 2 ;;
    --postings) POSTINGS="$2"; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$BUILD" = 1 ]; then
  mvn -q -B -DskipTests compile
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
fi
CP="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -nowarn -cp "$CP" -d target/bench-classes $(find bench/ledger/src -name '*.java')
mkdir -p bench/results
REPORT="bench/results/ledger-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# ledger benchmark $(date -u +%FT%TZ) on $(nproc) cores, $(java -version 2>&1 | head -1)"
  java -Xmx1g -cp "target/bench-classes:$CP" dev.flywheel.partners.CommissionBench "$EVENTS"
  java -Xmx1g -cp "target/bench-classes:$CP" dev.flywheel.ledger.LedgerBench "$PG_URL" "$ENTRIES" "$POSTINGS"
} | tee "$REPORT"
echo "report: $REPORT"
