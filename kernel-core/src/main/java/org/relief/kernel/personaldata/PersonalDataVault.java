package org.relief.kernel.personaldata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.relief.kernel.personaldata.SealedText.KeyState;

/**
 * Personal data sealed per data subject (crypto-shredding). Each service keeps the subjects' data keys in its own
 * {@code personal_data_key} table, wrapped under the platform's key-encryption key (KEK); events, views and Kafka
 * records carry only sealed tokens ({@link SealedText}). The service that takes the data in issues the subject's key
 * and publishes it (wrapped) on {@code personal-data.keys.v1}, so the services that need to show the data can open it;
 * erasing deletes the key everywhere, and from then on every copy of the data, in every store and topic, is noise.
 * An erased subject's row stays as a tombstone: a key arriving late for it is not taken in again.
 * <p>
 * Opened keys are cached for {@code cacheTtl}: another instance of the service may show an erased subject's data for
 * at most that long after the erasure reached this service's database.
 */
public final class PersonalDataVault {
    private static final int CACHE_LIMIT = 50_000;

    private final DataSource dataSource;
    private final byte[] keyEncryptionKey;
    private final long cacheTtlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PersonalDataVault(DataSource dataSource, byte[] keyEncryptionKey, Duration cacheTtl) {
        if (keyEncryptionKey == null || keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException(
                    "the personal-data key-encryption key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.dataSource = dataSource;
        this.keyEncryptionKey = keyEncryptionKey.clone();
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    /**
     * Issues the subject's data key in the caller's transaction. Returns the wrapped key to publish, or empty when the
     * subject already has one (or was erased: an erased subject gets no new key).
     */
    public Optional<byte[]> issue(Connection c, String subjectId) {
        SealedText.checkSubject(subjectId);
        byte[] key = SealedText.newKey();
        byte[] wrapped = SealedText.wrap(keyEncryptionKey, subjectId, key);
        try (PreparedStatement ps = c.prepareStatement(
                "insert into personal_data_key (subject_id, wrapped_key) values (?, ?) on conflict do nothing")) {
            ps.setString(1, subjectId);
            ps.setBytes(2, wrapped);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersonalDataException("issuing the data key of " + subjectId + " failed", e);
        }
        return Optional.of(wrapped);
    }

    /** Seals with the subject's key (issued before, in this or an earlier transaction), read through {@code c}. */
    public Sealer sealer(Connection c) {
        return (subjectId, text) -> {
            if (text == null || text.isBlank()) {
                return text;
            }
            KeyState state = load(c, subjectId);
            if (state.kind() != KeyState.Kind.LIVE) {
                throw new IllegalStateException("no live data key for " + subjectId + " (" + state.kind() + ")");
            }
            return SealedText.seal(state.key(), subjectId, text);
        };
    }

    /** The text with its sealed tokens opened, {@code [erased]} or {@code [not yet available]}. */
    public String open(String text) {
        if (!SealedText.containsToken(text)) {
            return text;
        }
        return SealedText.open(text, this::cachedState);
    }

    /**
     * Takes in a key another service issued (from the keys topic). Returns false if this service already had it or the
     * subject was erased here already. Fails if the key does not unwrap with this service's KEK.
     */
    public boolean accept(Connection c, String subjectId, byte[] wrapped) {
        SealedText.unwrap(keyEncryptionKey, SealedText.checkSubject(subjectId), wrapped);
        try (PreparedStatement ps = c.prepareStatement(
                "insert into personal_data_key (subject_id, wrapped_key) values (?, ?) on conflict do nothing")) {
            ps.setString(1, subjectId);
            ps.setBytes(2, wrapped);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersonalDataException("storing the data key of " + subjectId + " failed", e);
        }
    }

    /**
     * Deletes the subject's key in the caller's transaction, leaving a tombstone. Returns true if a key was live here
     * (false: erased already). Also right for a subject this service never had a key for: its key may still arrive.
     */
    public boolean erase(Connection c, String subjectId) {
        SealedText.checkSubject(subjectId);
        try (PreparedStatement ps = c.prepareStatement(
                """
                insert into personal_data_key (subject_id, wrapped_key, erased_at) values (?, null, now())
                on conflict (subject_id) do update set wrapped_key = null, erased_at = now()
                where personal_data_key.erased_at is null
                returning (xmax <> 0) as had_row""")) {
            ps.setString(1, subjectId);
            boolean erasedNow;
            try (ResultSet rs = ps.executeQuery()) {
                erasedNow = rs.next() && rs.getBoolean(1);
            }
            cache.put(subjectId, new Cached(KeyState.ERASED_KEY, Long.MAX_VALUE));
            return erasedNow;
        } catch (SQLException e) {
            throw new PersonalDataException("erasing the data key of " + subjectId + " failed", e);
        }
    }

    private KeyState cachedState(String subjectId) {
        long now = System.nanoTime();
        Cached cached = cache.get(subjectId);
        if (cached != null && now - cached.loadedAt < cacheTtlNanos) {
            return cached.state;
        }
        KeyState state;
        try (Connection c = dataSource.getConnection()) {
            state = load(c, subjectId);
        } catch (SQLException e) {
            throw new PersonalDataException("reading the data key of " + subjectId + " failed", e);
        }
        if (state.kind() != KeyState.Kind.PENDING) {
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(subjectId, new Cached(state, now));
        }
        return state;
    }

    private KeyState load(Connection c, String subjectId) {
        try (PreparedStatement ps =
                c.prepareStatement("select wrapped_key from personal_data_key where subject_id = ?")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return KeyState.PENDING_KEY;
                }
                byte[] wrapped = rs.getBytes(1);
                return wrapped == null
                        ? KeyState.ERASED_KEY
                        : KeyState.live(SealedText.unwrap(keyEncryptionKey, subjectId, wrapped));
            }
        } catch (SQLException e) {
            throw new PersonalDataException("reading the data key of " + subjectId + " failed", e);
        }
    }

    private record Cached(KeyState state, long loadedAt) {}
}
