package org.relief.kernel.web;

import org.relief.kernel.text.Text;
import org.relief.kernel.text.TextBundle;

/**
 * The chassis's user-facing texts (problem titles and details) in English and Chinese, from the bundle
 * {@code messages/kernel[_zh].properties} (UTF-8), instead of inline pairs in the code.
 */
public final class Messages {
    static final TextBundle KERNEL = TextBundle.of("messages/kernel", Messages.class);

    private Messages() {}

    /** The text of {@code key} in Chinese when {@code zh}, else in English, with {@code args} filled in. */
    public static String text(boolean zh, String key, Object... args) {
        return KERNEL.format(zh, key, args);
    }

    /** The text of {@code key} with {@code args}, in a language chosen later (a rule broken in the chassis). */
    public static Text of(String key, Object... args) {
        return KERNEL.text(key, args);
    }
}
