package org.relief.kernel.personaldata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.KernelDatabase;

/** The vault on a real key table: issue, seal, open, hand a key to another service, erase for good. */
class PersonalDataVaultTest {
    static final byte[] KEK = SealedText.newKey();
    DataSource db;

    @BeforeEach
    void freshDatabase() {
        db = KernelDatabase.fresh();
    }

    @Test
    void aKeyIssuedSealsOpensTravelsAndOnceErasedOpensNowhereAndIsNotTakenBack() throws Exception {
        PersonalDataVault issuing = new PersonalDataVault(db, KEK, Duration.ofSeconds(30));
        String subject = UUID.randomUUID().toString();
        byte[] wrapped;
        String sealed;
        try (Connection c = db.getConnection()) {
            wrapped = issuing.issue(c, subject).orElseThrow();
            assertTrue(issuing.issue(c, subject).isEmpty(), "one key per subject");
            sealed = issuing.sealer(c).seal(subject, "李同学");
            assertEquals(null, issuing.sealer(c).seal(subject, null));
        }
        assertEquals("李同学 / 雁塔区", issuing.open(sealed + " / 雁塔区"));

        // taking a key in from the topic: refused under another KEK, a no-op when known
        PersonalDataVault foreign = new PersonalDataVault(db, SealedText.newKey(), Duration.ofSeconds(30));
        try (Connection c = db.getConnection()) {
            assertThrows(IllegalStateException.class, () -> foreign.accept(c, subject, wrapped));
            assertFalse(issuing.accept(c, subject, wrapped), "already known");
        }

        try (Connection c = db.getConnection()) {
            assertTrue(issuing.erase(c, subject));
            assertFalse(issuing.erase(c, subject), "erased already");
            assertFalse(issuing.accept(c, subject, wrapped), "a late key does not bring the subject back");
            assertThrows(IllegalStateException.class, () -> issuing.sealer(c).seal(subject, "x"));
            assertTrue(issuing.issue(c, subject).isEmpty(), "an erased subject gets no new key");
        }
        assertEquals(SealedText.ERASED, issuing.open(sealed));
        // a second instance of the service, with nothing cached, reads the tombstone
        assertEquals(SealedText.ERASED, new PersonalDataVault(db, KEK, Duration.ofSeconds(30)).open(sealed));
    }

    @Test
    void anErasureArrivingBeforeTheKeyLeavesATombstoneAndAnUnknownSubjectIsPending() throws Exception {
        PersonalDataVault issuing = new PersonalDataVault(db, KEK, Duration.ofSeconds(30));
        String subject = UUID.randomUUID().toString();
        String sealed;
        byte[] wrapped;
        try (Connection c = db.getConnection()) {
            wrapped = issuing.issue(c, subject).orElseThrow();
            sealed = issuing.sealer(c).seal(subject, "13800000000");
            c.createStatement().execute("delete from personal_data_key");
        }
        PersonalDataVault receiving = new PersonalDataVault(db, KEK, Duration.ZERO);
        assertEquals(SealedText.PENDING, receiving.open(sealed), "the key has not arrived");
        try (Connection c = db.getConnection()) {
            assertFalse(receiving.erase(c, subject), "no key was live here");
            assertFalse(receiving.accept(c, subject, wrapped));
        }
        assertEquals(SealedText.ERASED, receiving.open(sealed));
    }
}
