package org.relief.kernel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.TreeSet;

/** Where two JSON documents differ, as JSON pointers with both values: a readable failure for a document check. */
final class JsonDifferences {
    static final int MAX = 20;

    private JsonDifferences() {}

    /** Adds to {@code out} (at most {@link #MAX}) every place where {@code expected} and {@code actual} differ. */
    static void between(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (out.size() >= MAX || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String where = at + "/" + name.replace("~", "~0").replace("/", "~1");
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null || a == null) {
                    if (out.size() < MAX) {
                        out.add(where + ": " + (e == null ? "only served" : "only kept"));
                    }
                } else {
                    between(where, e, a, out);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                between(at + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else {
            out.add(at + ": kept " + abbreviated(expected) + ", served " + abbreviated(actual));
        }
    }

    private static String abbreviated(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
