package org.relief.kernel.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A filtered, paged list read with plain SQL: conditions added only for the filters given, the total counted with
 * the same conditions, and one page read in a stable order. The lists behind the REST APIs that read a read model
 * table directly (trips, the stock ledger) share it.
 */
public final class PagedSelect {
    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** One page of rows and how many match in all. */
    public record Rows<T>(List<T> items, long total) {}

    private final StringBuilder where = new StringBuilder(" where true");
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} (one {@code ?}) with {@code value}, unless the value is null (the filter not given). */
    public PagedSelect and(String condition, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            params.add(value);
        }
        return this;
    }

    /** Counts the matching rows of {@code from} (a table or join), then reads page {@code page} of {@code size}. */
    public <T> Rows<T> page(
            Connection c, String select, String from, String orderBy, int page, int size, RowMapper<T> row)
            throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + from + where)) {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<T> items = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(select + " from " + from + where + " order by " + orderBy + " limit ? offset ?")) {
            bind(ps);
            ps.setInt(params.size() + 1, size);
            ps.setLong(params.size() + 2, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(row.map(rs));
                }
            }
        }
        return new Rows<>(items, total);
    }

    private void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
