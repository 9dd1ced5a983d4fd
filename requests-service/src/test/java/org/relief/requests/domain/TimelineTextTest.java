package org.relief.requests.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.requests.domain.HelpRequestEvent.AllocationOutcome;
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

class TimelineTextTest {
    private static final List<ReservedQuantity> MASKS =
            List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("80")));

    @Test
    void anAllocationIsExplainedInEachLanguageFromInventorysOwnLines() {
        var allocated = new HelpRequestEvent.StockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                MASKS,
                List.of("queue: HIGH", "n95-mask: 80 of 80 from far"),
                null,
                Instant.EPOCH,
                List.of("排队：HIGH", "n95-mask：需 80，已预留 80"));
        var text = TimelineText.explain(allocated);
        assertEquals(
                "Stock RESERVED: reserved so far n95-mask 80 — queue: HIGH; n95-mask: 80 of 80 from far", text.en());
        assertEquals("库存分配结果 RESERVED：已预留 n95-mask 80 —— 排队：HIGH；n95-mask：需 80，已预留 80", text.zh());
    }

    @Test
    void anAllocationStoredBeforeInventoryExplainedInChineseKeepsTheEnglishReasons() {
        var allocated = new HelpRequestEvent.StockAllocated(
                "res-1", AllocationOutcome.RESERVED, MASKS, List.of("queue: HIGH"), null, Instant.EPOCH);
        assertEquals(
                "库存分配结果 RESERVED：已预留 n95-mask 80 — queue: HIGH",
                TimelineText.explain(allocated).zh());
    }
}
