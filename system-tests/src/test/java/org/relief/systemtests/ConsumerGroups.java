package org.relief.systemtests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.relief.contracts.Topics;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * Every system test starts its services on freshly cleaned databases but on the shared test broker, where the
 * services' consumer groups may still point behind records of an earlier run (a kill -9, a run stopped before its
 * last offset commit). Those records would be applied again to the empty databases (their inboxes are empty too)
 * and mix old requests into the test. So, with the services stopped, each group is moved to the end of every topic:
 * the test sees only what it causes. In production database and offsets live together and this never applies.
 */
final class ConsumerGroups {
    static final List<String> SERVICE_GROUPS =
            List.of("requests-service", "inventory-service", "dispatch-service", "volunteer-service");

    private ConsumerGroups() {}

    /**
     * A group can be moved only without members. The group's service is stopped, but its members may linger: a service
     * killed by an earlier test (kill -9) stays a member until the broker's session timeout (10 s) ends it, and a
     * static member (the fault suite's services, with an instance id) does not leave on a graceful stop either. Such
     * members are removed as an operator would (kafka-consumer-groups' remove members), rather than waited out.
     */
    private static void moveWhenEmpty(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> ends) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    try {
                        admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
                        return true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof UnknownMemberIdException
                                || e.getCause() instanceof GroupNotEmptyException) {
                            removeLingeringMembers(admin, group);
                            return false; // poll again
                        }
                        throw e;
                    }
                });
    }

    private static void removeLingeringMembers(Admin admin, String group) {
        try {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception notNow) {
            // gone meanwhile, or mid-rebalance: the next round tries again, and the session timeout ends them anyway
        }
    }

    static void startAtTheEnd() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> ends = endOffsets();
        try (Admin admin = admin()) {
            for (String group : SERVICE_GROUPS) {
                moveWhenEmpty(admin, group, ends);
            }
        }
    }

    /** The end of every partition of the five topics (four services' events, the data keys) now: where a test's own records begin. */
    static Map<TopicPartition, OffsetAndMetadata> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            var topics = admin.describeTopics(List.of(
                            Topics.REQUESTS,
                            Topics.INVENTORY,
                            Topics.DISPATCH,
                            Topics.VOLUNTEER,
                            org.relief.kernel.personaldata.PersonalDataKeyIssued.TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            topics.values().forEach(t -> t.partitions()
                    .forEach(part -> latest.put(new TopicPartition(t.name(), part.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            return ends;
        }
    }

    /**
     * Moves one group back (or forward) to the given offsets once its members are gone: the fault suite's "records
     * delivered again". The group's service must be stopped.
     */
    static void moveTo(String group, Map<TopicPartition, OffsetAndMetadata> offsets) throws Exception {
        try (Admin admin = admin()) {
            moveWhenEmpty(admin, group, offsets);
        }
    }

    /**
     * Records each service's group has yet to commit, by topic the group's members are assigned (0 included): for
     * failure messages. The groups also hold offsets of topics they never read (moved there by {@link
     * #startAtTheEnd}); those are left out while the group has members.
     */
    static Map<String, Map<String, Long>> lag() {
        Map<String, Map<String, Long>> lag = new java.util.TreeMap<>();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> ends = endOffsets();
            var described = admin.describeConsumerGroups(SERVICE_GROUPS).all().get(30, TimeUnit.SECONDS);
            for (String group : SERVICE_GROUPS) {
                java.util.Set<String> read = new java.util.TreeSet<>();
                described.get(group).members().forEach(m -> m.assignment()
                        .topicPartitions()
                        .forEach(tp -> read.add(tp.topic())));
                Map<String, Long> behind = new java.util.TreeMap<>();
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS)
                        .forEach((tp, committed) -> {
                            OffsetAndMetadata end = ends.get(tp);
                            if (committed != null && end != null && (read.isEmpty() || read.contains(tp.topic()))) {
                                behind.merge(tp.topic(), Math.max(0, end.offset() - committed.offset()), Long::sum);
                            }
                        });
                lag.put(group + (read.isEmpty() ? " (no members)" : ""), behind);
            }
        } catch (Exception e) {
            lag.put("not readable: " + e, Map.of());
        }
        return lag;
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        return Admin.create(p);
    }
}
