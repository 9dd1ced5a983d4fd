package org.relief.volunteer.domain;

import org.relief.kernel.text.Text;
import org.relief.kernel.text.TextBundle;

/** The service's user-facing texts in English and Chinese: messages/volunteer[_zh].properties, not the code. */
public final class Texts {
    static final TextBundle BUNDLE = TextBundle.of("messages/volunteer", Texts.class);

    private Texts() {}

    /** The text {@code key} with {@code args}, put in the caller's language at the edge. */
    public static Text of(String key, Object... args) {
        return BUNDLE.text(key, args);
    }
}
