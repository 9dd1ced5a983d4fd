package org.relief.kernel.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutboxRelay;

/** Runs the outbox relay for the life of the service: the only Kafka producer a service has. */
@ApplicationScoped
public class OutboxRelayService {
    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);

    private final RelaySettings settings;
    private final String service;
    private final String jdbcUrl;
    private final String user;
    private final Optional<String> password;
    private final ObjectMapper json;
    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final KafkaClientConfig kafka;

    @Inject
    public OutboxRelayService(
            RelaySettings settings,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            ObjectMapper json,
            DataSource dataSource,
            MeterRegistry meters,
            KafkaClientConfig kafka) {
        this.settings = settings;
        this.service = service;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.json = json;
        this.dataSource = dataSource;
        this.meters = meters;
        this.kafka = kafka;
    }

    private Producer<String, String> producer;
    private OutboxRelay relay;
    private BeanGauges gauges;

    void start(@Observes StartupEvent ignored) {
        gauges = new BeanGauges(meters)
                .add(Gauge.builder(
                                "relief.outbox.backlog", this, s -> s.backlog().unpublished())
                        .description("integration events committed but not yet acknowledged by Kafka"))
                .add(Gauge.builder("relief.outbox.oldest.age.ms", this, s -> s.backlog()
                                .oldestAgeMillis())
                        .description("age of the oldest unpublished outbox row"));
        if (!settings.enabled()) {
            LOG.warn(
                    "outbox relay disabled (relief.outbox.relay.enabled=false): integration events stay in the outbox");
            return;
        }
        producer = new KafkaProducer<>(kafka.producer(service + "-outbox-relay"));
        var defaults = OutboxRelay.Settings.defaults(
                settings.jdbcUrl().filter(u -> !u.isBlank()).orElse(jdbcUrl), user, password.orElse(null));
        relay = new OutboxRelay(
                new OutboxRelay.Settings(
                        defaults.jdbcUrl(),
                        defaults.user(),
                        defaults.password(),
                        defaults.lockKey(),
                        settings.batchSize(),
                        settings.idleWait(),
                        defaults.retryWait(),
                        defaults.sendTimeout(),
                        defaults.retention()),
                producer,
                json);
        relay.start(service + "-outbox-relay");
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (gauges != null) {
            gauges.removeAll();
        }
        if (relay != null) {
            // finishes the pass in flight, then closes its connection: the leader lock goes with it at once, so a
            // replica that stays up takes over without waiting for a TCP timeout
            relay.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The durable producer settings with only a bootstrap address (tests and tools on a plain listener). */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.putAll(producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), clientId));
        return p;
    }

    /**
     * The service's Kafka config ({@code kafka.*}: servers, security protocol, SASL, TLS) with the durable producer
     * settings on top: every record acknowledged by all in-sync replicas, no duplicates on retry.
     */
    public static Map<String, Object> producerConfig(Map<String, ?> kafka, String clientId) {
        Map<String, Object> p = KafkaClientConfig.only(kafka, ProducerConfig.configNames());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    public Optional<OutboxRelay> relay() {
        return Optional.ofNullable(relay);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public Outbox.Backlog backlog() {
        try (Connection c = dataSource.getConnection()) {
            return Outbox.backlog(c);
        } catch (Exception e) {
            return new Outbox.Backlog(-1, -1);
        }
    }
}
