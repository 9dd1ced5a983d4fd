package org.relief.kernel.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relief.kernel.text.Text;

/**
 * Optimistic concurrency over HTTP (RFC 9110 §8.8.3, §13.1.1): an aggregate's version is its entity tag ({@code "7"}),
 * a command may carry {@code If-Match} with the version its caller read, and a stale one is answered 412 instead of
 * silently overwriting what someone else did in between. Without If-Match the command runs as before.
 */
public final class EntityVersions {
    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private EntityVersions() {}

    /** The entity tag of {@code version}, quoted as HTTP writes it. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match header asks for: null when absent or {@code *} (any version will do); a 400 problem when
     * it is not one quoted version.
     */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = TAG.matcher(ifMatch);
        if (!m.matches()) {
            throw ProblemException.validation(Messages.of("problem.if-match"));
        }
        return Long.parseLong(m.group(1));
    }

    /** Throws 412 when {@code expected} is set and is not {@code actual}. */
    public static void check(Text what, String id, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw ProblemException.preconditionFailed(
                    Messages.of("problem.changed-since-read", what, id, expected, actual));
        }
    }
}
