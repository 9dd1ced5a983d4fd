package org.relief.kernel.runtime;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How fast a restarted or crashed service gets its partitions back. Every consumer of a service is a member of the
 * service's group; a member that dies without leaving (kill -9, a lost node) keeps its partitions until the broker's
 * session timeout ends it, 45 s by Kafka's default, during which the saga stands still on those partitions.
 * <ul>
 *   <li>With {@code relief.kafka.instance-id} set (the platform script: the service name; a cluster: the pod name),
 *   each consumer joins as a static member, {@code <instance-id>-<channel>} (and {@code -<n>} for the n-th consumer
 *   of a channel with {@code partitions} above one). A restarted process with the same id
 *   takes over its own partitions at once, without waiting and without a rebalance of the others.</li>
 *   <li>Without it, members are dynamic; either way the session timeout is 10 s (heartbeat 3 s), so a member that is
 *   gone for good (a pod deleted, a scaled-down instance: static members do not leave on shutdown) frees its
 *   partitions within seconds.</li>
 * </ul>
 * Two running processes must never share an instance id: the broker fences the older one.
 */
@ApplicationScoped
public class ConsumerMembership implements ClientCustomizer<Map<String, Object>> {
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int HEARTBEAT_INTERVAL_MS = 3_000;

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        return apply(
                channel, config, ConfigProvider.getConfig().getOptionalValue("relief.kafka.instance-id", String.class));
    }

    static Map<String, Object> apply(String channel, Map<String, Object> config, Optional<String> instanceId) {
        if (!config.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
            return config; // a producer or admin client
        }
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        instanceId
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .ifPresent(id -> config.putIfAbsent(
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        id + "-" + channel + consumerIndex(channel, config.get(ConsumerConfig.CLIENT_ID_CONFIG))));
        return config;
    }

    /**
     * A channel with {@code partitions=N} runs N consumers in one process, their client ids ending in -0 .. -N-1: each
     * needs its own member id, or the two fence each other out of the group over and over and the channel stalls.
     */
    private static String consumerIndex(String channel, Object clientId) {
        if (clientId == null) {
            return "";
        }
        Matcher m = INDEXED.matcher(clientId.toString());
        return m.matches() && m.group(1).endsWith(channel) ? "-" + m.group(2) : "";
    }

    private static final Pattern INDEXED = Pattern.compile("(.*)-(\\d+)");
}
