#!/usr/bin/env bash
# What at-least-once safety costs: the latency of idempotent calls per store (in memory, Redis) and the throughput of
# the async bridge per queue (in process, Kafka), on the packaged HTTP example apps. Starts its own redis-server
# (Debian: redis-server) and Kafka broker (from Maven Central). Writes bench/results/at-least-once.md.
#
#   bench/at-least-once.sh            5000 jobs per queue
#   JOBS=2000 bench/at-least-once.sh
#   BENCH_OPTS="-Dbench.workers=0 -Dbench.kafka=false" bench/at-least-once.sh   accepting alone, in-process queue only
#
# Environment: MAVEN_ARGS (extra Maven options), SKIP_BUILD=1 to reuse what is built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -ntp -q package -DskipTests ${MAVEN_ARGS:-} \
    -pl integration-tests/http,integration-tests/http-scale-out,bench/at-least-once,extension/opentelemetry/deployment -am
fi
CP=bench/at-least-once/target/classes:$(cat bench/at-least-once/target/bench.classpath)
exec java -Dbench.jobs="${JOBS:-5000}" ${BENCH_OPTS:-} -cp "$CP" io.quarkiverse.functions.bench.atleastonce.AtLeastOnceBench \
  bench/results/at-least-once.md .
