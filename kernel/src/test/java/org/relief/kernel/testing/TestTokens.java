package org.relief.kernel.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.relief.kernel.security.LocalTokens;

/**
 * Signed JWTs for tests, from a key pair made in memory for this JVM (no key is kept in the repository). The public
 * key is written to a temporary PEM file that the services under test verify against. Signing is
 * {@link LocalTokens}'s, the same as {@code ./platform token}.
 */
public final class TestTokens {
    public static final String ISSUER = "https://relief-logistics.local";
    private static KeyPair keys;
    private static Path publicKeyFile;

    private TestTokens() {}

    public static synchronized Path publicKeyFile() {
        init();
        return publicKeyFile;
    }

    /** A bearer token for a user of {@code organisation} with {@code role} (organisation may be null for ops). */
    public static String token(String organisation, String role) {
        return token(
                organisation,
                role,
                (organisation == null ? "ops" : organisation) + "-" + role,
                Instant.now().plusSeconds(3600));
    }

    /** Any claims, unchecked; an {@code expires} in the past gives an expired token issued an hour before it. */
    public static synchronized String token(String organisation, String role, String subject, Instant expires) {
        init();
        Instant now = Instant.now();
        Instant issued = expires.isAfter(now) ? now : expires.minusSeconds(3600);
        return LocalTokens.sign(keys.getPrivate(), ISSUER, organisation, role, subject, issued, expires);
    }

    /** The claims of a valid token for {@code organisation} and {@code role}, to change one and sign with {@link #signed}. */
    public static java.util.Map<String, Object> validClaims(String organisation, String role) {
        long now = Instant.now().getEpochSecond();
        java.util.Map<String, Object> claims = new java.util.HashMap<>(java.util.Map.of(
                "iss",
                ISSUER,
                "aud",
                LocalTokens.AUDIENCE,
                "sub",
                organisation + "-" + role,
                "upn",
                organisation + "-" + role,
                "groups",
                java.util.List.of(role),
                "iat",
                now,
                "exp",
                now + 3600,
                "jti",
                java.util.UUID.randomUUID().toString()));
        if (organisation != null) {
            claims.put("org", organisation);
        }
        return claims;
    }

    /** Exactly these claims, signed with the test key: tokens no issuer of ours would make (a foreign aud, say). */
    public static synchronized String signed(java.util.Map<String, Object> claims) {
        init();
        return io.smallrye.jwt.build.Jwt.claims(claims)
                .jws()
                .keyId(LocalTokens.KEY_ID)
                .sign(keys.getPrivate());
    }

    private static void init() {
        if (keys != null) {
            return;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
            publicKeyFile = Files.createTempFile("relief-test-jwt", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(
                    publicKeyFile,
                    LocalTokens.pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
