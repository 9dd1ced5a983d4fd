package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.relief.kernel.domain.RuleViolation;

/**
 * Idempotency-Key for the POSTs that create something (table {@code idempotency_record}, kernel V0_2): the same key
 * and body return the original result, the same key with another body is a 422 {@code idempotency-key-reused}.
 * <p>
 * A key is scoped to who acts ({@link #scope}) and to the operation, so two organisations, or two endpoints, never
 * collide. Use it in two steps inside the creating transaction:
 * <ol>
 *     <li>{@link #earlier} first, before any domain rule: a retry of a POST that succeeded is answered with its result
 *     even if a rule would refuse the body now (e.g. an item code that the first POST took);</li>
 *     <li>{@link #claim} once the new resource's id is known, before it is saved: a concurrent POST with the same key
 *     waits on the primary key until the first commits (then replays its result) or rolls back (then creates it).</li>
 * </ol>
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    /** What every creating POST says about the header in its OpenAPI document. */
    public static final String HEADER_DOC = "Makes retries safe: the same key and body return the first result "
            + "(201, Idempotent-Replayed: true) and change nothing; the same key with another body is a 422. At most "
            + "100 characters, scoped to the organisation acted for (ops acting for none: to the ops user) and to the "
            + "operation";

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 100;
    /** sorted properties and ISO dates: the same body always gives the same bytes, whatever order the client used */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private IdempotencyKeys() {}

    /**
     * One POST's key: who acts ({@code scope}), the operation (a stable name such as "donations"), the client's key
     * and the hash of the body.
     */
    public record Key(String scope, String operation, String key, String hash) {
        public Key {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** What a creating POST returns: the new resource, or (replayed) the one an earlier POST with the key created. */
    public record Outcome<T>(T value, boolean replayed) {
        public static <T> Outcome<T> created(T value) {
            return new Outcome<>(value, false);
        }

        public static <T> Outcome<T> replayed(T value) {
            return new Outcome<>(value, true);
        }
    }

    /**
     * The key of a POST, or null when the client sent no Idempotency-Key header (the POST then behaves as without).
     *
     * @param body the parsed body as it acts (e.g. with the organisation taken from the token filled in), so that a
     *             retry that leaves out what the token implies is the same body
     * @throws RuleViolation (400) if the header is blank or longer than {@value #MAX_LENGTH} characters
     */
    public static Key of(String scope, String operation, String header, Object body) {
        String key = checked(header);
        return key == null ? null : new Key(scope, operation, key, hash(body));
    }

    /**
     * A key for one part of a batch sent under one Idempotency-Key (a row group of an uploaded sheet, say): the
     * SHA-256 of the client's key and the part's name, so that sending the batch again finds each part's first result.
     */
    public static String derived(String header, String part) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((header + "\n" + part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** The header value if present and 1 to 100 characters; null if absent. */
    public static String checked(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > MAX_LENGTH) {
            throw RuleViolation.invalid(Messages.of("rule.idempotency-key", MAX_LENGTH));
        }
        return header;
    }

    /**
     * Whose keys these are: the organisation the caller acts for, or {@code ops:<user>} when ops act for none (e.g.
     * registering a warehouse), so that two ops users' keys do not collide either.
     */
    public static String scope(String organisationActedFor, SecurityIdentity identity) {
        if (organisationActedFor != null && !organisationActedFor.isBlank()) {
            return organisationActedFor;
        }
        return "ops:"
                + (identity == null || identity.getPrincipal() == null
                        ? "anonymous"
                        : identity.getPrincipal().getName());
    }

    /** SHA-256 of the canonical JSON of the parsed body. */
    public static String hash(Object body) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request body", e);
        }
    }

    /**
     * The id of the resource an earlier POST with this key created, if any; empty also when {@code key} is null.
     *
     * @throws ProblemException 422 if the key was used with a different body
     */
    public static Optional<String> earlier(Connection c, Key key) throws SQLException {
        if (key == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("select request_hash, resource_id from idempotency_record "
                + "where scope = ? and operation = ? and idempotency_key = ?")) {
            ps.setString(1, key.scope());
            ps.setString(2, key.operation());
            ps.setString(3, key.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getString(1).equals(key.hash())) {
                    throw new ProblemException(
                            422,
                            "idempotency-key-reused",
                            Messages.of("problem.idempotency-key-reused", key.key(), key.scope(), key.operation()));
                }
                return Optional.of(rs.getString(2));
            }
        }
    }

    /**
     * Claims the key for the resource about to be created. Empty if this call claimed it (or {@code key} is null);
     * otherwise the id of the resource the key already belongs to: a concurrent POST claimed it first, and the insert
     * waited until that one committed. The caller then saves nothing and replays that resource.
     *
     * @throws ProblemException 422 if the key was used with a different body
     */
    public static Optional<String> claim(Connection c, Key key, String resourceId) throws SQLException {
        if (key == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into idempotency_record (scope, operation, "
                + "idempotency_key, request_hash, resource_id) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, key.scope());
            ps.setString(2, key.operation());
            ps.setString(3, key.key());
            ps.setString(4, key.hash());
            ps.setString(5, resourceId);
            if (ps.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        // read committed: this statement sees the row the conflicting transaction committed
        return Optional.of(earlier(c, key).orElseThrow());
    }

    /** 201 with the resource, marked {@code Idempotent-Replayed: true} when it is an earlier POST's result. */
    public static Response created(URI location, Object entity, boolean replayed) {
        // a path, not an absolute URL: one built from the request would take its host from the client's Host header
        // (Host: evil.example gave Location: http://evil.example/...); behind the Ingress only the path is ours anyway
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED);
        if (location != null) {
            response.header(jakarta.ws.rs.core.HttpHeaders.LOCATION, location.getRawPath());
        }
        response.entity(entity);
        if (replayed) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
