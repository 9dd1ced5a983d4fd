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
# instance "platform" (default) listens on 127.0.0.1:9092, "test" on 127.0.0.1:29092 (used by ./mvnw verify), so the
# tests never touch the data of a running platform.
#
# The test instance also has a SASL_PLAINTEXT listener with mechanism PLAIN on 127.0.0.1:29094, so the tests can show
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
case "$instance" in
  platform) PORT=${KAFKA_PORT:-9092} ;;
  test)     PORT=${KAFKA_PORT:-29092} ;;
  *) echo "unknown instance '$instance' (platform or test)" >&2; exit 2 ;;
esac
CPORT=$((PORT + 1))
SASL_PORT=""
if [ "$instance" = test ]; then SASL_PORT=${KAFKA_SASL_PORT:-$((PORT + 2))}; fi
SASL_USER=relief-test
SASL_PASSWORD=relief-test-only
DIR="$HOME_DIR/$instance"
PIDFILE="$DIR/broker.pid"
HEAP=${KAFKA_HEAP:-384m}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

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
  status) if running && port_open "$PORT"; then echo "kafka ($instance) up on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"; else echo "kafka ($instance) down"; exit 3; fi ;;
  topics) create_topics ;;
  reset) stop; rm -rf "$DIR" ;;
  *) echo "usage: $0 {fetch|start|stop|status|topics|reset} [platform|test]" >&2; exit 2 ;;
esac
