package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(
                MessagesTest.class.getClassLoader().getResourceAsStream("messages/" + name), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everyTextExistsInBothLanguages() throws Exception {
        assertEquals(
                bundle("kernel.properties").keySet(),
                bundle("kernel_zh.properties").keySet());
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
    }
}
