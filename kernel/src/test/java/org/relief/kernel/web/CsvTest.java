package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    static final List<String> COLUMNS = List.of("ref", "item", "quantity", "note");

    @Test
    void aDocumentOpensInASpreadsheetWithItsChineseAndNoFormulas() {
        String csv = Csv.write(
                List.of("id", "note", "quantity"),
                List.of(
                        List.of("r-1", "缺口罩, 还缺\"防护服\"", 200),
                        Arrays.asList("r-2", "=HYPERLINK(\"http://evil\")", -5),
                        Arrays.asList("r-3", null, "+86 29 8888")));
        assertEquals('\uFEFF', csv.charAt(0), "a byte order mark, so Excel reads UTF-8");
        assertEquals(
                "id,note,quantity\r\n"
                        + "r-1,\"缺口罩, 还缺\"\"防护服\"\"\",200\r\n"
                        + "r-2,\"'=HYPERLINK(\"\"http://evil\"\")\",-5\r\n"
                        + "r-3,,'+86 29 8888\r\n",
                csv.substring(1));
    }

    @Test
    void anUploadIsReadByColumnNameWithItsSpreadsheetRowNumbers() {
        String upload = "\uFEFF Ref ,ITEM,quantity,note\r\n"
                + "a,n95-mask,100,\"独居老人较多,\r\n请尽快\"\r\n"
                + ",,,\r\n"
                + "b,rice,5,\r\n";
        List<Csv.Row> rows = Csv.read(upload, COLUMNS, List.of("ref", "item"), 10);
        assertEquals(2, rows.size(), "the blank row is skipped");
        assertEquals("a", rows.get(0).get("ref"));
        assertEquals("独居老人较多,\r\n请尽快", rows.get(0).get("note"));
        assertEquals(2, rows.get(0).line());
        assertEquals("b", rows.get(1).get("ref"));
        assertEquals(null, rows.get(1).get("note"), "an empty cell is absent");
    }

    @Test
    void anUnreadableUploadIsA400NamingWhatIsWrongInBothLanguages() {
        var unknown = assertThrows(
                Csv.Unreadable.class, () -> Csv.read("ref,colour\r\nx,red\r\n", COLUMNS, List.of("ref"), 10));
        assertEquals(400, unknown.status());
        assertTrue(unknown.detail(false).contains("unknown columns [colour]"), unknown.detail(false));
        assertTrue(unknown.detail(true).contains("无法识别的列 [colour]"), unknown.detail(true));
        var missing =
                assertThrows(Csv.Unreadable.class, () -> Csv.read("ref\r\nx\r\n", COLUMNS, List.of("ref", "item"), 10));
        assertTrue(missing.detail(false).contains("missing columns [item]"), missing.detail(false));
        var tooMany = assertThrows(
                Csv.Unreadable.class, () -> Csv.read("ref,item\r\na,b\r\nc,d\r\n", COLUMNS, List.of("ref"), 1));
        assertTrue(tooMany.detail(false).contains("more than 1 rows"), tooMany.detail(false));
        var quote = assertThrows(
                Csv.Unreadable.class, () -> Csv.read("ref,item\r\n\"a,b\r\n", COLUMNS, List.of("ref"), 10));
        assertTrue(quote.detail(false).startsWith("not CSV with a header row"), quote.detail(false));
    }
}
