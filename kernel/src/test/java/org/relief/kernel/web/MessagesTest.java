package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TextBundleContract;

class MessagesTest {
    @Test
    void everyTextExistsInBothLanguagesWithEveryArgumentShown() {
        TextBundleContract.check("messages/kernel", Messages.class);
    }

    @Test
    void textsAreFilledInPerLanguageWithNumbersAsGiven() {
        assertEquals(
                "the body is larger than 256 KiB: send it in smaller parts", Messages.text(false, "limits.body", 256L));
        assertEquals("请求体过大（上限 256 KiB）：请分批提交", Messages.text(true, "limits.body", 256L));
        assertEquals(
                "the address is longer than 8192 characters: shorten the query",
                Messages.text(false, "limits.uri", 8192));
        assertEquals(" (line 1, column 5)", Messages.text(false, "json.where", 1, 5));
        assertEquals("Not found", ProblemMappers.title("not-found", false));
        assertEquals("请求无法处理", ProblemMappers.title("no-such-slug", true));
        assertEquals(
                "not submitted: the organisation's write limit is reached (each request of a sheet counts as one write);"
                        + " upload the sheet again with the same Idempotency-Key in 30 s",
                Messages.text(false, "csv.rate-limited", 30));
    }
}
