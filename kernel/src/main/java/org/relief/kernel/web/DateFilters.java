package org.relief.kernel.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.relief.kernel.domain.RuleViolation;

/**
 * Date filters of the lists: a date alone is a day in the platform's local zone ({@code relief.local-zone},
 * Asia/Shanghai by default: a UTC day starts at 08:00 in Xi'an), an instant is taken as given.
 */
public final class DateFilters {
    /** a date (2021-12-24) or an instant (2021-12-24T08:00:00Z, or with an offset such as +08:00) */
    public static final String WHEN = "\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}))?";

    private DateFilters() {}

    /**
     * The instant as given, or a date's start in {@code zone} (with {@code endOfDay}, the next day's start: an
     * exclusive end that includes the whole day). A 400 naming the parameter for an impossible date.
     */
    public static Instant instant(String name, String value, boolean endOfDay, ZoneId zone) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid(Messages.of("rule.date-filter", name, value));
        }
    }
}
