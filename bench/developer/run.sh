#!/usr/bin/env bash
# Developer platform: authenticated API reads (API key, JWT) beside the same endpoint without
# authentication, in one run; then key and token verification cost in-process with JMH.
# Usage: bench/developer/run.sh [threads seconds rounds]   (defaults: 8 10 3)
# Environment: JAVA_OPTS (default -Xmx1g), JMH_OPTS (default: 1 fork, 2x5 s warm-up, 3x5 s measurement).
# Needs JDK 17+ and Maven; downloads JMH 1.37 from Maven Central once.
set -euo pipefail
cd "$(dirname "$0")/../.."
JMH_VERSION=1.37
mvn -q -B -DskipTests compile
for a in org.openjdk.jmh:jmh-core:$JMH_VERSION org.openjdk.jmh:jmh-generator-annprocess:$JMH_VERSION \
         net.sf.jopt-simple:jopt-simple:5.0.4 org.apache.commons:commons-math3:3.6.1; do
  mvn -q -B dependency:get -Dartifact=$a >/dev/null
done
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
M2="$HOME/.m2/repository"
JMH_CP="$M2/org/openjdk/jmh/jmh-core/$JMH_VERSION/jmh-core-$JMH_VERSION.jar:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
APT_CP="$M2/org/openjdk/jmh/jmh-generator-annprocess/$JMH_VERSION/jmh-generator-annprocess-$JMH_VERSION.jar:$JMH_CP"
CP="target/classes:$(cat target/bench-classpath.txt):$JMH_CP"
OUT=target/bench-developer
rm -rf "$OUT" && mkdir -p "$OUT" bench/results
javac -d "$OUT" -cp "$CP" -processorpath "$APT_CP" $(find bench/developer/src -name '*.java')
REPORT="bench/results/developer-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "== Authenticated API read vs. no authentication (same endpoint, same run)"
  java ${JAVA_OPTS:--Xmx1g} -cp "$OUT:$CP" dev.flywheel.developer.ApiReadBench "$@"
  echo
  echo "== Verification cost in-process (JMH, sample time, microseconds)"
  java ${JAVA_OPTS:--Xmx1g} -cp "$OUT:$CP" org.openjdk.jmh.Main 'KeyVerificationBench|TokenVerificationBench' \
    ${JMH_OPTS:--f 1 -wi 2 -w 5s -i 3 -r 5s -t 1} -rf text -rff "$OUT/jmh.txt" > "$OUT/jmh.log" 2>&1
  grep -E '^Benchmark|sample +[0-9]|:p0\.50 |:p0\.99 ' "$OUT/jmh.txt"
  echo "target: p99 of verifyCached (API key) and verifyToken (JWT) under 50 us; references: lookupUncached, firstSight"
} | tee "$REPORT"
