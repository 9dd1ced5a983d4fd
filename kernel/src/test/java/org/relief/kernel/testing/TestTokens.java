package org.relief.kernel.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signed JWTs for tests, from a key pair made in memory for this JVM (no key is kept in the repository). The public
 * key is written to a temporary PEM file that the services under test verify against.
 */
public final class TestTokens {
    public static final String ISSUER = "https://relief-logistics.local";
    private static KeyPair keys;
    private static Path publicKeyFile;

    private TestTokens() {
    }

    public static synchronized Path publicKeyFile() {
        init();
        return publicKeyFile;
    }

    /** A bearer token for a user of {@code organisation} with {@code role} (organisation may be null for ops). */
    public static String token(String organisation, String role) {
        return token(organisation, role, (organisation == null ? "ops" : organisation) + "-" + role, Instant.now().plusSeconds(3600));
    }

    public static synchronized String token(String organisation, String role, String subject, Instant expires) {
        init();
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"]" + (organisation == null ? "" : ",\"org\":\"" + organisation + "\"")
                + ",\"iat\":" + now + ",\"exp\":" + expires.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
