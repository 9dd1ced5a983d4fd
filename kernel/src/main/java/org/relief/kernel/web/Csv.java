package org.relief.kernel.web;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Field data in and out as CSV (RFC 4180), the way partners' staff keep it: in spreadsheets. Written with a UTF-8 byte
 * order mark (without it, Excel on a Chinese Windows reads UTF-8 as GBK and the Chinese turns to garbage), times in
 * the platform's local zone, and every cell that a spreadsheet would run as a formula ({@code = + - @}, tab, CR)
 * quoted with a leading apostrophe (OWASP's CSV injection advice): a partner's note must not become a formula on an
 * office PC.
 */
public final class Csv {
    public static final String MEDIA_TYPE = "text/csv";
    /** the most entries one export holds: more must be narrowed by the list's filters (a period, a status) */
    public static final int MAX_EXPORT = 20_000;

    private static final char BOM = '\uFEFF';
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Csv() {}

    /** A whole document: the header, then one row per entry. */
    public static String write(List<String> header, List<List<?>> rows) {
        StringBuilder out = new StringBuilder().append(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(Csv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** A download: {@code text/csv; charset=UTF-8}, saved as {@code filename}. */
    public static Response attachment(String document, String filename) {
        return Response.ok(document)
                .type(MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    /**
     * Every item of a paged list, read page by page ({@code page} takes a page number and a size), for an export: at
     * most {@link #MAX_EXPORT}; a list with more is refused with a 400 asking to narrow it by {@code narrowBy}.
     */
    public static <T> List<T> everyPage(
            java.util.function.BiFunction<Integer, Integer, ? extends PagedList<T>> page, String narrowBy) {
        int size = 200;
        PagedList<T> first = page.apply(0, size);
        if (first.total() > MAX_EXPORT) {
            throw ProblemException.validation(Messages.of("csv.export-too-large", first.total(), MAX_EXPORT, narrowBy));
        }
        List<T> all = new ArrayList<>(first.items());
        PagedList<T> last = first;
        for (int n = 1; all.size() < first.total() && last.items().size() == size; n++) {
            last = page.apply(n, size);
            all.addAll(last.items());
        }
        return all;
    }

    /** An instant as a spreadsheet shows it best: local date and time, no zone letters. */
    public static String localTime(Instant at, ZoneId zone) {
        return at == null ? "" : LocalDateTime.ofInstant(at, zone).format(LOCAL);
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !isNumber(text)) {
            return "'" + text;
        }
        return text;
    }

    private static boolean isNumber(String text) {
        try {
            new java.math.BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One data row of an uploaded document: its line number in the file (the header is line 1) and its cells. */
    public record Row(long line, Map<String, String> cells) {
        /** The cell of a column, stripped; null when empty or absent. */
        public String get(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    /** A document that cannot be read as CSV with the expected header: a 400 naming what is wrong. */
    public static final class Unreadable extends ProblemException {
        Unreadable(String key, Object... args) {
            super(400, "invalid-csv", Messages.of(key, args));
        }
    }

    /**
     * Reads an uploaded document: a header row naming columns (case and surrounding spaces ignored; a byte order mark
     * too), then at most {@code maxRows} rows. Columns not in {@code known} and a missing one of {@code required} make
     * it {@link Unreadable}, as does a malformed quote; blank rows are skipped.
     */
    public static List<Row> read(String document, List<String> known, List<String> required, int maxRows) {
        String text = document.startsWith(String.valueOf(BOM)) ? document.substring(1) : document;
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            List<String> unknown =
                    header.stream().filter(h -> !known.contains(h)).toList();
            if (!unknown.isEmpty()) {
                throw new Unreadable("csv.unknown-columns", unknown, known);
            }
            List<String> missing =
                    required.stream().filter(r -> !header.contains(r)).toList();
            if (!missing.isEmpty()) {
                throw new Unreadable("csv.missing-columns", missing, known);
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() >= maxRows) {
                    throw new Unreadable("csv.too-many-rows", maxRows);
                }
                Map<String, String> cells = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    cells.put(header.get(i), record.get(i));
                }
                if (cells.values().stream().allMatch(String::isBlank)) {
                    continue;
                }
                // the line the row starts on, as a spreadsheet numbers it (a quoted cell may span lines)
                rows.add(new Row(record.getRecordNumber() + 1, cells));
            }
            return rows;
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new Unreadable("csv.unreadable", e.getMessage());
        }
    }
}
