package org.relief.kernel.personaldata;

/**
 * Turns a personal field (a name, a phone, an address, free text written about a person) into the sealed form that is
 * stored and published instead of it. A domain gets one of these from its service and never sees keys.
 */
@FunctionalInterface
public interface Sealer {
    /** The sealed form of {@code text} under the data subject's key; null and blank text stay as they are. */
    String seal(String subjectId, String text);
}
