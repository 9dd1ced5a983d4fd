package org.relief.kernel.envelope;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON settings events are written and read with, in and out of Quarkus. */
public final class Json {
    private Json() {}

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // consumers tolerate fields added by newer publishers
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // quantities stay as written: 200, never 2E+2 (same as runtime.JsonConfig inside Quarkus)
                .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }
}
