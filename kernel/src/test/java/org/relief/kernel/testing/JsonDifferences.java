package org.relief.kernel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.TreeSet;

/**
 * Where two JSON documents differ, as JSON pointers with both values: a readable failure for a document check. Object
 * members and array elements may come in another order (a generator's order is not part of the document's meaning).
 */
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
            if (sameElements(expected, actual)) {
                return; // the same elements in another order (tags, parameters, required): the generator's order
            }
            for (int i = 0; i < expected.size(); i++) {
                between(at + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else {
            out.add(at + ": kept " + abbreviated(expected) + ", served " + abbreviated(actual));
        }
    }

    private static boolean sameElements(JsonNode expected, JsonNode actual) {
        List<String> e = new java.util.ArrayList<>();
        List<String> a = new java.util.ArrayList<>();
        expected.forEach(n -> e.add(canonical(n)));
        actual.forEach(n -> a.add(canonical(n)));
        java.util.Collections.sort(e);
        java.util.Collections.sort(a);
        return e.equals(a);
    }

    /** The node as text with object fields sorted, so that equal objects read the same. */
    private static String canonical(JsonNode n) {
        if (n.isObject()) {
            java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
            n.fields().forEachRemaining(f -> fields.put(f.getKey(), canonical(f.getValue())));
            return fields.toString();
        }
        if (n.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            n.forEach(i -> items.add(canonical(i)));
            return items.toString();
        }
        return n.toString();
    }

    private static String abbreviated(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
