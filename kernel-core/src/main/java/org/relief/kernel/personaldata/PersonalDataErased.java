package org.relief.kernel.personaldata;

import java.time.Instant;

/**
 * A data subject's personal data was erased: every service deletes the subject's key. Same topic and record key as
 * {@link PersonalDataKeyIssued}, so compaction leaves this record in place of the key.
 */
public record PersonalDataErased(String subjectId, String reason, Instant erasedAt) {
    public static final String TYPE = "PersonalDataErased";
    public static final int VERSION = 1;
}
