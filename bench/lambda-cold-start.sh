#!/usr/bin/env bash
# Cold start of the packaged Lambda example under AWS's runtime interface client (the managed Java runtime), timed
# from outside the process. Usage: bench/lambda-cold-start.sh [runs] [java-binary]
# Build first: ./mvnw install -DskipTests (function.zip) and ./mvnw -pl integration-tests/amazon-lambda verify
# (copies the runtime interface client into target/runtime-interface-client).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
JAVA=${2:-java}
APP=integration-tests/amazon-lambda/target
[ -f "$APP/function.zip" ] || { echo "missing $APP/function.zip: run ./mvnw install -DskipTests" >&2; exit 1; }
[ -d "$APP/runtime-interface-client" ] || { echo "missing $APP/runtime-interface-client: run ./mvnw -pl integration-tests/amazon-lambda verify" >&2; exit 1; }
TASK=$(mktemp -d)
trap 'rm -rf "$TASK"' EXIT
(cd "$TASK" && unzip -q "$OLDPWD/$APP/function.zip")
HANDLER=$(grep -m1 'Handler:' "$APP/sam.jvm.yaml" | sed 's/.*Handler: //')
"$JAVA" bench/LambdaColdStart.java "$TASK" "$APP/runtime-interface-client" "$HANDLER" "$RUNS" "$JAVA" \
  QUARKUS_FUNCTIONS_EXPORT=greet
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), java: $("$JAVA" -version 2>&1 | head -1)"
