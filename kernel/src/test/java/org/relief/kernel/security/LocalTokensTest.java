package org.relief.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokens of {@code ./platform token}: odd characters in any argument never change another claim. */
class LocalTokensTest {
    static final String ISSUER = "https://relief-logistics.local";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static PrivateKey privateKey;
    static PublicKey publicKey;

    @BeforeAll
    static void keys() throws Exception {
        LocalTokens.generateKeys(dir.resolve("jwt-private.pem"), dir.resolve("jwt-public.pem"));
        privateKey = LocalTokens.readPrivateKey(dir.resolve("jwt-private.pem"));
        String pub =
                Files.readString(dir.resolve("jwt-public.pem")).replaceAll("-----(BEGIN|END) PUBLIC KEY-----|\\s", "");
        publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
        assertTrue(Files.readString(dir.resolve("jwt-private.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void aSubjectWithQuotesBackslashesAndChineseStaysOneClaim() throws Exception {
        for (String sub :
                List.of("a\",\"org\":\"evil", "x\\\"}", "张 师傅 \uD83D\uDE9A", "' or 1=1 --", "<script>", "a,b;c")) {
            JsonNode claims = verifiedClaims(mint("yanta-community", "partner", sub));
            assertEquals(sub, claims.get("sub").asText());
            assertEquals(sub, claims.get("upn").asText());
            assertEquals("yanta-community", claims.get("org").asText(), "org unchanged by sub " + sub);
            assertEquals(List.of("partner"), List.of(JSON.convertValue(claims.get("groups"), String[].class)));
            assertEquals(ISSUER, claims.get("iss").asText());
        }
    }

    @Test
    void opsWithoutOrganisationCarriesNoOrgClaim() throws Exception {
        JsonNode claims = verifiedClaims(mint(null, "ops", "ops-1"));
        assertFalse(claims.has("org"));
        assertEquals(List.of("ops"), List.of(JSON.convertValue(claims.get("groups"), String[].class)));
    }

    @Test
    void theHeaderNamesTheKeyAndTheLifetimeIsExact() throws Exception {
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        String token = LocalTokens.mint(privateKey, ISSUER, "org-1", "donor", "d", now, now.plus(Duration.ofHours(12)));
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(LocalTokens.KEY_ID, header.get("kid").asText());
        JsonNode claims = verifiedClaims(token);
        assertEquals(now.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(now.getEpochSecond() + 12 * 3600, claims.get("exp").asLong());
        assertTrue(claims.get("jti").asText().length() >= 32);
    }

    @Test
    void argumentsAPersonMustFixAreRefusedWithTheirName() {
        for (String org : List.of("Yanta", "a\"b", "a b", "-x", "x".repeat(65), "组织")) {
            var e = assertThrows(IllegalArgumentException.class, () -> mint(org, "partner", "u"));
            assertTrue(e.getMessage().startsWith("--org"), e.getMessage());
        }
        for (String role : List.of("admin", "partner\"", "", "OPS")) {
            var e = assertThrows(IllegalArgumentException.class, () -> mint("org-1", role, "u"));
            assertTrue(e.getMessage().startsWith("--role"), e.getMessage());
        }
        for (String sub : List.of("", " ", "a\nb", "a\u0000b", "\uD800", "x".repeat(129))) {
            var e = assertThrows(IllegalArgumentException.class, () -> mint("org-1", "partner", sub));
            assertTrue(e.getMessage().startsWith("--sub"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> mint(null, "partner", "u"));
        assertTrue(e.getMessage().startsWith("--org is required"), e.getMessage());
        Instant now = Instant.now();
        assertThrows(
                IllegalArgumentException.class,
                () -> LocalTokens.mint(privateKey, ISSUER, "o", "partner", "u", now, now.plus(Duration.ofDays(8))));
        assertThrows(
                IllegalArgumentException.class,
                () -> LocalTokens.mint(privateKey, ISSUER, "o", "partner", "u", now, now));
    }

    private static String mint(String org, String role, String sub) {
        Instant now = Instant.now();
        return LocalTokens.mint(privateKey, ISSUER, org, role, sub, now, now.plusSeconds(3600));
    }

    private static JsonNode verifiedClaims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(publicKey);
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(s.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies with the public key");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
