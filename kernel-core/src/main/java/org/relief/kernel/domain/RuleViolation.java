package org.relief.kernel.domain;

/**
 * An aggregate refused a command: either the command itself breaks a rule (400 to a REST client) or it does not
 * fit the aggregate's current state (409). Messages in English and Chinese, since they reach partners as they are.
 */
public class RuleViolation extends RuntimeException {
    private final boolean conflict;
    private final String messageZh;

    private RuleViolation(String message, String messageZh, boolean conflict) {
        super(message);
        this.messageZh = messageZh;
        this.conflict = conflict;
    }

    /** The command is wrong whatever the state (e.g. a date in the past). */
    public static RuleViolation invalid(String message, String messageZh) {
        return new RuleViolation(message, messageZh, false);
    }

    /** The command does not fit the current state (e.g. cancelling a fulfilled request). */
    public static RuleViolation conflict(String message, String messageZh) {
        return new RuleViolation(message, messageZh, true);
    }

    public boolean isConflict() {
        return conflict;
    }

    public String message(boolean chinese) {
        return chinese && messageZh != null ? messageZh : getMessage();
    }
}
