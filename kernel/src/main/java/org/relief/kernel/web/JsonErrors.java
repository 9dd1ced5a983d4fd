package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What was wrong with a JSON body, said to a person: which key, what was expected, where in the text. Jackson's own
 * messages name Java classes and parser features ({@code java.math.BigDecimal}, {@code JsonReadFeature}), which tell
 * a partner's developer nothing they can fix.
 */
public final class JsonErrors {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private JsonErrors() {}

    /** What is expected of a value of the failing field, or of the document when there is no field. */
    public static String explain(JsonProcessingException e, boolean zh) {
        if (e instanceof StrictJson.Refused refused) {
            return zh ? refused.zh : refused.en;
        }
        String original = String.valueOf(e.getOriginalMessage());
        String where = where(e.getLocation(), zh);
        Matcher dup = DUPLICATE.matcher(original);
        if (dup.find()) {
            return zh
                    ? "键 \"" + dup.group(1) + "\" 出现了两次" + where
                    : "the key \"" + dup.group(1) + "\" appears twice" + where;
        }
        if (original.startsWith("Trailing token")) {
            return zh ? "JSON 文档之后还有多余的内容" + where : "there is more text after the JSON document" + where;
        }
        if (original.contains("end-of-input")) {
            return zh ? "JSON 文档不完整" + where : "the JSON document ends too early" + where;
        }
        if (e instanceof MismatchedInputException m
                && m.getTargetType() != null
                && !(e instanceof InvalidFormatException f
                        && f.getTargetType() != null
                        && f.getTargetType().isEnum())) {
            return expected(m.getTargetType(), zh);
        }
        if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            String values = Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return zh ? "只能是以下之一：" + values : "must be one of " + values;
        }
        if (e instanceof JsonMappingException) {
            return zh ? "请求体的结构不符合本操作" : "the body does not have the shape this operation takes";
        }
        return zh ? "不是合法的 JSON" + where : "not valid JSON" + where;
    }

    private static String expected(Class<?> type, boolean zh) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return zh ? "应为数字" : "expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return zh ? "应为 true 或 false" : "expected true or false";
        }
        if (type == String.class) {
            return zh ? "应为文本" : "expected text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return zh ? "应为列表" : "expected a list";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return zh
                    ? "应为 ISO-8601 时间，例如 2022-01-05T08:00:00Z"
                    : "expected an ISO-8601 time such as 2022-01-05T08:00:00Z";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return zh ? "应为对象" : "expected an object";
        }
        return zh ? "值的类型不对" : "a value of the wrong type";
    }

    private static String where(JsonLocation at, boolean zh) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return zh
                ? "（第 " + at.getLineNr() + " 行第 " + at.getColumnNr() + " 列）"
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
