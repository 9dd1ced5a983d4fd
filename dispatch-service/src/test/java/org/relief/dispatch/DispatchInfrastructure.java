package org.relief.dispatch;

import java.util.HashMap;
import java.util.Map;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;

/**
 * The real broker and database, with the service's two consumed channels on fresh 6-partition topics of this run
 * (as requests.events.v1 and inventory.events.v1 have). Other modules' tests, and other builds running at the same
 * time, publish supplies requests and allocations on the shared topics; here they would become trips competing for
 * the vehicles a test registers. Published events still go to the real dispatch.events.v1.
 */
public class DispatchInfrastructure extends RealInfrastructure {
    public static final String REQUESTS_TOPIC = "mp.messaging.incoming.requests-events.topic";
    public static final String INVENTORY_TOPIC = "mp.messaging.incoming.inventory-events.topic";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put(REQUESTS_TOPIC, TestTopics.create("dispatch-test.requests.events", 6));
        config.put(INVENTORY_TOPIC, TestTopics.create("dispatch-test.inventory.events", 6));
        return config;
    }
}
