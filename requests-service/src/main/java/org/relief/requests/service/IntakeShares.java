package org.relief.requests.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.relief.kernel.tx.DatabaseException;
import org.relief.requests.domain.Vulnerability;

/**
 * Each organisation's share of critical and flagged intake since an instant (issue 11): nothing verifies the priority
 * and vulnerability flags a partner submits, so ops look for organisations whose intake is unusually critical or
 * flagged. Counts what was submitted (help_request_view's submitted_priority and submitted_vulnerabilities), not what
 * ops corrected it to, and how many of those requests ops corrected.
 */
@ApplicationScoped
public class IntakeShares {
    private final DataSource dataSource;

    public IntakeShares(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One organisation's intake; shares are fractions of {@code submitted} with 4 decimals. */
    public record Share(
            String organisationId,
            long submitted,
            long critical,
            long flagged,
            long allFlags,
            long corrected,
            BigDecimal criticalShare,
            BigDecimal flaggedShare,
            BigDecimal allFlagsShare,
            BigDecimal correctedShare) {
        static Share of(String org, long submitted, long critical, long flagged, long allFlags, long corrected) {
            return new Share(
                    org,
                    submitted,
                    critical,
                    flagged,
                    allFlags,
                    corrected,
                    share(critical, submitted),
                    share(flagged, submitted),
                    share(allFlags, submitted),
                    share(corrected, submitted));
        }
    }

    /** Per organisation, highest critical share first; {@code total} over all organisations. */
    public record Report(Instant since, List<Share> organisations, Share total) {}

    public Report since(Instant since) {
        String sql = "select organisation_id, count(*), "
                + "count(*) filter (where submitted_priority = 'CRITICAL'), "
                + "count(*) filter (where jsonb_array_length(submitted_vulnerabilities) > 0), "
                + "count(*) filter (where (select count(distinct f) from jsonb_array_elements_text(submitted_vulnerabilities) f) >= ?), "
                + "count(*) filter (where priority_corrections > 0) "
                + "from help_request_view where submitted_at >= ? group by organisation_id";
        List<Share> shares = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, Vulnerability.values().length);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shares.add(Share.of(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading the intake shares failed", e);
        }
        shares.sort((a, b) -> {
            int byShare = b.criticalShare().compareTo(a.criticalShare());
            if (byShare != 0) {
                return byShare;
            }
            int bySize = Long.compare(b.submitted(), a.submitted());
            return bySize != 0 ? bySize : a.organisationId().compareTo(b.organisationId());
        });
        Share total = Share.of(
                null,
                shares.stream().mapToLong(Share::submitted).sum(),
                shares.stream().mapToLong(Share::critical).sum(),
                shares.stream().mapToLong(Share::flagged).sum(),
                shares.stream().mapToLong(Share::allFlags).sum(),
                shares.stream().mapToLong(Share::corrected).sum());
        return new Report(since, shares, total);
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
