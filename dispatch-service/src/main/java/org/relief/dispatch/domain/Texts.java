package org.relief.dispatch.domain;

import org.relief.kernel.text.Text;
import org.relief.kernel.text.TextBundle;

/** The service's user-facing rule texts in English and Chinese, from {@code messages/dispatch[_zh].properties}. */
public final class Texts {
    static final TextBundle BUNDLE = TextBundle.of("messages/dispatch", Texts.class);

    private Texts() {}

    public static Text of(String key, Object... args) {
        return BUNDLE.text(key, args);
    }
}
