package org.relief.requests.service;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.relief.kernel.web.ProblemException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Idempotency-Key bookkeeping for POST /help-requests (table {@code idempotency_key}, V3), scoped to the
 * organisation the caller acts for (from the token, never from the body alone). The claim is written in
 * the submit's own transaction: a concurrent POST with the same key waits on the primary key until the first commits
 * (then replays its result) or rolls back (then creates the request itself).
 */
public final class IdempotencyKeys {
    public static final int MAX_LENGTH = 100;
    /** sorted properties and ISO dates: the same body always gives the same bytes, whatever order the client used */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private IdempotencyKeys() {
    }

    /** SHA-256 of the canonical JSON of the parsed body. */
    public static String hash(Object body) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request body", e);
        }
    }

    /**
     * The request an earlier POST with this key created, if any (looked up before the domain rules run, so a retry
     * is answered with its first result).
     *
     * @throws ProblemException 422 if the key was used with a different body
     */
    static Optional<String> earlier(Connection c, String organisationId, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select request_hash, request_id from idempotency_key "
                + "where organisation_id = ? and idempotency_key = ?")) {
            ps.setString(1, organisationId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getString(1).equals(hash)) {
                    throw new ProblemException(422, "idempotency-key-reused",
                            "Idempotency-Key " + key + " was already used by " + organisationId + " for a different request body",
                            "幂等键 " + key + " 已被 " + organisationId + " 用于另一个内容不同的请求");
                }
                return Optional.of(rs.getString(2));
            }
        }
    }

    /**
     * Claims the key for a new request. Returns empty if this call claimed it; otherwise the id of the request the
     * key already belongs to (a concurrent POST claimed it first: the insert waits until that one commits).
     *
     * @throws ProblemException 422 if the key was used with a different body
     */
    static Optional<String> claim(Connection c, String organisationId, String key, String hash, String requestId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into idempotency_key (organisation_id, idempotency_key, "
                + "request_hash, request_id) values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, organisationId);
            ps.setString(2, key);
            ps.setString(3, hash);
            ps.setString(4, requestId);
            if (ps.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(earlier(c, organisationId, key, hash).orElseThrow());
    }
}
