package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.StoredHistory;

class TransportRequestTest {
    static final Instant NOW = Instant.parse("2021-12-24T08:00:00Z");

    static TransportRequest.Submission supplies(String priority) {
        return new TransportRequest.Submission(
                "r1", "yanta-community", TransportRequest.SUPPLIES, priority, "锦业路小区", "雁塔区", "锦业路1号", null, NOW);
    }

    static TransportRequest submitted(String priority) {
        TransportRequest r = TransportRequest.start("r1");
        r.submit(supplies(priority));
        return r;
    }

    @Test
    void aCorrectedPriorityIsWhatLaterPlanningUses() {
        TransportRequest r = submitted("NORMAL");
        assertTrue(r.correctPriority("CRITICAL", "电话核实：透析患者", NOW.plusSeconds(60)));
        assertEquals(Priority.CRITICAL, r.priority());
        TransportRequestEvent.PriorityCorrected pc = assertInstanceOf(
                TransportRequestEvent.PriorityCorrected.class, r.pendingEvents().get(1));
        assertEquals(Priority.NORMAL, pc.priorityBefore());
        assertEquals(Priority.CRITICAL, pc.priority());
        assertEquals("电话核实：透析患者", pc.reason());
        assertEquals(NOW.plusSeconds(60), pc.correctedAt());

        assertFalse(r.correctPriority("critical", "a copy", NOW.plusSeconds(61)), "the priority it has: not news");
        assertFalse(r.correctPriority("NORMAL", "an older correction, late", NOW.plusSeconds(30)));
        assertEquals(Priority.CRITICAL, r.priority());
        assertTrue(r.correctPriority("HIGH", "再次核实", NOW.plusSeconds(120)));
        assertEquals(Priority.HIGH, r.priority());
        assertEquals(3, r.pendingEvents().size());
    }

    @Test
    void nothingToCorrectForARequestDispatchNeverSawOrThatWasCancelled() {
        TransportRequest unknown = TransportRequest.start("r9");
        assertFalse(unknown.correctPriority("CRITICAL", "x", NOW));
        assertTrue(unknown.pendingEvents().isEmpty());
        // an allocation can come before the request (another topic): still no priority to correct
        unknown.noteAllocation("res", List.of(), null, NOW);
        assertFalse(unknown.correctPriority("CRITICAL", "x", NOW));

        TransportRequest cancelled = submitted("NORMAL");
        cancelled.cancel("不再需要", NOW);
        assertFalse(cancelled.correctPriority("CRITICAL", "x", NOW.plusSeconds(1)));
        assertEquals(Priority.NORMAL, cancelled.priority());
    }

    @Test
    void anUnknownPriorityIsRefusedNotReadAsNormal() {
        TransportRequest r = submitted("CRITICAL");
        RuleViolation v = assertThrows(RuleViolation.class, () -> r.correctPriority("URGENT", "x", NOW));
        assertFalse(v.isConflict());
        assertThrows(RuleViolation.class, () -> r.correctPriority(null, "x", NOW));
        assertEquals(Priority.CRITICAL, r.priority());
        assertEquals(Priority.NORMAL, Priority.of("URGENT"), "submissions stay lenient");
    }

    @Test
    void storedRequestsReadAsBeforeAndFoldACorrection() {
        TransportRequest fresh = submitted("NORMAL");
        Map.Entry<String, String> submittedRow = StoredHistory.stored(
                TransportRequestEvent.class, fresh.pendingEvents().get(0));
        TransportRequest old = StoredHistory.load(TransportRequestEvent.class, TransportRequest::new, submittedRow);
        assertEquals(Priority.NORMAL, old.priority());
        assertTrue(old.submitted());

        TransportRequest corrected = StoredHistory.load(
                TransportRequestEvent.class,
                TransportRequest::new,
                submittedRow,
                Map.entry(
                        "PriorityCorrected",
                        "{\"priorityBefore\":\"NORMAL\",\"priority\":\"HIGH\",\"reason\":\"核实\","
                                + "\"correctedAt\":\"2021-12-24T09:00:00Z\"}"));
        assertEquals(Priority.HIGH, corrected.priority());
        assertFalse(
                corrected.correctPriority("NORMAL", "older", Instant.parse("2021-12-24T08:30:00Z")),
                "the last correction's time survives a reload");
        assertTrue(corrected.correctPriority("CRITICAL", "newer", Instant.parse("2021-12-24T09:30:00Z")));
    }
}
