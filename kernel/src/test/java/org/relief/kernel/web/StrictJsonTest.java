package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.Json;

/** Issue 11: a body is read exactly as it will be stored and read back, and what is wrong is said in plain words. */
class StrictJsonTest {
    public enum Priority {
        NORMAL,
        CRITICAL
    }

    public record Line(String item, BigDecimal quantity) {}

    public record Body(String community, Priority priority, List<Line> lines, Boolean wheelchair, Instant neededBy) {}

    private final ObjectMapper strict = StrictJson.apply(Json.newMapper());

    private String refusal(String body, boolean zh) {
        JsonProcessingException e =
                assertThrows(JsonProcessingException.class, () -> strict.readValue(body, Body.class));
        String text = JsonErrors.explain(e, zh);
        for (String java : List.of("java.", "com.fasterxml", "Jackson", "`", "JsonReadFeature", "Body", "BigDecimal")) {
            assertFalse(text.contains(java), "names Java: " + text);
        }
        return text;
    }

    @Test
    void aBodyThatCouldMeanTwoThingsIsRefused() {
        assertEquals(
                "the key \"priority\" appears twice (line 1, column 32)",
                refusal("{\"priority\":\"NORMAL\",\"priority\":\"CRITICAL\"}", false));
        assertTrue(refusal("{\"community\":\"雁塔\"} {\"community\":\"碑林\"}", false)
                .startsWith("there is more text after the JSON"));
        String early = refusal("{\"community\":\"雁塔\"", true);
        assertTrue(early.startsWith("JSON 文档不完整"), early);
    }

    @Test
    void numbersAndFlagsMustBeNumbersAndFlags() {
        assertEquals("expected a number", refusal("{\"lines\":[{\"item\":\"rice\",\"quantity\":\"12\"}]}", false));
        assertEquals("expected true or false", refusal("{\"wheelchair\":\"true\"}", false));
        assertEquals("expected text", refusal("{\"community\":{\"x\":1}}", false));
        assertEquals("expected a list", refusal("{\"lines\":\"rice\"}", false));
        assertEquals("must be one of NORMAL, CRITICAL", refusal("{\"priority\":\"URGENT\"}", false));
        assertTrue(refusal("{\"neededBy\":\"tomorrow\"}", false).startsWith("expected an ISO-8601 time"));
        assertEquals(
                "a time between the years 2000 and 2999",
                refusal("{\"neededBy\":\"+999999999-12-31T00:00:00Z\"}", false));
        assertEquals(
                "a time between the years 2000 and 2999", refusal("{\"neededBy\":\"0001-01-01T00:00:00Z\"}", false));
    }

    @Test
    void decimalsAreBoundedSoThatWhatIsStoredCanBeReadBack() throws Exception {
        assertEquals("at most 6 decimal places", refusal("{\"lines\":[{\"quantity\":1e-400}]}", false));
        assertEquals("at most 6 decimal places", refusal("{\"lines\":[{\"quantity\":1.00000000000000000001}]}", false));
        assertEquals("最多 6 位小数", refusal("{\"lines\":[{\"quantity\":0.0000001}]}", true));
        assertTrue(refusal("{\"lines\":[{\"quantity\":1e400}]}", false).startsWith("too large"));
        Body ok = strict.readValue("{\"lines\":[{\"item\":\"rice\",\"quantity\":1000.500}]}", Body.class);
        assertEquals(new BigDecimal("1000.500"), ok.lines().get(0).quantity(), "trailing zeros are fine: kept as sent");
    }

    @Test
    void textWithoutNulOrLoneSurrogatesAndChineseRoundTrips() throws Exception {
        assertTrue(refusal("{\"community\":\"雁塔\\u0000\"}", false).contains("NUL"));
        assertTrue(refusal("{\"community\":\"\\ud800\"}", false).contains("lone UTF-16 surrogate"));
        assertEquals(
                "雁塔区 😷",
                strict.readValue("{\"community\":\"雁塔区 \\ud83d\\ude37\"}", Body.class)
                        .community());
    }
}
