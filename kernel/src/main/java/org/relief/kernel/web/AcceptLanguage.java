package org.relief.kernel.web;

import java.util.Locale;

/**
 * Which of our two languages a client prefers, read leniently from its {@code Accept-Language} header. JAX-RS's own
 * parser throws on a malformed header ({@code zh;q=abc}), and it runs while an error answer is being built, so a
 * careless client got a 500 (and a stack trace in the log) instead of its error in English. Here an entry that
 * cannot be read is ignored, and anything unreadable means English.
 */
public final class AcceptLanguage {
    private static final int MAX_LENGTH = 500;

    private AcceptLanguage() {}

    public static boolean prefersChinese(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        String value = header.length() > MAX_LENGTH ? header.substring(0, MAX_LENGTH) : header;
        String best = null;
        double bestQ = 0;
        for (String entry : value.split(",")) {
            String[] parts = entry.split(";");
            if (parts.length == 0) {
                continue;
            }
            String tag = parts[0].strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty() || !tag.matches("[a-z]{1,8}(-[a-z0-9]{1,8})*|\\*")) {
                continue;
            }
            double q = 1;
            boolean readable = true;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].strip();
                if (param.startsWith("q=") || param.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                        readable = q >= 0 && q <= 1;
                    } catch (NumberFormatException e) {
                        readable = false;
                    }
                }
            }
            if (readable && q > bestQ) {
                best = tag;
                bestQ = q;
            }
        }
        return best != null && (best.equals("zh") || best.startsWith("zh-"));
    }
}
