package org.relief.requests.domain;

import org.relief.kernel.text.Text;
import org.relief.kernel.text.TextBundle;

/** The service's rule and timeline texts in English and Chinese: messages/requests[_zh].properties, not the code. */
public final class Texts {
    static final TextBundle BUNDLE = TextBundle.of("messages/requests", Texts.class);

    private Texts() {}

    /** The text {@code key} with {@code args}, put in the caller's language at the edge. */
    public static Text of(String key, Object... args) {
        return BUNDLE.text(key, args);
    }
}
