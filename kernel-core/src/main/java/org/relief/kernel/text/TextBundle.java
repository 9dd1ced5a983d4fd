package org.relief.kernel.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A bundle of user-facing texts in English and Chinese: {@code <name>.properties} (English, the root) and
 * {@code <name>_zh.properties}, UTF-8, on the class path of the class that owns it. Texts live here instead of inline
 * {@code en, zh} pairs in the code, so that a translator edits one file per language. Plain Java: domain code uses it.
 * <p>
 * Placeholders are {@link MessageFormat}'s {@code {0}}; numbers are inserted as given (no digit grouping), since they
 * are quantities, ids and limits a reader copies. An apostrophe is written {@code ''} in every pattern.
 */
public final class TextBundle {
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String name;
    private final ClassLoader loader;

    private TextBundle(String name, ClassLoader loader) {
        this.name = name;
        this.loader = loader;
    }

    /** The bundle {@code name} (a resource path without {@code .properties}) as seen by {@code owner}'s class loader. */
    public static TextBundle of(String name, Class<?> owner) {
        return new TextBundle(name, owner.getClassLoader());
    }

    /** The text {@code key} with {@code args}, to be put in either language later ({@link Text#in}). */
    public Text text(String key, Object... args) {
        pattern(key, false); // a missing key fails where the text is made, not where it is shown
        return new Text(this, key, args.clone());
    }

    /** The text {@code key} in Chinese when {@code zh}, else in English, with {@code args} filled in. */
    public String format(boolean zh, String key, Object... args) {
        String pattern = pattern(key, zh);
        // every pattern goes through MessageFormat, with or without arguments, so that '' is one apostrophe everywhere
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            // a number as given; a text (a noun, say) in the same language as the sentence around it
            plain[i] = a instanceof Number ? String.valueOf(a) : a instanceof Text t ? t.in(zh) : a;
        }
        return new MessageFormat(pattern, zh ? Locale.CHINESE : Locale.ROOT).format(plain);
    }

    private String pattern(String key, boolean zh) {
        try {
            return ResourceBundle.getBundle(name, zh ? Locale.CHINESE : Locale.ROOT, loader, NO_FALLBACK)
                    .getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text " + key + " in " + name + (zh ? "_zh" : ""), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
