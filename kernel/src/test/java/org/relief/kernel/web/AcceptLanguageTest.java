package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptLanguageTest {

    @Test
    void theMostWantedLanguageDecides() {
        assertTrue(AcceptLanguage.prefersChinese("zh"));
        assertTrue(AcceptLanguage.prefersChinese("zh-CN,zh;q=0.9,en;q=0.8"));
        assertTrue(AcceptLanguage.prefersChinese("en;q=0.5, zh-Hans-CN"));
        assertFalse(AcceptLanguage.prefersChinese("en-US,en;q=0.9,zh;q=0.8"));
        assertFalse(AcceptLanguage.prefersChinese("zh;q=0, en"));
        assertFalse(AcceptLanguage.prefersChinese(null));
        assertFalse(AcceptLanguage.prefersChinese("*"));
    }

    @Test
    void whatCannotBeReadIsIgnoredNeverAFailure() {
        assertFalse(AcceptLanguage.prefersChinese("zh;q=abc"));
        assertTrue(AcceptLanguage.prefersChinese("zh;q=abc, zh-TW;q=0.3"));
        assertFalse(AcceptLanguage.prefersChinese("zh;q=7"));
        assertFalse(AcceptLanguage.prefersChinese(";;;,,,=q"));
        assertFalse(AcceptLanguage.prefersChinese("\u0000zh"));
        assertFalse(AcceptLanguage.prefersChinese("x".repeat(100_000)));
    }
}
