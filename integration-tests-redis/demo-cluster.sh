#!/usr/bin/env bash
# The demo as several nodes behind a load balancer, sharing their browsers through Redis (docs/scale-out.md):
#
#   ./mvnw -B -DskipTests install && integration-tests-redis/demo-cluster.sh
#
# Starts redis-server, two nodes of the demo (integration-tests-redis: the demo built with
# quarkus-browser-storage-redis) and HAProxy in front of them, round-robin with no sticky sessions,
# on http://localhost:8080. Ctrl-C stops them all. Needs redis-server and haproxy
# (Debian: apt-get install redis-server haproxy). Settings, from the environment:
#   PORT (8080)  NODES (2)  REDIS_PORT (6390)  FIRST_NODE_PORT (8081)
set -euo pipefail
cd "$(dirname "$0")"

PORT=${PORT:-8080}
NODES=${NODES:-2}
REDIS_PORT=${REDIS_PORT:-6390}
FIRST_NODE_PORT=${FIRST_NODE_PORT:-8081}
JAR=target/quarkus-app/quarkus-run.jar
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
RUN=target/demo-cluster
LAST_NODE_PORT=$((FIRST_NODE_PORT + NODES - 1))

for tool in redis-server "$HAPROXY"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is missing: apt-get install redis-server haproxy" >&2
    exit 1
  fi
done
if [ ! -f "$JAR" ]; then
  echo "$JAR is missing: build first with ./mvnw -B -DskipTests install" >&2
  exit 1
fi
mkdir -p "$RUN"

pids=()
stop() {
  trap - INT TERM EXIT
  echo "stopping..."
  # Nodes first (SIGTERM: each lets its requests finish and hands its browsers over), then the rest.
  for pid in "${pids[@]:1}"; do kill "$pid" 2>/dev/null || true; done
  wait "${pids[@]:1}" 2>/dev/null || true
  kill "${pids[0]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$RUN/redis.log" 2>&1 &
pids+=($!)
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || (exec 3<>/dev/tcp/127.0.0.1/"$REDIS_PORT") 2>/dev/null; do sleep 0.2; done

servers=""
for port in $(seq "$FIRST_NODE_PORT" "$LAST_NODE_PORT"); do
  name="node$((port - FIRST_NODE_PORT + 1))"
  java -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" \
    -jar "$JAR" >"$RUN/$name.log" 2>&1 &
  pids+=($!)
  servers="$servers    server $name 127.0.0.1:$port check inter 1s fall 2 rise 1"$'\n'
done

cat >"$RUN/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
frontend demo
    bind 127.0.0.1:$PORT
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /
    http-response set-header X-Node %s
$servers
CFG

for port in $(seq "$FIRST_NODE_PORT" "$LAST_NODE_PORT"); do
  until (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do
    if ! kill -0 "${pids[$((port - FIRST_NODE_PORT + 1))]}" 2>/dev/null; then
      echo "a node did not start: see integration-tests-redis/$RUN/node$((port - FIRST_NODE_PORT + 1)).log" >&2
      exit 1
    fi
    sleep 0.3
  done
done
"$HAPROXY" -f "$RUN/haproxy.cfg" -db >"$RUN/haproxy.log" 2>&1 &
pids+=($!)

echo "The demo runs on http://localhost:$PORT: $NODES nodes (ports $FIRST_NODE_PORT-$LAST_NODE_PORT) behind HAProxy, Redis on $REDIS_PORT."
echo "Each response names its node in X-Node. Logs: integration-tests-redis/$RUN/. Ctrl-C stops them all."
wait "${pids[0]}"
