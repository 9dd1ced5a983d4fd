package org.relief.kernel.personaldata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relief.kernel.personaldata.SealedText.KeyState;

class SealedTextTest {
    static final String SUBJECT = "6f1c2a4e-1b2d-4c3e-9f00-0123456789ab";
    final byte[] key = SealedText.newKey();

    @Test
    void aSealedFieldOpensToItsTextAndShowsNothingOfIt() {
        String sealed = SealedText.seal(key, SUBJECT, "张奶奶 +86 138 0000 0000");
        assertFalse(sealed.contains("张") || sealed.contains("138"), sealed);
        assertTrue(sealed.startsWith("{pd1:" + SUBJECT + ":") && sealed.endsWith("}"), sealed);
        assertNotEquals(sealed, SealedText.seal(key, SUBJECT, "张奶奶 +86 138 0000 0000"), "a fresh nonce every time");
        assertEquals("张奶奶 +86 138 0000 0000", SealedText.open(sealed, s -> KeyState.live(key)));
    }

    @Test
    void tokensInsideComposedTextOpenInPlaceAndTextWithoutTokensIsAsItWas() {
        String other = "0a0b0c0d-0000-4000-8000-000000000001";
        byte[] otherKey = SealedText.newKey();
        String text = "visit " + SealedText.seal(key, SUBJECT, "张奶奶") + " at " + SealedText.seal(otherKey, other, "5号楼")
                + " (雁塔区)";
        assertEquals(Set.of(SUBJECT, other), SealedText.subjects(text));
        Map<String, KeyState> keys = Map.of(SUBJECT, KeyState.live(key), other, KeyState.live(otherKey));
        assertEquals("visit 张奶奶 at 5号楼 (雁塔区)", SealedText.open(text, keys::get));
        assertEquals(
                "visit [erased] at [not yet available] (雁塔区)",
                SealedText.open(text, s -> s.equals(SUBJECT) ? KeyState.ERASED_KEY : KeyState.PENDING_KEY));
        assertEquals("李同学 {not a token}", SealedText.open("李同学 {not a token}", s -> {
            throw new AssertionError("no token, no key looked up");
        }));
    }

    @Test
    void aTokenMovedToAnotherSubjectOrTamperedWithDoesNotOpen() {
        String sealed = SealedText.seal(key, SUBJECT, "13800000000");
        String moved = sealed.replace(SUBJECT, "0a0b0c0d-0000-4000-8000-000000000001");
        assertThrows(IllegalStateException.class, () -> SealedText.open(moved, s -> KeyState.live(key)));
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        assertThrows(IllegalStateException.class, () -> SealedText.open(tampered, s -> KeyState.live(key)));
        assertThrows(
                IllegalStateException.class, () -> SealedText.open(sealed, s -> KeyState.live(SealedText.newKey())));
    }

    @Test
    void aWrappedKeyUnwrapsOnlyWithTheSameKekForTheSameSubject() {
        byte[] kek = SealedText.newKey();
        byte[] wrapped = SealedText.wrap(kek, SUBJECT, key);
        assertEquals(
                java.util.HexFormat.of().formatHex(key),
                java.util.HexFormat.of().formatHex(SealedText.unwrap(kek, SUBJECT, wrapped)));
        var wrongKek = assertThrows(
                IllegalStateException.class, () -> SealedText.unwrap(SealedText.newKey(), SUBJECT, wrapped));
        assertTrue(wrongKek.getMessage().contains("RELIEF_PERSONAL_DATA_KEK"), wrongKek.getMessage());
        assertThrows(IllegalStateException.class, () -> SealedText.unwrap(kek, "another-subject", wrapped));
        assertThrows(IllegalArgumentException.class, () -> SealedText.seal(key, "has:colon", "x"));
    }
}
