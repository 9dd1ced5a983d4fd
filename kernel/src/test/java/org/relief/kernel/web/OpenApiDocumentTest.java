package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemResponsesTest {
    @Test
    void generatedIdsReadAsClientMethods() {
        assertEquals("tripAssignment", ProblemResponses.operationId("TripResource_assignment"));
        assertEquals("helpRequestGet", ProblemResponses.operationId("HelpRequestResource_get"));
        assertEquals("parkedEventsReplay", ProblemResponses.operationId("ParkedEventsResource_replay"));
        assertEquals("customId", ProblemResponses.operationId("customId"));
        assertEquals(null, ProblemResponses.operationId(null));
    }
}
