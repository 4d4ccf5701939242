#!/usr/bin/env bash
# Insights engines beside DuckDB on the same generated data, in one run.
# Usage: bench/insights/run.sh [customers months touchpoints population]   (defaults: 100000 36 10000000 1000000)
# Environment: JAVA_OPTS (default -Xmx12g). Needs JDK 17+ and Maven; downloads org.duckdb:duckdb_jdbc once.
set -euo pipefail
cd "$(dirname "$0")/../.."
DUCKDB_VERSION=1.4.1.0
mvn -q -B -DskipTests compile
mvn -q -B dependency:get -Dartifact=org.duckdb:duckdb_jdbc:$DUCKDB_VERSION >/dev/null
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
DUCKDB_JAR="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar"
# A copy of the compiled application, so a build during the run cannot pull classes from under it.
rm -rf target/bench-insights-app && cp -r target/classes target/bench-insights-app
CP="target/bench-insights-app:$(cat target/bench-classpath.txt):$DUCKDB_JAR"
mkdir -p target/bench-insights bench/results
javac -q -d target/bench-insights -cp "$CP" bench/insights/src/dev/flywheel/insights/InsightsBench.java bench/insights/src/dev/flywheel/mapping/OverlapBenchAccess.java 2>/dev/null \
  || javac -d target/bench-insights -cp "$CP" bench/insights/src/dev/flywheel/insights/InsightsBench.java bench/insights/src/dev/flywheel/mapping/OverlapBenchAccess.java
java ${JAVA_OPTS:--Xmx12g} -cp "target/bench-insights:$CP" dev.flywheel.insights.InsightsBench "$@" | tee "bench/results/insights-$(date +%Y%m%d-%H%M%S).txt"
