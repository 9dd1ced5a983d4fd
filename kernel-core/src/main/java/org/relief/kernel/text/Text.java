package org.relief.kernel.text;

import java.util.Arrays;

/**
 * One user-facing text not yet put in a language: a key of a {@link TextBundle} and its arguments. A rule broken deep
 * in the domain carries one up to the edge, which answers in the caller's language.
 */
public final class Text {
    private final TextBundle bundle;
    private final String key;
    private final Object[] args;

    Text(TextBundle bundle, String key, Object[] args) {
        this.bundle = bundle;
        this.key = key;
        this.args = args;
    }

    /** In Chinese when {@code zh}, else in English. */
    public String in(boolean zh) {
        return bundle.format(zh, key, args);
    }

    /** English: what logs, parked events and exception messages show. */
    @Override
    public String toString() {
        return in(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && t.bundle == bundle && t.key.equals(key) && Arrays.equals(t.args, args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }
}
