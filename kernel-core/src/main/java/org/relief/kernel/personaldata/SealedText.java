package org.relief.kernel.personaldata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealed form of a personal field: {@code {pd1:<subject>:<base64url(nonce | AES-256-GCM ciphertext and tag)>}},
 * with the subject id bound as associated data, so a token cannot be moved to another subject. The form is
 * self-delimiting: a service may embed a token in text it composes ("visit {pd1:…}") and the token is opened in place
 * when the text is shown. Data keys are themselves kept and sent wrapped (AES-GCM) under the platform's key-encryption
 * key. Pure Java: no framework, no I/O.
 */
public final class SealedText {
    public static final String MARK = "{pd1:";
    /** What a token of an erased subject reads as. */
    public static final String ERASED = "[erased]";
    /** What a token reads as while its key has not reached this service yet (it travels on its own topic). */
    public static final String PENDING = "[not yet available]";

    private static final Pattern TOKEN = Pattern.compile("\\{pd1:([0-9A-Za-z-]{1,64}):([A-Za-z0-9_-]{24,})}");
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private SealedText() {}

    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Subject ids go into the token between colons: UUIDs and other plain ids only. */
    public static String checkSubject(String subjectId) {
        if (subjectId == null || !subjectId.matches("[0-9A-Za-z-]{1,64}")) {
            throw new IllegalArgumentException("not a data subject id: " + subjectId);
        }
        return subjectId;
    }

    public static String seal(byte[] key, String subjectId, String text) {
        byte[] sealed = encrypt(key, text.getBytes(StandardCharsets.UTF_8), aad("pd1:", subjectId));
        return MARK + checkSubject(subjectId) + ":" + B64.encodeToString(sealed) + "}";
    }

    public static boolean containsToken(String text) {
        return text != null && text.contains(MARK);
    }

    /**
     * The text with every token replaced by what {@code keys} gives for its subject: the plaintext when it gives a key,
     * {@link #ERASED} or {@link #PENDING} as {@code keys} says. Text without tokens comes back as it is (fields written
     * before sealing existed stay readable).
     */
    public static String open(String text, Function<String, KeyState> keys) {
        if (!containsToken(text)) {
            return text;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            KeyState state = keys.apply(m.group(1));
            String shown =
                    switch (state.kind()) {
                        case ERASED -> ERASED;
                        case PENDING -> PENDING;
                        case LIVE -> decrypt(state.key(), m.group(1), m.group(2));
                    };
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The data subjects whose tokens the text holds. */
    public static java.util.Set<String> subjects(String text) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (containsToken(text)) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    public static byte[] wrap(byte[] keyEncryptionKey, String subjectId, byte[] dataKey) {
        return encrypt(keyEncryptionKey, dataKey, aad("pdk1:", subjectId));
    }

    /** The data key; fails if the wrapped key was not made for this subject under this key-encryption key. */
    public static byte[] unwrap(byte[] keyEncryptionKey, String subjectId, byte[] wrapped) {
        try {
            return decryptBytes(keyEncryptionKey, wrapped, aad("pdk1:", subjectId));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "the data key of " + subjectId
                            + " was not wrapped with this service's key-encryption key (RELIEF_PERSONAL_DATA_KEK differs?)",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unwrapping the data key of " + subjectId + " failed", e);
        }
    }

    private static String decrypt(byte[] key, String subjectId, String payload) {
        try {
            return new String(decryptBytes(key, UNB64.decode(payload), aad("pd1:", subjectId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed field of " + subjectId + " does not open with its key", e);
        }
    }

    private static byte[] aad(String purpose, String subjectId) {
        return (purpose + subjectId).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] encrypt(byte[] key, byte[] plain, byte[] aad) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] ct = cipher.doFinal(plain);
            byte[] out = new byte[NONCE + ct.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(ct, 0, out, NONCE, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] decryptBytes(byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new AEADBadTagException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
    }

    /** What a service knows of a subject's key. */
    public record KeyState(Kind kind, byte[] key) {
        public enum Kind {
            LIVE,
            ERASED,
            PENDING
        }

        public static final KeyState ERASED_KEY = new KeyState(Kind.ERASED, null);
        public static final KeyState PENDING_KEY = new KeyState(Kind.PENDING, null);

        public static KeyState live(byte[] key) {
            return new KeyState(Kind.LIVE, key);
        }
    }
}
