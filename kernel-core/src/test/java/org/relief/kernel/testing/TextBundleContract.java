package org.relief.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relief.kernel.text.TextBundle;

/**
 * What every text bundle must hold, checked by each module's test of its bundle: the same keys in English and Chinese,
 * the same placeholders in both, and every placeholder really filled in (an unescaped apostrophe in a
 * {@link java.text.MessageFormat} pattern would quote the rest of the text and swallow its arguments).
 */
public final class TextBundleContract {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private TextBundleContract() {}

    public static void check(String name, Class<?> owner) {
        Properties en = load(owner, name + ".properties");
        Properties zh = load(owner, name + "_zh.properties");
        assertEquals(
                new TreeSet<>(en.stringPropertyNames()),
                new TreeSet<>(zh.stringPropertyNames()),
                name + ": the English and Chinese bundles must have the same keys");
        TextBundle bundle = TextBundle.of(name, owner);
        for (String key : en.stringPropertyNames()) {
            TreeSet<Integer> indexes = placeholders(en.getProperty(key));
            assertEquals(
                    indexes, placeholders(zh.getProperty(key)), name + " " + key + ": the same placeholders in both");
            Object[] args = new Object[indexes.isEmpty() ? 0 : indexes.last() + 1];
            for (int i = 0; i < args.length; i++) {
                args[i] = "«arg" + i + "»";
            }
            for (boolean chinese : new boolean[] {false, true}) {
                String text = bundle.format(chinese, key, args);
                for (int i : indexes) {
                    assertTrue(
                            text.contains("«arg" + i + "»"),
                            name + (chinese ? "_zh " : " ") + key + " does not show argument " + i + ": " + text
                                    + " (an apostrophe is written '' in these patterns)");
                }
                assertTrue(!text.contains("{"), name + " " + key + " left a brace: " + text);
                String raw = (chinese ? zh : en).getProperty(key);
                assertEquals(
                        raw.replaceAll("[^']", "").length() / 2,
                        text.replaceAll("[^']", "").length(),
                        name + (chinese ? "_zh " : " ") + key + ": an apostrophe is written '' (" + raw + ")");
            }
        }
    }

    private static TreeSet<Integer> placeholders(String pattern) {
        TreeSet<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static Properties load(Class<?> owner, String resource) {
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no " + resource + " on the class path");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new AssertionError(resource, e);
        }
    }
}
