package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * What a body may be, read exactly: one JSON document (nothing after it), each key once (otherwise one body could
 * carry both NORMAL and CRITICAL, the last one winning), numbers as numbers and flags as flags (not "12" or "true"),
 * text without NUL or unpaired UTF-16 surrogates (PostgreSQL stores neither: a NUL fails the write, a lone surrogate
 * became "?"), and decimals that can be stored and read back as they were sent ({@link #MAX_SCALE} decimal places,
 * {@link #MAX_PRECISION} digits: 1e-400 used to be accepted and then failed every read of its request). Applied to
 * REST bodies by {@link RestJson}.
 */
public final class StrictJson {
    public static final int MAX_SCALE = 6;
    public static final int MAX_PRECISION = 18;

    private StrictJson() {}

    /** A value refused by these rules, with what to fix in English and Chinese. */
    public static final class Refused extends InvalidFormatException {
        final String en;
        final String zh;

        Refused(JsonParser p, String en, String zh, Object value, Class<?> type) {
            super(p, en, value, type);
            this.en = en;
            this.zh = zh;
        }
    }

    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("relief-strict-json");
        module.addDeserializer(String.class, new CleanText());
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        module.addDeserializer(
                java.time.Instant.class,
                new PlausibleTime<>(
                        java.time.Instant.class,
                        com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT,
                        t -> t.atOffset(java.time.ZoneOffset.UTC).getYear()));
        module.addDeserializer(
                java.time.LocalDate.class,
                new PlausibleTime<>(
                        java.time.LocalDate.class,
                        com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer.INSTANCE,
                        java.time.LocalDate::getYear));
        mapper.registerModule(module);
        return mapper;
    }

    /** Text without NUL and without unpaired surrogates. */
    static final class CleanText extends StdScalarDeserializer<String> {
        CleanText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                // numbers, flags, objects for a text field: the standard rules (which refuse objects and arrays)
                return com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance.deserialize(p, ctxt);
            }
            String s = p.getText();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u0000') {
                    throw new Refused(
                            p,
                            "text must not contain the NUL character (\\u0000)",
                            "文本不能包含 NUL 字符（\\u0000）",
                            "(text)",
                            String.class);
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new Refused(
                            p,
                            "text contains a lone UTF-16 surrogate (\\u" + Integer.toHexString(c)
                                    + "), which is not a character: send UTF-8 text",
                            "文本包含单独的 UTF-16 代理项（\\u" + Integer.toHexString(c) + "），不是有效字符：请发送 UTF-8 文本",
                            "(text)",
                            String.class);
                }
            }
            return s;
        }
    }

    /**
     * Times between the years {@link #MIN_YEAR} and {@link #MAX_YEAR}: PostgreSQL's timestamps end at 294276, so
     * {@code +999999999-12-31} used to pass validation and fail the write with a 500.
     */
    static final class PlausibleTime<T> extends StdScalarDeserializer<T> {
        private final com.fasterxml.jackson.databind.JsonDeserializer<T> standard;
        private final java.util.function.ToIntFunction<T> year;

        PlausibleTime(
                Class<T> type,
                com.fasterxml.jackson.databind.JsonDeserializer<T> standard,
                java.util.function.ToIntFunction<T> year) {
            super(type);
            this.standard = standard;
            this.year = year;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = standard.deserialize(p, ctxt);
            if (value != null) {
                int y = year.applyAsInt(value);
                if (y < MIN_YEAR || y > MAX_YEAR) {
                    throw new Refused(
                            p,
                            "a time between the years " + MIN_YEAR + " and " + MAX_YEAR,
                            "时间须在 " + MIN_YEAR + " 年到 " + MAX_YEAR + " 年之间",
                            p.getText(),
                            handledType());
                }
            }
            return value;
        }
    }

    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2999;

    /** Decimals within what is stored and read back exactly. */
    static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {
        BoundedDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isNumeric()) {
                return com.fasterxml.jackson.databind.deser.std.NumberDeserializers.BigDecimalDeserializer.instance
                        .deserialize(p, ctxt);
            }
            String text = p.getText();
            if (text.length() > 64) {
                throw new Refused(
                        p,
                        "number too long: at most " + MAX_PRECISION + " digits",
                        "数字过长：最多 " + MAX_PRECISION + " 位",
                        text,
                        BigDecimal.class);
            }
            BigDecimal value = new BigDecimal(text);
            BigDecimal plain = value.stripTrailingZeros();
            if (plain.scale() > MAX_SCALE) {
                throw new Refused(
                        p,
                        "at most " + MAX_SCALE + " decimal places",
                        "最多 " + MAX_SCALE + " 位小数",
                        text,
                        BigDecimal.class);
            }
            if (plain.precision() - plain.scale() > MAX_PRECISION - MAX_SCALE) {
                throw new Refused(
                        p,
                        "too large: at most " + (MAX_PRECISION - MAX_SCALE) + " digits before the decimal point",
                        "数值过大：整数部分最多 " + (MAX_PRECISION - MAX_SCALE) + " 位",
                        text,
                        BigDecimal.class);
            }
            return value;
        }
    }
}
