package org.relief.dispatch.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TextBundleContract;

class TextsTest {
    @Test
    void everyRuleTextExistsInBothLanguagesWithEveryArgumentShown() {
        TextBundleContract.check("messages/dispatch", Texts.class);
    }
}
