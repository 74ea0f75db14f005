#!/usr/bin/env bash
# Time from process start to the first 200 of the packaged Google Cloud Functions example, run by Google's
# Functions Framework invoker as Cloud Functions runs it, measured from outside the process.
# Usage: bench/gcf-first-response.sh [runs] [java-binary]   (build first: ./mvnw install -DskipTests)
# Prints one line per run and the median in milliseconds. Not a test: nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
JAVA=${2:-java}
APP=integration-tests/google-cloud-functions/target
INVOKER=$APP/invoker/java-function-invoker.jar
JAR=$(ls "$APP"/deployment/*.jar 2>/dev/null | head -1 || true)
[ -f "$INVOKER" ] && [ -n "$JAR" ] || { echo "missing $INVOKER or $APP/deployment/*.jar: run ./mvnw install -DskipTests first" >&2; exit 1; }
ENTRY=io.quarkiverse.functions.googlecloudfunctions.runtime.HttpFunctionEntryPoint
export PORT=${PORT:-18081}
# The application gets CPU 0 (one vCPU, as a small function instance); the poller gets CPU 1.
PIN=()
POLL=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN=(taskset -c 0); POLL=(taskset -c 1); fi
results=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  QUARKUS_FUNCTIONS_EXPORT=greet "${PIN[@]}" "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$INVOKER" --target "$ENTRY" --classpath "$JAR" >/tmp/gcf-first-response-$run.log 2>&1 &
  pid=$!
  until [ "$("${POLL[@]}" curl -s -o /dev/null -w '%{http_code}' -XPOST -H 'Content-Type: application/json' \
      -d '{"name":"Ada"}' "http://127.0.0.1:$PORT/" 2>/dev/null)" = "200" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the invoker exited; see /tmp/gcf-first-response-$run.log" >&2; exit 1; }
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  results+=("$ms")
  echo "run $run: ${ms} ms"
done
sorted=($(printf '%s\n' "${results[@]}" | sort -n))
echo "median of $RUNS runs: ${sorted[$(( RUNS / 2 ))]} ms (min ${sorted[0]}, max ${sorted[$(( RUNS - 1 ))]}), load: $(cut -d' ' -f1-3 /proc/loadavg), java: $("$JAVA" -version 2>&1 | head -1)"
