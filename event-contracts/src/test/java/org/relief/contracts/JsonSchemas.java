package org.relief.contracts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON Schema (draft-07) of a contract record as the platform's Jackson writes it: every component is a property
 * and is always written (null included), so all are required and those of a reference type may be null; instants and
 * dates are ISO-8601 strings; nested records are {@code definitions}. Unknown properties are allowed, as consumers
 * must tolerate fields a later minor change adds.
 */
final class JsonSchemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonSchemas() {}

    static ObjectNode of(Class<?> record, String id, String title) {
        Map<String, ObjectNode> definitions = new TreeMap<>();
        ObjectNode schema = F.objectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("$id", id);
        schema.put("title", title);
        schema.setAll(object(record, definitions));
        if (!definitions.isEmpty()) {
            ObjectNode defs = schema.putObject("definitions");
            definitions.forEach(defs::set);
        }
        return schema;
    }

    private static ObjectNode object(Class<?> record, Map<String, ObjectNode> definitions) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record: contracts are records");
        }
        ObjectNode o = F.objectNode();
        o.put("type", "object");
        ObjectNode properties = o.putObject("properties");
        ArrayNode required = o.putArray("required");
        for (RecordComponent c : record.getRecordComponents()) {
            properties.set(
                    c.getName(),
                    type(c.getGenericType(), definitions, !c.getType().isPrimitive()));
            required.add(c.getName());
        }
        return o;
    }

    private static ObjectNode type(Type type, Map<String, ObjectNode> definitions, boolean nullable) {
        ObjectNode t = F.objectNode();
        if (type instanceof ParameterizedType p && Collection.class.isAssignableFrom((Class<?>) p.getRawType())) {
            simple(t, "array", nullable);
            t.set("items", type(p.getActualTypeArguments()[0], definitions, false));
            return t;
        }
        if (type instanceof ParameterizedType p && Map.class.isAssignableFrom((Class<?>) p.getRawType())) {
            simple(t, "object", nullable);
            t.set("additionalProperties", type(p.getActualTypeArguments()[1], definitions, false));
            return t;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            simple(t, "string", nullable);
        } else if (c == Instant.class) {
            simple(t, "string", nullable).put("format", "date-time");
        } else if (c == LocalDate.class) {
            simple(t, "string", nullable).put("format", "date");
        } else if (c == UUID.class) {
            simple(t, "string", nullable).put("format", "uuid");
        } else if (c == BigDecimal.class || c == double.class || c == Double.class) {
            simple(t, "number", nullable);
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            simple(t, "integer", nullable);
        } else if (c == boolean.class || c == Boolean.class) {
            simple(t, "boolean", nullable);
        } else if (c.isEnum()) {
            simple(t, "string", nullable);
            ArrayNode values = t.putArray("enum");
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
        } else if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!definitions.containsKey(name)) {
                definitions.put(name, F.objectNode()); // a placeholder against recursion
                definitions.put(name, object(c, definitions));
            }
            ObjectNode ref = F.objectNode().put("$ref", "#/definitions/" + name);
            if (!nullable) {
                return ref;
            }
            t.putArray("oneOf").add(ref).add(F.objectNode().put("type", "null"));
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + c.getName() + ": add one here");
        }
        return t;
    }

    private static ObjectNode simple(ObjectNode t, String type, boolean nullable) {
        if (nullable) {
            t.putArray("type").add(type).add("null");
        } else {
            t.put("type", type);
        }
        return t;
    }
}
