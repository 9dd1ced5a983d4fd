package org.relief.kernel.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The chassis's user-facing texts (problem titles and details) in English and Chinese, from the bundle
 * {@code messages/kernel[_zh].properties} (UTF-8), instead of inline pairs in the code. Placeholders are
 * {@link MessageFormat}'s {@code {0}}; numbers are inserted as given (no grouping), since they are limits a client reads.
 */
public final class Messages {
    private static final String BUNDLE = "messages/kernel";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    /** The text of {@code key} in Chinese when {@code zh}, else in English, with {@code args} filled in. */
    public static String text(boolean zh, String key, Object... args) {
        Locale locale = zh ? Locale.CHINESE : Locale.ROOT;
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_FALLBACK)
                    .getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text " + key + " in " + BUNDLE, e);
        }
        if (args.length == 0) {
            return pattern;
        }
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = args[i] instanceof Number ? String.valueOf(args[i]) : args[i];
        }
        return new MessageFormat(pattern, locale).format(plain);
    }
}
