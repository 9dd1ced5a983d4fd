package org.relief.contracts;

/**
 * Kafka topics, one per publishing service. Every record is keyed by the help request id it concerns, so all
 * events of one request land on one partition, in order. Partition counts: deploy/local/topics.txt.
 */
public final class Topics {
    public static final String REQUESTS = "requests.events.v1";
    public static final String INVENTORY = "inventory.events.v1";
    public static final String DISPATCH = "dispatch.events.v1";
    public static final String VOLUNTEER = "volunteer.events.v1";

    private Topics() {}
}
