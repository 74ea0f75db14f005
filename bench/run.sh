#!/usr/bin/env bash
# The benchmark, in one command: builds every subject, runs the harness on JDK 17 and Temurin 25, and writes
# bench/results/latest.md, bench/results/latest.json and the table in docs/performance.md.
#
#   bench/run.sh                 the full run (7 runs per subject and JDK, interleaved; about 15 minutes on 2 CPUs)
#   bench/run.sh --smoke         one run per subject (what ./mvnw verify runs), results in bench/results/smoke
#   bench/run.sh --runs 3 --only lambda-funqy,lambda-functions-greet   any option of the Harness class
#   bench/run.sh --no-native     without the native subjects (the full run builds them: about 15 more minutes)
#
# Environment: MAVEN_ARGS (extra Maven options, e.g. -Dmaven.repo.local=...), JAVA17 and JAVA25 (java binaries;
# found under /usr/lib/jvm when unset), SKIP_BUILD=1 to reuse what is built. The build runs Maven on JAVA17 and trains
# the AOT cache of bench/functions-http-aot with JAVA25, the JDKs its rows then run on.
set -euo pipefail
cd "$(dirname "$0")/.."

version_of() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
find_java() { # feature version -> a java binary, or nothing
  for candidate in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] && [ "$(version_of "$candidate")" = "$1" ] && { echo "$candidate"; return; }
  done
  true
}
JAVA17=${JAVA17:-$(find_java 17)}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1 || true)}
JAVA25=${JAVA25:-$(find_java 25)}
JDKS=()
[ -n "$JAVA17" ] && JDKS+=(--jdk "17=$JAVA17")
[ -n "$JAVA25" ] && JDKS+=(--jdk "25=$JAVA25")
[ ${#JDKS[@]} -gt 0 ] || { echo "neither JDK 17 nor JDK 25 found; set JAVA17 or JAVA25" >&2; exit 1; }

# The native subjects (a column of their own): built with the toolchain of build-tools/native-image (or GRAALVM_HOME),
# into target/native/ of their modules. Not in a smoke run.
NATIVE=1
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-native) NATIVE=0 ;;
    --smoke) NATIVE=0; ARGS+=("$arg") ;;
    *) ARGS+=("$arg") ;;
  esac
done
set -- "${ARGS[@]+"${ARGS[@]}"}"
NATIVE_MODULES=build-tools/native-image,bench/floor,bench/funqy-lambda,bench/functions-lambda,bench/funqy-http,bench/functions-http,bench/functions-lambda-otel,bench/functions-http-otel

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Start-up archives must come from the JDK that runs them: Quarkus writes bench/functions-http-aot's AppCDS archive
  # with the JDK that runs Maven (so JDK 17 runs Maven), and its training run records app.aot with JAVA25.
  BUILD_ENV=()
  [ -n "$JAVA17" ] && BUILD_ENV=(env "JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA17")")")")
  AOT_ARGS=()
  [ -n "$JAVA25" ] && AOT_ARGS=("-Dbench.java25=$JAVA25")
  # verify, not package: the training run is an integration test (-DskipTests does not skip it)
  # shellcheck disable=SC2086
  "${BUILD_ENV[@]}" ./mvnw -B -ntp -q verify -DskipTests "${AOT_ARGS[@]}" ${MAVEN_ARGS:-} -pl bench/harness -am
  if [ "$NATIVE" = 1 ]; then
    # shellcheck disable=SC2086
    "${BUILD_ENV[@]}" ./mvnw -B -ntp -q package -DskipTests -Dnative -Dbench.native ${MAVEN_ARGS:-} -pl "$NATIVE_MODULES" -am
  fi
fi
if [ "$NATIVE" = 1 ]; then
  JDKS+=(--jdk "native=native executables, GraalVM CE builder (toolchain of build-tools/native-image or GRAALVM_HOME)")
fi

OUT=(--out bench/results --docs docs/performance.md)
for arg in "$@"; do
  # a smoke run or a partial run must not overwrite the committed results
  case "$arg" in --smoke|--only|--runs) OUT=(--out bench/results/partial) ;; esac
done

# The harness (its Runtime API server and HTTP client) runs on CPU 1; the Runner pins each subject to CPU 0.
PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN=(taskset -c 1); fi
HARNESS_JAVA=${JAVA17:-$JAVA25}
exec "${PIN[@]}" "$HARNESS_JAVA" -cp bench/harness/target/classes io.quarkiverse.functions.bench.Harness \
  "${JDKS[@]}" "${OUT[@]}" "$@"
