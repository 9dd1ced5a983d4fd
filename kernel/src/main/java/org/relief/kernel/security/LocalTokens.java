package org.relief.kernel.security;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Local signing for a platform without an OIDC provider: the RSA key pair the services trust ({@code .local/keys})
 * and bearer tokens signed with it. {@code ./platform token} runs {@link #main}; the tests mint through
 * {@link #mint} too. Claims are built by smallrye-jwt-build, so no argument can change another claim.
 */
public final class LocalTokens {
    public static final String KEY_ID = "relief-local";
    /** a local token lives at most a week: long enough for a shift, short enough that a leaked one expires */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    /** The {@code aud} the services require (mp.jwt.verify.audiences, RELIEF_JWT_AUDIENCE in a cluster). */
    public static final String AUDIENCE = "relief-logistics";

    public static final Set<String> ROLES =
            Set.of(Roles.PARTNER, Roles.DONOR, Roles.DISPATCHER, Roles.VOLUNTEER_COORDINATOR, Roles.OPS);
    private static final Pattern ORGANISATION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private LocalTokens() {}

    /**
     * A signed token for {@code subject} with {@code role}, of {@code organisation} (null only for ops).
     *
     * @throws IllegalArgumentException naming the argument a person must fix
     */
    public static String mint(
            PrivateKey key,
            String issuer,
            String organisation,
            String role,
            String subject,
            Instant issuedAt,
            Instant expires) {
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException(
                    "--role must be one of partner, donor, dispatcher, volunteer-coordinator, ops; got "
                            + quoted(role));
        }
        if (organisation == null || organisation.isEmpty()) {
            if (!Roles.OPS.equals(role)) {
                throw new IllegalArgumentException("--org is required for role " + role);
            }
            organisation = null;
        } else if (!ORGANISATION.matcher(organisation).matches()) {
            throw new IllegalArgumentException(
                    "--org must be 1-64 lowercase letters, digits and dashes; got " + quoted(organisation));
        }
        if (subject == null
                || subject.isBlank()
                || subject.codePointCount(0, subject.length()) > 128
                || subject.codePoints().anyMatch(c -> Character.isISOControl(c) || (c >= 0xD800 && c <= 0xDFFF))) {
            throw new IllegalArgumentException(
                    "--sub must be 1-128 characters without control characters; got " + quoted(subject));
        }
        if (!expires.isAfter(issuedAt) || Duration.between(issuedAt, expires).compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException(
                    "a token lives between 1 second and " + MAX_LIFETIME.toHours() + " hours");
        }
        return sign(key, issuer, organisation, role, subject, issuedAt, expires);
    }

    /** Signs exactly these claims, unchecked: tests use it for tokens a person could not mint (expired ones). */
    public static String sign(
            PrivateKey key,
            String issuer,
            String organisation,
            String role,
            String subject,
            Instant issuedAt,
            Instant expires) {
        var claims = Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .issuedAt(issuedAt)
                .expiresAt(expires)
                .claim("jti", UUID.randomUUID().toString());
        if (organisation != null) {
            claims.claim("org", organisation);
        }
        return claims.jws().keyId(KEY_ID).sign(key);
    }

    /** Writes a new 2048-bit RSA key pair as PKCS#8 / X.509 PEM files, the private one readable by its owner only. */
    public static void generateKeys(Path privatePem, Path publicPem) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        Files.createDirectories(privatePem.toAbsolutePath().getParent());
        Files.deleteIfExists(privatePem);
        Files.createFile(privatePem);
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL applies
        }
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Reads a PKCS#8 PEM private key, as {@link #generateKeys} and {@code openssl genpkey} write it. */
    public static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String body = Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    /**
     * <pre>
     *   keys &lt;private.pem&gt; &lt;public.pem&gt;
     *   mint --key &lt;private.pem&gt; --issuer &lt;iss&gt; --role &lt;role&gt; [--org &lt;org&gt;] [--sub &lt;user&gt;] [--hours N]
     * </pre>
     */
    public static void main(String[] args) {
        try {
            if (args.length == 3 && args[0].equals("keys")) {
                generateKeys(Path.of(args[1]), Path.of(args[2]));
                return;
            }
            if (args.length >= 1 && args[0].equals("mint")) {
                Map<String, String> opts = options(args);
                String role = opts.get("--role");
                String org = opts.get("--org");
                String sub = opts.getOrDefault("--sub", (org == null || org.isEmpty() ? "ops" : org) + "-" + role);
                String hours = opts.getOrDefault("--hours", "12");
                if (!hours.matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException(
                            "--hours must be a whole number of hours, at most " + MAX_LIFETIME.toHours());
                }
                Instant now = Instant.now();
                System.out.println(mint(
                        readPrivateKey(Path.of(required(opts, "--key"))),
                        required(opts, "--issuer"),
                        org,
                        role,
                        sub,
                        now,
                        now.plus(Duration.ofHours(Long.parseLong(hours)))));
                return;
            }
            throw new IllegalArgumentException(
                    "usage: token --org <organisation> --role <role> [--sub <user>] [--hours N]");
        } catch (IllegalArgumentException e) {
            System.err.println("platform: " + e.getMessage());
            System.exit(2);
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("platform: cannot use the local key pair: " + e);
            System.exit(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!Set.of("--key", "--issuer", "--role", "--org", "--sub", "--hours")
                            .contains(args[i])
                    || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + " (usage: ./platform token --org <organisation> --role <role> [--sub <user>] [--hours N])");
            }
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
