package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutstandingFreightTest {
    static ReservedLine.Allocation held(String warehouse, String quantity) {
        return new ReservedLine.Allocation(
                warehouse,
                "仓库" + warehouse,
                "lot-" + warehouse,
                null,
                null,
                new BigDecimal(quantity),
                null,
                "雁塔区",
                "科技路 1 号");
    }

    static ReservedLine line(String reserved, ReservedLine.Allocation... where) {
        return new ReservedLine(
                "water",
                "box",
                new BigDecimal(reserved),
                new BigDecimal(reserved),
                List.of(where),
                new BigDecimal("12"),
                null);
    }

    static OutstandingFreight.TripOnWay trip(String warehouse, TripStatus status, String quantity) {
        return new OutstandingFreight.TripOnWay(
                warehouse,
                status,
                List.of(Loads.line("water", "box", new BigDecimal(quantity), new BigDecimal("12"), null)));
    }

    @Test
    void oneLoadPerWarehouseWithItsPlaceAndWeight() {
        var result = OutstandingFreight.of(List.of(line("30", held("w1", "20"), held("w2", "10"))), List.of());
        assertEquals(2, result.loads().size());
        assertEquals(
                new Place("w1", "仓库w1", "雁塔区", "科技路 1 号"), result.loads().get(0).from());
        assertEquals(new BigDecimal("20"), result.loads().get(0).lines().get(0).quantity());
        assertEquals(new BigDecimal("240"), result.loads().get(0).lines().get(0).weightKg());
        assertEquals(new BigDecimal("10"), result.loads().get(1).lines().get(0).quantity());
        assertTrue(result.notes().isEmpty());
    }

    @Test
    void whatTripsCarryIsNotPlannedAgainAndFailedTripsDoNotCount() {
        var result = OutstandingFreight.of(
                List.of(line("30", held("w1", "30"))),
                List.of(trip("w1", TripStatus.SCHEDULED, "10"), trip("w1", TripStatus.FAILED, "20")));
        assertEquals(1, result.loads().size());
        assertEquals(new BigDecimal("20"), result.loads().get(0).lines().get(0).quantity());
    }

    @Test
    void unitsNoWarehouseCanGiveYetAreANote() {
        // delivered units left the warehouse: the lot holds what is left, and 5 reserved units are nowhere free yet
        var result = OutstandingFreight.of(
                List.of(line("30", held("w1", "20"))), List.of(trip("w1", TripStatus.SCHEDULED, "5")));
        assertEquals(new BigDecimal("15"), result.loads().get(0).lines().get(0).quantity());
        assertEquals(
                List.of("water: 10 reserved units are held in no warehouse free of other trips; planned when "
                        + "inventory says where"),
                result.notes());
    }
}
