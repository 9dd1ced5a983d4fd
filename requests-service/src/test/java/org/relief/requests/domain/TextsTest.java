package org.relief.requests.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TextBundleContract;

class TextsTest {
    @Test
    void everyRuleTextExistsInBothLanguagesWithEveryArgumentShown() {
        TextBundleContract.check("messages/requests", Texts.class);
    }
}
