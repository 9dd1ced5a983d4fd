package org.relief.kernel.domain;

import org.relief.kernel.text.Text;

/**
 * A command broken against a business rule. Its text comes from the service's {@link org.relief.kernel.text.TextBundle},
 * so the edge answers in the caller's language; the exception's message is the English text.
 */
public class RuleViolation extends RuntimeException {
    private final boolean conflict;
    private final Text text;

    private RuleViolation(Text text, boolean conflict) {
        super(text.in(false));
        this.text = text;
        this.conflict = conflict;
    }

    /** The command is wrong whatever the state (e.g. a date in the past). */
    public static RuleViolation invalid(Text text) {
        return new RuleViolation(text, false);
    }

    /** The command does not fit the current state (e.g. cancelling a fulfilled request). */
    public static RuleViolation conflict(Text text) {
        return new RuleViolation(text, true);
    }

    public boolean isConflict() {
        return conflict;
    }

    public String message(boolean chinese) {
        return text.in(chinese);
    }
}
