package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {
    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aBodyThatDoesNotFitIsTheClientsMistake() throws Exception {
        JsonMappingException e = null;
        try {
            new ObjectMapper().readValue("{\"n\":\"x\"}", Body.class);
        } catch (JsonMappingException m) {
            e = m;
        }
        assertEquals(400, mappers.malformedJson(e, null, null).getStatus());
    }

    @Test
    void writingAnAnswerWhileTheDatabaseIsAwayIsAnOutageNotABadBody() {
        // opening a sealed field needs its key from the database; Jackson reports the failure as a mapping exception
        // at the field it was writing ("address"), which used to be answered 400 malformed-json
        var e = new JsonMappingException(
                null,
                "opening failed",
                new IllegalStateException(
                        new SQLException("An I/O error occurred while sending to the backend", "08006")));
        e.prependPath(new Object(), "address");
        var r = mappers.malformedJson(e, null, null);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
    }

    @Test
    void anyOtherFailureWhileWritingIsTheServersOwn() throws Exception {
        var generator = new ObjectMapper().createGenerator(new java.io.StringWriter());
        var e = JsonMappingException.from(generator, "cannot write");
        assertEquals(500, mappers.malformedJson(e, null, null).getStatus());
    }

    record Body(int n) {}
}
