package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.inventory.domain.AllocationPolicy.Decision;
import org.relief.inventory.domain.AllocationPolicy.Demand;
import org.relief.inventory.domain.AllocationPolicy.DemandLine;
import org.relief.inventory.domain.AllocationPolicy.StockLot;

class AllocationPolicyTest {
    static final LocalDate TODAY = LocalDate.of(2021, 12, 24);
    static final Instant T0 = Instant.parse("2021-12-24T08:00:00Z");
    static final Map<String, String> UNITS = Map.of("n95-mask", "piece", "protective-suit", "piece");

    static Demand demand(
            String id, String priority, List<String> flags, Instant at, String district, String item, int qty) {
        return new Demand(
                id, priority, flags, at, district, List.of(new DemandLine(0, item, "piece", BigDecimal.valueOf(qty))));
    }

    static StockLot lot(String warehouse, String district, String lotId, LocalDate expires, int available) {
        return new StockLot(
                "n95-mask",
                warehouse,
                warehouse + "仓库",
                district,
                lotId,
                lotId,
                "don-1",
                "chamber",
                expires,
                BigDecimal.valueOf(available));
    }

    static int taken(Decision d) {
        return d.picks().stream()
                .map(Allocation::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .intValueExact();
    }

    @Test
    void theQueueIsPriorityThenVulnerableThenMoreFlagsThenFirstComeThenId() {
        List<Demand> demands = List.of(
                demand("normal-early", "NORMAL", List.of(), T0.minusSeconds(3600), "雁塔区", "n95-mask", 1),
                demand("high-late", "HIGH", List.of(), T0.plusSeconds(60), "雁塔区", "n95-mask", 1),
                demand("high-early", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 1),
                demand("high-one-flag", "HIGH", List.of("DISABLED"), T0.plusSeconds(120), "雁塔区", "n95-mask", 1),
                demand(
                        "high-two-flags",
                        "HIGH",
                        List.of("DISABLED", "ELDERLY_LIVING_ALONE"),
                        T0.plusSeconds(300),
                        "雁塔区",
                        "n95-mask",
                        1),
                demand("critical-b", "CRITICAL", List.of(), T0.plusSeconds(600), "雁塔区", "n95-mask", 1),
                demand("critical-a", "CRITICAL", List.of(), T0.plusSeconds(600), "雁塔区", "n95-mask", 1));
        // three units for seven requests: only the first three in queue order get one
        List<Decision> decisions =
                AllocationPolicy.allocate(demands, UNITS, List.of(lot("A", "雁塔区", "L1", null, 3)), TODAY);
        assertEquals(
                List.of(
                        "critical-a",
                        "critical-b",
                        "high-two-flags",
                        "high-one-flag",
                        "high-early",
                        "high-late",
                        "normal-early"),
                decisions.stream().map(d -> d.demand().requestId()).toList());
        assertEquals(
                List.of(1, 1, 1, 0, 0, 0, 0),
                decisions.stream().map(AllocationPolicyTest::taken).toList());
        assertTrue(
                decisions
                        .get(2)
                        .explanation()
                        .get(0)
                        .startsWith(
                                "queue: HIGH, vulnerable (DISABLED, ELDERLY_LIVING_ALONE), submitted 2021-12-24T08:05Z → 3rd of 7 waiting"),
                decisions.get(2).explanation().get(0));
    }

    @Test
    void theExplanationIsGivenInChineseTooLineForLine() {
        var d = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of("ELDERLY"), T0, "雁塔区", "n95-mask", 80)),
                        UNITS,
                        List.of(lot("near", "雁塔区", "L1", null, 50), lot("far", "碑林区", "L2", null, 100)),
                        TODAY)
                .get(0);
        assertEquals(d.explanation().size(), d.explanationZh().size());
        assertTrue(
                d.explanationZh().get(0).startsWith("排队：HIGH，弱势群体（ELDERLY），提交于 "),
                d.explanationZh().get(0));
        assertTrue(
                d.explanationZh().get(0).endsWith("→ 第 1 位，共 1 个在等待"),
                d.explanationZh().get(0));
        assertTrue(
                d.explanationZh().get(1).contains("需 80，已预留 80，来自 far仓库（位于 碑林区，求助在 雁塔区，能否满足整行：能）"),
                d.explanationZh().get(1));
        var none = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 80)), UNITS, List.of(), TODAY)
                .get(0);
        assertEquals("n95-mask：需 80，预留 0：无库存", none.explanationZh().get(1));
    }

    @Test
    void aWarehouseThatCanServeTheWholeLineBeatsTheSameDistrict() {
        var d = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 80)),
                        UNITS,
                        List.of(lot("near", "雁塔区", "L1", null, 50), lot("far", "碑林区", "L2", null, 100)),
                        TODAY)
                .get(0);
        assertEquals(1, d.picks().size());
        assertEquals("far", d.picks().get(0).warehouseId());
        assertEquals(80, taken(d));
        assertTrue(
                d.explanation()
                        .get(1)
                        .contains(
                                "80 of 80 from far仓库 (district 碑林区, request in 雁塔区, could serve the whole line: yes)"),
                d.explanation().get(1));
    }

    @Test
    void amongWarehousesThatCanServeTheWholeLineTheSameDistrictThenTheMostAvailableWins() {
        var sameDistrict = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 100)),
                        UNITS,
                        List.of(lot("big", "碑林区", "L1", null, 500), lot("near", "雁塔区", "L2", null, 100)),
                        TODAY)
                .get(0);
        assertEquals("near", sameDistrict.picks().get(0).warehouseId());
        assertTrue(
                sameDistrict.explanation().get(1).contains("same district 雁塔区"),
                sameDistrict.explanation().get(1));

        var mostAvailable = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 100)),
                        UNITS,
                        List.of(lot("smaller", "碑林区", "L1", null, 200), lot("bigger", "新城区", "L2", null, 300)),
                        TODAY)
                .get(0);
        assertEquals("bigger", mostAvailable.picks().get(0).warehouseId());
    }

    @Test
    void whenNoWarehouseCanServeTheWholeLineSeveralAreUsedSameDistrictFirst() {
        var d = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 70)),
                        UNITS,
                        List.of(lot("far", "碑林区", "L1", null, 50), lot("near", "雁塔区", "L2", null, 30)),
                        TODAY)
                .get(0);
        assertEquals(
                List.of("near", "far"),
                d.picks().stream().map(Allocation::warehouseId).toList());
        assertEquals(
                List.of(30, 40),
                d.picks().stream().map(a -> a.quantity().intValueExact()).toList());
    }

    @Test
    void lotsAreTakenEarliestExpiryFirstAndLotsWithoutExpiryLast() {
        var d = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 250)),
                        UNITS,
                        List.of(
                                lot("A", "雁塔区", "no-expiry", null, 100),
                                lot("A", "雁塔区", "may", LocalDate.of(2022, 5, 1), 100),
                                lot("A", "雁塔区", "march", LocalDate.of(2022, 3, 1), 100)),
                        TODAY)
                .get(0);
        assertEquals(
                List.of("march", "may", "no-expiry"),
                d.picks().stream().map(Allocation::lotId).toList());
        assertEquals(
                List.of(100, 100, 50),
                d.picks().stream().map(a -> a.quantity().intValueExact()).toList());
        assertTrue(
                d.explanation().get(1).contains("lot march expires 2022-03-01: 100"),
                d.explanation().get(1));
    }

    @Test
    void expiredLotsAreNeverReservedButALotOnItsExpiryDayIs() {
        var d = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 50)),
                        UNITS,
                        List.of(
                                lot("A", "雁塔区", "yesterday", TODAY.minusDays(1), 100),
                                lot("A", "雁塔区", "today", TODAY, 10)),
                        TODAY)
                .get(0);
        assertEquals(List.of("today"), d.picks().stream().map(Allocation::lotId).toList());
        assertEquals(10, taken(d));
        assertTrue(
                d.explanation().get(1).contains("40 still missing")
                        && d.explanation().get(1).contains("1 expired lot not used"),
                d.explanation().get(1));

        var none = AllocationPolicy.allocate(
                        List.of(demand("r", "HIGH", List.of(), T0, "雁塔区", "n95-mask", 50)),
                        UNITS,
                        List.of(lot("A", "雁塔区", "old", TODAY.minusDays(3), 100)),
                        TODAY)
                .get(0);
        assertTrue(none.picks().isEmpty());
        assertEquals(
                "n95-mask: 0 of 50: no stock (1 expired lot not used)",
                none.explanation().get(1));
    }

    @Test
    void shortStockIsSharedInQueueOrderAndTheRestWaits() {
        List<Decision> ds = AllocationPolicy.allocate(
                List.of(
                        demand("second", "NORMAL", List.of(), T0, "雁塔区", "n95-mask", 600),
                        demand("first", "CRITICAL", List.of(), T0.plusSeconds(60), "雁塔区", "n95-mask", 400)),
                UNITS,
                List.of(lot("A", "雁塔区", "L1", null, 500)),
                TODAY);
        assertEquals("first", ds.get(0).demand().requestId());
        assertEquals(400, taken(ds.get(0)));
        assertEquals(100, taken(ds.get(1)));
        assertTrue(
                ds.get(1).explanation().get(1).startsWith("n95-mask: 100 of 600 from A仓库"),
                ds.get(1).explanation().get(1));
        assertTrue(ds.get(1).explanation().get(1).contains("500 still missing, waits for stock"));
    }

    @Test
    void unknownItemsAndOtherUnitsAreSkippedWithAReason() {
        Demand d = new Demand(
                "r",
                "HIGH",
                List.of(),
                T0,
                "雁塔区",
                List.of(
                        new DemandLine(0, "vegetables", "bag", BigDecimal.TEN),
                        new DemandLine(1, "n95-mask", "box", BigDecimal.TEN),
                        new DemandLine(2, "protective-suit", "piece", BigDecimal.TEN)));
        var decision = AllocationPolicy.allocate(List.of(d), UNITS, List.of(lot("A", "雁塔区", "L1", null, 100)), TODAY)
                .get(0);
        assertTrue(decision.picks().isEmpty());
        assertEquals(
                List.of(
                        "vegetables: not in the catalogue, nothing reserved",
                        "n95-mask: requested in box but the catalogue counts piece, nothing reserved",
                        "protective-suit: 0 of 10: no stock"),
                decision.explanation().subList(1, 4));
    }

    @Test
    void noLotIsEverGivenOutBeyondWhatIsAvailable() {
        List<Demand> demands = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            demands.add(demand(
                    "r" + i,
                    i % 3 == 0 ? "CRITICAL" : "NORMAL",
                    List.of(),
                    T0.plusSeconds(i),
                    i % 2 == 0 ? "雁塔区" : "碑林区",
                    "n95-mask",
                    7 + i % 5));
        }
        List<StockLot> stock = List.of(
                lot("A", "雁塔区", "L1", null, 100),
                lot("A", "雁塔区", "L2", TODAY.plusDays(9), 33),
                lot("B", "碑林区", "L3", null, 80));
        var ds = AllocationPolicy.allocate(demands, UNITS, stock, TODAY);
        for (StockLot l : stock) {
            int given = ds.stream()
                    .flatMap(d -> d.picks().stream())
                    .filter(a -> a.lotId().equals(l.lotId()))
                    .mapToInt(a -> a.quantity().intValueExact())
                    .sum();
            assertEquals(
                    l.available().intValueExact(), given, "short stock is used up exactly, never beyond: " + l.lotId());
        }
        for (Decision d : ds) {
            assertTrue(taken(d) <= d.demand().lines().get(0).outstanding().intValueExact());
        }
    }
}
