#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) from the jars on Maven Central.
# No Docker, no tarball: the jars are copied by Maven into .local/kafka/libs once and reused.
#
#   deploy/local/kafka.sh fetch                 copy the Kafka jars (pinned in deploy/local/kafka/pom.xml)
#   deploy/local/kafka.sh start  [instance]     format storage on first start, start, wait, create topics
#   deploy/local/kafka.sh stop   [instance]     SIGTERM and wait for a clean shutdown
#   deploy/local/kafka.sh status [instance]
#   deploy/local/kafka.sh reset  [instance]     stop and delete the instance's data
#
# instance "platform" (default) listens on 127.0.0.1:9092 (+9093 controller), "test" (used by ./mvnw verify) on ports
# of its own, so the tests never touch the data of a running platform. Each service module's tests have a test broker
# of their own, "test-<module>" (test-requests, test-inventory, test-dispatch, test-volunteer; the module's pom names
# it), so that modules built side by side (the build runs two at a time) never read each other's events; "test" is the
# kernel's and the system tests'. `stop tests` stops every test instance. Test instances' ports are per checkout, so
# that two builds on one machine (two clones) do not share a broker: its first `start` picks three free consecutive
# ports (broker, controller, SASL) and records them in .local/kafka/<instance>/ports, which later starts, `status` and
# the tests (TestInfrastructure) read. KAFKA_PORT (and KAFKA_SASL_PORT) choose them instead, and are recorded too. A test
# broker started before ports were recorded (29092, 29093, 29094) keeps those. `reset test` forgets them.
#
# The test instance also has a SASL_PLAINTEXT listener with mechanism PLAIN on its third port, so the tests can show
# that every Kafka client of a service (consumers, outbox relay, health check) authenticates with the same kafka.*
# settings. Its only user is relief-test / relief-test-only: a TEST-ONLY credential on a loopback port of a throwaway
# broker, not a secret. A broker started before this listener existed is restarted by `start` (its data is kept: the
# listener needs no change to the formatted storage).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOME_DIR="$ROOT/.local/kafka"
LIBS="$HOME_DIR/libs"
cmd=${1:-status}
instance=${2:-platform}
if [ "$instance" = tests ]; then
  # every test instance this checkout has: `stop tests`, `status tests`
  rc=0
  for d in "$HOME_DIR"/test "$HOME_DIR"/test-*; do
    [ -d "$d" ] || continue
    "$0" "$cmd" "$(basename "$d")" || rc=$?
  done
  exit $rc
fi
case "$instance" in
  platform|test|test-[a-z]*) ;;
  *) echo "unknown instance '$instance' (platform, test or test-<name>)" >&2; exit 2 ;;
esac
# the test instances: "test" (the kernel's and the system tests') and one per service module (test-requests, ...)
is_test() { [ "$instance" != platform ]; }
SASL_USER=relief-test
SASL_PASSWORD=relief-test-only
DIR="$HOME_DIR/$instance"
PIDFILE="$DIR/broker.pid"
PORTS_FILE="$DIR/ports"
HEAP=${KAFKA_HEAP:-384m}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

# The test instance's ports: PORT (broker), CPORT (controller), SASL_PORT; empty when none are chosen yet.
recorded() { sed -n "s/^$1=\([0-9][0-9]*\)\$/\1/p" "$PORTS_FILE" 2>/dev/null; }
record_ports() {
  mkdir -p "$DIR"
  # java.util.Properties format: TestInfrastructure reads it
  printf '# the test broker of this checkout (deploy/local/kafka.sh)\nbroker=%s\ncontroller=%s\nsasl=%s\n' \
    "$PORT" "$CPORT" "$SASL_PORT" > "$PORTS_FILE.tmp"
  mv "$PORTS_FILE.tmp" "$PORTS_FILE"
}
# Three consecutive ports nothing listens on, below Linux's ephemeral range (32768-60999, where outgoing connections
# take theirs) and away from 29092-29094, the fixed ports of checkouts from before ports were recorded.
pick_ports() {
  local base
  for _ in $(seq 1 100); do
    base=$((20000 + RANDOM % 9000))
    if ! port_open "$base" && ! port_open $((base + 1)) && ! port_open $((base + 2)); then
      PORT=$base; CPORT=$((base + 1)); SASL_PORT=$((base + 2))
      return 0
    fi
  done
  echo "found no three free consecutive ports in 20000-29000; set KAFKA_PORT" >&2
  exit 1
}
PORT=""; CPORT=""; SASL_PORT=""
if [ "$instance" = platform ]; then
  PORT=${KAFKA_PORT:-9092}; CPORT=$((PORT + 1))
elif [ -n "${KAFKA_PORT:-}" ]; then
  PORT=$KAFKA_PORT; CPORT=$((PORT + 1)); SASL_PORT=${KAFKA_SASL_PORT:-$((PORT + 2))}
elif [ -f "$PORTS_FILE" ]; then
  PORT=$(recorded broker); CPORT=$(recorded controller); SASL_PORT=$(recorded sasl)
  [ -n "$PORT" ] && [ -n "$CPORT" ] && [ -n "$SASL_PORT" ] || { echo "$PORTS_FILE is incomplete; delete it" >&2; exit 1; }
elif running && port_open 29092; then
  # started by this script before it recorded ports: it listens on the old fixed ones, which stay its ports
  PORT=29092; CPORT=29093; SASL_PORT=29094
  record_ports
fi

fetch() {
  if [ -f "$LIBS/.complete" ]; then return 0; fi
  command -v java >/dev/null || { echo "Java 17+ is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
  echo "fetching Kafka jars from Maven Central into $LIBS ..."
  mkdir -p "$LIBS"
  "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIBS"
  touch "$LIBS/.complete"
}

# server.properties on stdout
server_properties() {
  if [ -n "$SASL_PORT" ]; then
    cat <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$SASL_USER" password="$SASL_PASSWORD" user_$SASL_USER="$SASL_PASSWORD";
PROPS
  else
    cat <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
PROPS
  fi
  cat <<PROPS
log.dirs=$DIR/data
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# the default 128 MiB cleaner buffer would take most of a small heap
log.cleaner.dedupe.buffer.size=16777216
auto.create.topics.enable=false
unclean.leader.election.enable=false
log.retention.hours=168
PROPS
}

write_config() {
  mkdir -p "$DIR/config" "$DIR/logs"
  server_properties > "$DIR/config/server.properties"
  cat > "$DIR/config/log4j2.properties" <<'PROPS'
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=FILE
rootLogger.appenderRef.console.ref=STDOUT
appender.file.type=File
appender.file.name=FILE
appender.file.fileName=${sys:kafka.logs.dir}/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
appender.console.type=Console
appender.console.name=STDOUT
appender.console.filter.threshold.type=ThresholdFilter
appender.console.filter.threshold.level=WARN
appender.console.layout.type=PatternLayout
appender.console.layout.pattern=[%d] %p %m (%c)%n
PROPS
  cat > "$DIR/config/tools-log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.stderr.ref=STDERR
appender.stderr.type=Console
appender.stderr.name=STDERR
appender.stderr.target=SYSTEM_ERR
appender.stderr.layout.type=PatternLayout
appender.stderr.layout.pattern=[%d] %p %m (%c)%n
PROPS
}

tool() { timeout 60 java -Xmx256m -Dlog4j2.configurationFile="$DIR/config/tools-log4j2.properties" -cp "$LIBS/*" "$@"; }

create_topics() {
  existing=$(tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --list)
  while read -r topic partitions policy _; do
    case "$topic" in ''|\#*) continue ;; esac
    local configs=()
    # a compacted topic keeps the last record per key; small segments let the cleaner reach an erasure within minutes
    [ "$policy" = compact ] && configs=(--config cleanup.policy=compact --config segment.ms=600000
      --config min.cleanable.dirty.ratio=0.01 --config delete.retention.ms=600000)
    if ! grep -qx "$topic" <<<"$existing"; then
      tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --create --if-not-exists \
        --topic "$topic" --partitions "$partitions" --replication-factor 1 "${configs[@]}" >/dev/null
    fi
  done < "$ROOT/deploy/local/topics.txt"
}

# true when the running broker was started with the configuration this script writes now
config_current() {
  [ -f "$DIR/config/server.properties" ] && [ "$(server_properties)" = "$(cat "$DIR/config/server.properties")" ] &&
    { [ -z "$SASL_PORT" ] || port_open "$SASL_PORT"; }
}

start() {
  if is_test && [ -z "${KAFKA_PORT:-}" ] && ! running; then
    # first start of this checkout's test broker, or its recorded ports were taken by another process while it was
    # down: pick free ones (the formatted storage does not depend on them)
    if [ -z "$PORT" ] || port_open "$PORT" || port_open "$CPORT" || port_open "$SASL_PORT"; then
      [ -n "$PORT" ] && echo "kafka ($instance): recorded ports $PORT-$SASL_PORT are taken by another process; picking new ones"
      pick_ports
    fi
  fi
  if [ -z "$PORT" ]; then
    echo "kafka ($instance) runs (pid $(cat "$PIDFILE")) on ports not recorded in $PORTS_FILE; stop it first" >&2; exit 1
  fi
  # what the tests read to find this broker (KAFKA_PORT's choice too)
  if is_test; then record_ports; fi
  if running && port_open "$PORT" && ! config_current; then
    echo "kafka ($instance) runs with an older configuration; restarting it (data kept)"
    stop
  fi
  if running && port_open "$PORT"; then echo "kafka ($instance) already running on 127.0.0.1:$PORT"; create_topics; return 0; fi
  if port_open "$PORT"; then echo "port $PORT is taken by another process; set KAFKA_PORT" >&2; exit 1; fi
  if [ -n "$SASL_PORT" ] && port_open "$SASL_PORT"; then echo "port $SASL_PORT is taken by another process; set KAFKA_SASL_PORT" >&2; exit 1; fi
  fetch
  write_config
  if [ ! -f "$DIR/data/meta.properties" ]; then
    java -Xmx256m -Dlog4j2.configurationFile="$DIR/config/tools-log4j2.properties" -cp "$LIBS/*" kafka.tools.StorageTool \
      format -t "$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid)" -c "$DIR/config/server.properties" >/dev/null
  fi
  # launched directly (not behind && in a subshell) so that $! is the broker JVM itself
  nohup java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dkafka.logs.dir="$DIR/logs" -Dlog4j2.configurationFile="$DIR/config/log4j2.properties" \
    -cp "$LIBS/*" kafka.Kafka "$DIR/config/server.properties" > "$DIR/logs/broker.out" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 120); do
    if port_open "$PORT"; then break; fi
    if ! running; then echo "kafka ($instance) died at start; see $DIR/logs/broker.out and server.log" >&2; tail -20 "$DIR/logs/broker.out" >&2; exit 1; fi
    sleep 0.5
  done
  port_open "$PORT" || { echo "kafka ($instance) did not open port $PORT within 60 s" >&2; exit 1; }
  if [ -n "$SASL_PORT" ]; then
    for _ in $(seq 1 20); do port_open "$SASL_PORT" && break; sleep 0.5; done
    port_open "$SASL_PORT" || { echo "kafka ($instance) did not open its SASL port $SASL_PORT" >&2; exit 1; }
  fi
  create_topics
  echo "kafka ($instance) running on 127.0.0.1:$PORT${SASL_PORT:+ (SASL_PLAINTEXT/PLAIN on $SASL_PORT)} (pid $(cat "$PIDFILE"), logs $DIR/logs)"
}

stop() {
  if ! running; then echo "kafka ($instance) not running"; rm -f "$PIDFILE"; return 0; fi
  pid=$(cat "$PIDFILE")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "kafka ($instance) did not stop in 30 s, killing" >&2; kill -KILL "$pid"; fi
  rm -f "$PIDFILE"
  echo "kafka ($instance) stopped"
}

case "$cmd" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status)
    ports="127.0.0.1:$PORT (controller $CPORT${SASL_PORT:+, SASL_PLAINTEXT $SASL_PORT})"
    if [ -n "$PORT" ] && running && port_open "$PORT"; then echo "kafka ($instance) up on $ports (pid $(cat "$PIDFILE"))"
    elif [ -n "$PORT" ]; then echo "kafka ($instance) down; its ports: $ports"; exit 3
    else echo "kafka ($instance) down; no ports chosen yet (the first start picks them)"; exit 3; fi ;;
  topics) [ -n "$PORT" ] || { echo "kafka ($instance) has no ports yet: start it first" >&2; exit 1; }; create_topics ;;
  reset) stop; rm -rf "$DIR" ;;
  *) echo "usage: $0 {fetch|start|stop|status|topics|reset} [platform|test|test-<name>|tests]" >&2; exit 2 ;;
esac
