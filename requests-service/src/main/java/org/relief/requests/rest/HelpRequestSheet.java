package org.relief.requests.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.kernel.web.Csv;
import org.relief.kernel.web.Messages;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.Vulnerability;
import org.relief.requests.projection.HelpRequestView;
import org.relief.requests.projection.LineView;

/**
 * Help requests as a spreadsheet: the export of a partner's requests, and the supplies requests a community office
 * keeps in one, uploaded as a batch. One row per supplies line; rows with the same {@code ref} are one request (its
 * request-level cells given once, or the same on every row). Rides and care visits are submitted through the JSON API:
 * a ride's or a visit's many fields do not fit a sheet that people fill in by hand.
 */
public final class HelpRequestSheet {
    /** the cells that describe the request, not one of its lines */
    private static final List<String> REQUEST_LEVEL = List.of(
            "organisation_id",
            "priority",
            "vulnerabilities",
            "community",
            "district",
            "address",
            "contact_name",
            "contact_phone",
            "needed_by",
            "note");
    /** the sheet's columns: the request's reference, its request-level cells, then one supplies line */
    static final List<String> IMPORT_COLUMNS = java.util.stream.Stream.of(
                    List.of("ref"), REQUEST_LEVEL, List.of("item", "quantity", "unit"))
            .flatMap(List::stream)
            .toList();

    static final List<String> REQUIRED =
            List.of("ref", "priority", "community", "district", "item", "quantity", "unit");

    /** within the service's 256 KiB body limit; a bigger sheet is split */
    static final int MAX_ROWS = 1_000;

    static final List<String> EXPORT_COLUMNS = List.of(
            "id",
            "organisation_id",
            "kind",
            "status",
            "priority",
            "community",
            "district",
            "submitted_at",
            "status_changed_at",
            "overdue",
            "waiting_for_stock",
            "item",
            "unit",
            "requested",
            "reserved",
            "in_transit",
            "delivered",
            "rejected",
            "likely_duplicate_of");

    private HelpRequestSheet() {}

    /**
     * One row per supplies line (a request without lines, a ride or a care visit, one row with the line cells
     * empty). No personal data (contact, passenger, the note, which is sealed as it may name people): a sheet travels
     * further than the API.
     */
    static List<List<?>> exportRows(List<HelpRequestView> requests, ZoneId zone) {
        List<List<?>> rows = new ArrayList<>();
        for (HelpRequestView r : requests) {
            List<LineView> lines =
                    r.lines == null || r.lines.isEmpty() ? java.util.Collections.singletonList(null) : r.lines;
            for (LineView l : lines) {
                rows.add(Arrays.asList(
                        r.id,
                        r.organisationId,
                        r.kind,
                        r.status,
                        r.priority,
                        r.community,
                        r.district,
                        Csv.localTime(r.submittedAt, zone),
                        Csv.localTime(r.statusChangedAt, zone),
                        r.overdue,
                        r.waitingForStock(),
                        l == null ? null : l.item(),
                        l == null ? null : l.unit(),
                        l == null ? null : l.requested(),
                        l == null ? null : l.reserved(),
                        l == null ? null : l.inTransit(),
                        l == null ? null : l.delivered(),
                        l == null ? null : l.rejected(),
                        r.likelyDuplicateOf));
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ import

    @Schema(name = "SheetError", description = "What is wrong with one row of an uploaded sheet")
    public record RowError(
            @Schema(description = "the row in the sheet (the header is row 1)") long row,
            @Schema(description = "the column, as named in the header; null: the row as a whole") String column,
            String message) {}

    /** One request of the sheet, as far as the sheet alone can tell: a body to submit, or what is wrong. */
    public record Entry(String ref, List<Long> rows, SubmitHelpRequestBody body, List<RowError> errors) {}

    /** Groups the rows by ref and reads each group into a body, checked by the same rules as the JSON API's. */
    static List<Entry> entries(List<Csv.Row> rows, Validator validator, ZoneId zone, boolean zh) {
        Map<String, List<Csv.Row>> byRef = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Csv.Row row : rows) {
            String ref = row.get("ref");
            if (ref == null) {
                entries.add(new Entry(
                        null,
                        List.of(row.line()),
                        null,
                        List.of(new RowError(row.line(), "ref", Messages.text(zh, "csv.required")))));
                continue;
            }
            byRef.computeIfAbsent(ref, r -> new ArrayList<>()).add(row);
        }
        byRef.forEach((ref, group) -> entries.add(entry(ref, group, validator, zone, zh)));
        entries.sort(java.util.Comparator.comparing(e -> e.rows().get(0)));
        return entries;
    }

    private static Entry entry(String ref, List<Csv.Row> group, Validator validator, ZoneId zone, boolean zh) {
        List<RowError> errors = new ArrayList<>();
        List<Long> lines = group.stream().map(Csv.Row::line).toList();
        // the request-level cells: from the first row that gives each; a different value on another row is an error
        Map<String, String> request = new LinkedHashMap<>();
        Map<String, Long> givenOn = new LinkedHashMap<>();
        for (Csv.Row row : group) {
            for (String column : REQUEST_LEVEL) {
                String value = row.get(column);
                if (value == null) {
                    continue;
                }
                String earlier = request.putIfAbsent(column, value);
                if (earlier == null) {
                    givenOn.put(column, row.line());
                } else if (!earlier.equals(value)) {
                    errors.add(new RowError(
                            row.line(), column, Messages.text(zh, "csv.differs", givenOn.get(column), ref)));
                }
            }
        }
        long first = group.get(0).line();
        Priority priority = enumCell(Priority.class, request.get("priority"), givenOn, "priority", errors, zh);
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        String listed = request.get("vulnerabilities");
        if (listed != null) {
            for (String v : listed.split("[;；,，]")) {
                if (!v.isBlank()) {
                    Vulnerability one =
                            enumCell(Vulnerability.class, v.strip(), givenOn, "vulnerabilities", errors, zh);
                    if (one != null) {
                        vulnerabilities.add(one);
                    }
                }
            }
        }
        Instant neededBy =
                instantCell(request.get("needed_by"), zone, givenOn.getOrDefault("needed_by", first), errors, zh);
        List<SubmitHelpRequestBody.Line> supplyLines = new ArrayList<>();
        for (Csv.Row row : group) {
            BigDecimal quantity = null;
            String q = row.get("quantity");
            if (q != null) {
                try {
                    quantity = new BigDecimal(q.replace(",", ""));
                } catch (NumberFormatException e) {
                    errors.add(new RowError(row.line(), "quantity", Messages.text(zh, "csv.not-a-number", q)));
                }
            }
            supplyLines.add(new SubmitHelpRequestBody.Line(row.get("item"), quantity, row.get("unit")));
        }
        SubmitHelpRequestBody body = new SubmitHelpRequestBody(
                request.get("organisation_id"),
                RequestKind.SUPPLIES,
                priority,
                vulnerabilities,
                request.get("community"),
                request.get("district"),
                request.get("address"),
                request.get("contact_name"),
                request.get("contact_phone"),
                neededBy,
                request.get("note"),
                supplyLines,
                null,
                null);
        for (ConstraintViolation<SubmitHelpRequestBody> v : validator.validate(body)) {
            RowError e = located(v, group, givenOn, first);
            // a cell the sheet could not read is reported once, as unreadable, not again as missing
            if (errors.stream().noneMatch(x -> x.row() == e.row() && Objects.equals(x.column(), e.column()))) {
                errors.add(e);
            }
        }
        errors.sort(java.util.Comparator.comparingLong(RowError::row));
        return new Entry(ref, lines, errors.isEmpty() ? body : null, errors);
    }

    /** A violation of the body's rules, placed on the row and column of the sheet it comes from. */
    private static RowError located(
            ConstraintViolation<SubmitHelpRequestBody> v, List<Csv.Row> group, Map<String, Long> givenOn, long first) {
        String path = v.getPropertyPath().toString();
        Matcher line =
                java.util.regex.Pattern.compile("^lines\\[(\\d+)]\\.?(\\w*)").matcher(path);
        if (line.find()) {
            int i = Integer.parseInt(line.group(1));
            long row = i < group.size() ? group.get(i).line() : first;
            return new RowError(row, line.group(2).isEmpty() ? null : line.group(2), v.getMessage());
        }
        String column =
                switch (path) {
                    case "organisationId" -> "organisation_id";
                    case "contactName" -> "contact_name";
                    case "contactPhone" -> "contact_phone";
                    case "neededBy" -> "needed_by";
                    case "" -> null;
                    default -> path.startsWith("vulnerabilities") ? "vulnerabilities" : path;
                };
        return new RowError(column == null ? first : givenOn.getOrDefault(column, first), column, v.getMessage());
    }

    private static <E extends Enum<E>> E enumCell(
            Class<E> type, String value, Map<String, Long> givenOn, String column, List<RowError> errors, boolean zh) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(
                    givenOn.get(column),
                    column,
                    Messages.text(zh, "csv.not-one-of", value, Arrays.toString(type.getEnumConstants()))));
            return null;
        }
    }

    /** An instant (2026-12-01T08:00:00Z), or a local date and time (2026-12-01 16:00) or date in the platform's zone. */
    private static Instant instantCell(String value, ZoneId zone, long row, List<RowError> errors, boolean zh) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    errors.add(new RowError(row, "needed_by", Messages.text(zh, "csv.not-a-time", value)));
                    return null;
                }
            }
        }
    }
}
