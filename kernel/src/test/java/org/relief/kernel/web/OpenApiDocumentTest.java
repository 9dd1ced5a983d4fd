package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    @Test
    void generatedIdsReadAsClientMethods() {
        assertEquals("tripAssignment", OpenApiDocument.operationId("TripResource_assignment"));
        assertEquals("helpRequestGet", OpenApiDocument.operationId("HelpRequestResource_get"));
        assertEquals("parkedEventsReplay", OpenApiDocument.operationId("ParkedEventsResource_replay"));
        assertEquals("customId", OpenApiDocument.operationId("customId"));
        assertEquals(null, OpenApiDocument.operationId(null));
    }
}
