package org.relief.kernel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Random request bodies and headers for a write operation, drawn from its OpenAPI schema with a seeded
 * {@link Random}, so that a failing case is replayed by running again with the seed it printed
 * ({@code -Dbadinput.seed=...}). Values are the schema's own kinds mixed with what careless and hostile clients send:
 * extreme and unstorable numbers, dates at the ends of time, text with NUL, lone surrogates, control and direction
 * characters, CJK and emoji, wrong types, oversized arrays, unknown properties. Bodies are written as JSON text by
 * hand, because a JSON library would refuse to write some of them (a lone surrogate, {@code NaN}, {@code 1e-400}).
 * <p>
 * Every body has one required property set to {@code null} when the schema has any: it is refused however the rest
 * came out, so the run stores nothing while every other generated field still goes through parsing and validation.
 */
final class BadInputGenerator {
    private static final List<String> STRINGS = List.of(
            "",
            " ",
            "雁塔区",
            "n95-mask",
            "我们社区缺少防护服",
            "🚑🧑‍🦽",
            "\\u0000",
            "a\\u0000b",
            "\\ud800",
            "x\\udfffy",
            "\\u202e\\u200b",
            "\\u0007\\u001b[31m",
            "'; DROP TABLE event_store; --",
            "<script>alert(1)</script>",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2026-02-30T08:00:00Z",
            "2026-12-01T08:00:00+14:00",
            "2026-12-01",
            "12:00",
            "P1D",
            "12",
            "true",
            "null",
            "NORMAL",
            "CRITICAL",
            "RIDE",
            "SUPPLIES",
            "kg",
            "box",
            "../../etc/passwd",
            "%00",
            "\\\"quoted\\\"");
    private static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "-1",
            "1",
            "2.5",
            "0.1",
            "1e308",
            "-1e308",
            "1e-400",
            "1E+400",
            "123456789012345678901234567890",
            "1.0000001",
            "0.0000001",
            "999999999999",
            "1000000000.000001",
            "NaN",
            "-Infinity",
            "01",
            "1.",
            ".5",
            "0x10",
            "\"7\"");

    private final Random random;
    private final JsonNode api;

    BadInputGenerator(long seed, JsonNode api) {
        this.random = new Random(seed);
        this.api = api;
    }

    /** One body for a request schema, as JSON text. */
    String body(JsonNode schema) {
        JsonNode s = resolve(schema);
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        String nulled = required.isEmpty() ? null : required.get(random.nextInt(required.size()));
        return object(s, 0, nulled);
    }

    /** Headers a careless or hostile client may send beside the body (none most of the time). */
    Map<String, String> headers() {
        return switch (random.nextInt(8)) {
            case 0 -> Map.of(
                    "Accept-Language",
                    pick(List.of("zh;q=abc", "*;q=2", "zh-Hans-CN-x-" + "a".repeat(300), ",,,", "zh-CN")));
            case 1 -> Map.of("Idempotency-Key", pick(List.of(" ", "k".repeat(101), "密钥-" + random.nextInt(), "a\tb")));
            case 2 -> Map.of("X-Request-Id", pick(List.of("", "r".repeat(500), "请求-1")));
            default -> Map.of();
        };
    }

    /** True when bodies drawn for this schema are always refused (it has a required property to null). */
    boolean alwaysRefused(JsonNode schema) {
        return resolve(schema).path("required").size() > 0;
    }

    private String value(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (random.nextInt(8) == 0) {
            return anything(depth); // the wrong type, or no type at all
        }
        if (s.has("enum") && random.nextBoolean()) {
            JsonNode e = s.get("enum");
            return quote(e.get(random.nextInt(e.size())).asText());
        }
        return switch (s.path("type").asText("")) {
            case "string" -> random.nextInt(30) == 0 ? quote("长".repeat(70_000)) : quote(pick(STRINGS));
            case "integer", "number" -> pick(NUMBERS);
            case "boolean" -> pick(List.of("true", "false", "\"true\"", "1", "null"));
            case "array" -> array(s, depth);
            case "object" -> object(s, depth, null);
            default -> anything(depth);
        };
    }

    private String array(JsonNode s, int depth) {
        int n = random.nextInt(20) == 0 ? 101 + random.nextInt(50) : random.nextInt(4);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(depth > 3 ? "{}" : value(s.path("items"), depth + 1));
        }
        return "[" + String.join(",", items) + "]";
    }

    private String object(JsonNode s, int depth, String nulled) {
        List<String> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> props = s.path("properties").fields(); props.hasNext(); ) {
            Map.Entry<String, JsonNode> p = props.next();
            if (p.getKey().equals(nulled)) {
                fields.add(quote(p.getKey()) + ":null");
            } else if (random.nextInt(10) < 7) {
                fields.add(quote(p.getKey()) + ":" + (depth > 3 ? "null" : value(p.getValue(), depth + 1)));
            }
        }
        if (random.nextInt(10) == 0) {
            fields.add(quote(pick(List.of("unknown", "__proto__", "organisationId", "actor", "状态"))) + ":"
                    + anything(depth + 1));
        }
        java.util.Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    private String anything(int depth) {
        Function<Integer, String> nested = d -> d > 3 ? "{}" : "{\"a\":" + anything(d + 1) + "}";
        return switch (random.nextInt(6)) {
            case 0 -> pick(NUMBERS);
            case 1 -> quote(pick(STRINGS));
            case 2 -> pick(List.of("true", "false", "null"));
            case 3 -> "[" + pick(NUMBERS) + "," + quote(pick(STRINGS)) + "]";
            case 4 -> nested.apply(depth);
            default -> "{}";
        };
    }

    private JsonNode resolve(JsonNode schema) {
        return BadInputContract.resolve(api, schema);
    }

    /** Text already escaped for JSON (STRINGS hold escapes such as \\u0000 on purpose): only quotes added. */
    private static String quote(String escaped) {
        return "\"" + escaped + "\"";
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
