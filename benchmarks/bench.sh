#!/usr/bin/env bash
# Runs one benchmark of benchmarks/RESULTS.md, or all of them, and prints its figures.
#
#   benchmarks/bench.sh read|codec|known|protected|latency|throughput|connections|hydration|processor|glue|scaleout|all
#
# Builds the module first if it is not built (offline, from the installed snapshots of the other
# modules). Harness options are system properties, passed with BENCH_OPTS, e.g.
#   BENCH_OPTS=-Dbench.connections=19000 benchmarks/bench.sh connections
# Output is also kept in benchmarks/target/bench-results/<name>.txt (or $BENCH_RESULTS/<name>.txt); app
# logs in target/bench-logs/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/harness-classpath.txt ]; then
  (cd .. && ./mvnw -o -B -ntp -q -pl benchmarks package -DskipTests)
fi
results=${BENCH_RESULTS:-target/bench-results}
mkdir -p "$results" target/bench-logs

# Versions pinned so that the glue-size figure is reproducible.
TERSER=terser@5.51.2
JS_COOKIE=js-cookie@3.0.8

java_main() {
  # shellcheck disable=SC2086
  java -Xmx3g ${BENCH_OPTS:-} -cp "target/classes:$(cat target/harness-classpath.txt)" "$@"
}

# The served storage.js is the core followed by the parts the application uses, each a script of
# its own (GlueScript in the extension; schema.js comes with binding): measured as the core alone,
# with each part and with both, from the sources (the build serves its own minified copies).
compose_glue() {
  local dir=../quarkus-extension/runtime/src/main/resources/META-INF/browser-storage/glue part
  cat "$dir/storage.js"
  for part in "$@"; do
    if [ "$part" = binding ]; then cat "$dir/schema.js"; fi
    cat "$dir/$part.js"
  done
}

glue() {
  local out=target/glue
  rm -rf "$out" && mkdir -p "$out"
  compose_glue > "$out/core.js"
  compose_glue cookies > "$out/core+cookies.js"
  compose_glue binding > "$out/core+binding.js"
  compose_glue cookies binding > "$out/core+both.js"
  (cd "$out" && npm pack --silent "$JS_COOKIE" >/dev/null && tar xzf js-cookie-*.tgz && cp package/dist/js.cookie.js js.cookie.js)
  local name raw min gz ref_gz
  declare -A sizes
  printf '%-16s %10s %10s %14s\n' file raw minified 'min+gzip -9'
  for name in core.js core+cookies.js core+binding.js core+both.js js.cookie.js; do
    npx --yes "$TERSER" "$out/$name" --compress --mangle --output "$out/${name%.js}.min.js" 2>/dev/null
    raw=$(wc -c < "$out/$name")
    min=$(wc -c < "$out/${name%.js}.min.js")
    gz=$(gzip -9 -n -c "$out/${name%.js}.min.js" | wc -c)
    printf '%-16s %10d %10d %14d\n' "$name" "$raw" "$min" "$gz"
    sizes[$name]=$gz
  done
  ref_gz=${sizes[js.cookie.js]}
  for name in core.js core+both.js; do
    awk -v a="${sizes[$name]}" -v b="$ref_gz" -v n="$name" 'BEGIN { printf "%s min+gz / js-cookie min+gz = %.2fx (%s, same pipeline)\n", n, a / b, "'"$TERSER"' --compress --mangle, gzip -9" }'
  done
}

run() {
  local name=$1
  echo "== $name ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg))"
  case "$name" in
    # Each JMH figure is cross-checked by the CPU time of the benchmark's own thread (CpuTime), which
    # a machine shared with other work disturbs far less than the wall clock JMH measures.
    read) java_main dev.browserstorage.bench.jmh.TypedRead && java_main dev.browserstorage.bench.jmh.CpuTime read ;;
    codec) java_main dev.browserstorage.bench.jmh.Codec && java_main dev.browserstorage.bench.jmh.CpuTime codec ;;
    known) java_main dev.browserstorage.bench.jmh.KnownRead ;;
    protected) java_main dev.browserstorage.bench.jmh.ProtectedRead ;;
    latency) java_main dev.browserstorage.bench.harness.WriteLatency ;;
    throughput) java_main dev.browserstorage.bench.harness.Throughput ;;
    connections) java_main dev.browserstorage.bench.harness.Connections ;;
    hydration) java_main dev.browserstorage.bench.harness.Hydration ;;
    processor) java_main dev.browserstorage.bench.harness.ProcessorOverhead ;;
    glue) glue ;;
    scaleout)
      # The same app packaged with the Redis module (module redis-app, redis-app/target/quarkus-app).
      if [ ! -f redis-app/target/quarkus-app/quarkus-run.jar ]; then
        (cd .. && ./mvnw -o -B -ntp -q -pl benchmarks/redis-app package -DskipTests)
      fi
      java_main dev.browserstorage.bench.harness.ScaleOut ;;
    *) echo "usage: $0 read|codec|known|protected|latency|throughput|connections|hydration|processor|glue|scaleout|all" >&2; exit 2 ;;
  esac
}

if [ "${1:-}" = all ]; then
  start=$(date +%s)
  failed=()
  for name in read codec known protected latency throughput connections hydration processor glue scaleout; do
    SECONDS=0
    # One failing benchmark must not hide the figures of the others; the run fails at its end.
    run "$name" 2>&1 | tee "$results/$name.txt" || { echo "($name FAILED)"; failed+=("$name"); }
    echo "($name took ${SECONDS} s)"
  done
  echo "all ten took $(( $(date +%s) - start )) s"
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
  fi
else
  run "${1:-}" 2>&1 | tee "$results/${1:-usage}.txt"
fi
