package org.relief.kernel.personaldata;

import java.time.Instant;

/**
 * A data subject's key, wrapped under the platform's key-encryption key. Published by the service that took the
 * subject's personal data in, on {@code personal-data.keys.v1} (compacted), key = subjectId; every service keeps it in
 * its own key table to open the subject's sealed fields.
 */
public record PersonalDataKeyIssued(String subjectId, String wrappedKey, Instant issuedAt) {
    public static final String TYPE = "PersonalDataKeyIssued";
    public static final int VERSION = 1;
    public static final String TOPIC = "personal-data.keys.v1";
}
