package org.relief.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * One test's own trucks, under one carrier of its organisation. The test takes them all off duty when it ends: the
 * test database's fleet is shared, and a truck left on duty would take a later test's load.
 */
public final class TestFleet {
    private final String org;
    private final List<String> vehicles = new ArrayList<>();
    private String carrier;

    public TestFleet(String org) {
        this.org = org;
    }

    /** A truck of {@code payloadKg} and 60 m³ based in {@code district}; the carrier is registered with the first. */
    public String truck(String payloadKg, String district) {
        if (carrier == null) {
            carrier = Fixtures.carrier(org, "西安货运公司");
        }
        String id = Events.vehicle(org, carrier, "TRUCK", payloadKg, "60", district);
        vehicles.add(id);
        return id;
    }

    public void takeAllOff() {
        vehicles.forEach(v -> Events.takeOff(org, v));
    }
}
