package org.relief.volunteer.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relief.kernel.domain.TimeWindow;
import org.relief.volunteer.domain.VolunteerMatcher;

/**
 * The database half of matching: volunteers who are active, in the district (unless other districts may answer),
 * have the skill or a more specific one, have a window containing the call's start, and hold no booking that
 * overlaps the call. Every condition is an index look-up (district, window range, the booking GiST index).
 * {@link VolunteerMatcher} then applies the full rules and the order.
 */
final class CandidateSearch {
    private static final TypeReference<List<String>> CODES = new TypeReference<>() {};

    private CandidateSearch() {}

    static List<VolunteerMatcher.Candidate> find(
            Connection c, ObjectMapper json, VolunteerMatcher.Need need, Set<String> exclude, int limit)
            throws SQLException {
        String skill = need.skill() == null ? null : need.skill().code();
        Map<String, VolunteerMatcher.Candidate> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select v.id, v.name, v.organisation_id, v.district, "
                + "v.skills::text, (select count(*) from volunteer_booking b where b.volunteer_id = v.id) "
                + "from volunteer_view v where v.active and (? or v.district = ?) "
                + "and (?::text is null or exists (select 1 from jsonb_array_elements_text(v.skills) s(code) "
                + "    where s.code = ?::text or s.code like ?::text || '.%')) "
                + "and exists (select 1 from volunteer_window w where w.volunteer_id = v.id "
                + "    and w.from_at <= ? and w.to_at > ?) "
                + "and not exists (select 1 from volunteer_booking b where b.volunteer_id = v.id "
                + "    and b.period && tstzrange(?, ?, '[)')) "
                + "and v.id <> all (?) "
                + "order by (v.district = ?) desc, v.registered_at, v.id limit ?")) {
            OffsetDateTime start = OffsetDateTime.ofInstant(need.start(), ZoneOffset.UTC);
            OffsetDateTime end = OffsetDateTime.ofInstant(need.end(), ZoneOffset.UTC);
            ps.setBoolean(1, need.otherDistricts());
            ps.setString(2, need.district());
            ps.setString(3, skill);
            ps.setString(4, skill);
            ps.setString(5, skill);
            ps.setObject(6, start);
            ps.setObject(7, start);
            ps.setObject(8, start);
            ps.setObject(9, end);
            ps.setArray(10, c.createArrayOf("text", exclude.toArray()));
            ps.setString(11, need.district());
            ps.setInt(12, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> codes;
                    try {
                        codes = json.readValue(rs.getString(5), CODES);
                    } catch (Exception e) {
                        codes = List.of();
                    }
                    found.put(
                            rs.getString(1),
                            new VolunteerMatcher.Candidate(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    codes,
                                    true,
                                    List.of(),
                                    rs.getInt(6)));
                }
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<TimeWindow>> windows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select volunteer_id, from_at, to_at from volunteer_window "
                + "where volunteer_id = any (?) order by volunteer_id, from_at")) {
            ps.setArray(1, c.createArrayOf("text", found.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    windows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TimeWindow(
                                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                                    rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        List<VolunteerMatcher.Candidate> out = new ArrayList<>();
        for (VolunteerMatcher.Candidate v : found.values()) {
            out.add(new VolunteerMatcher.Candidate(
                    v.volunteerId(),
                    v.name(),
                    v.organisationId(),
                    v.district(),
                    v.skills(),
                    true,
                    windows.getOrDefault(v.volunteerId(), List.of()),
                    v.bookings()));
        }
        return out;
    }

    /**
     * Books the volunteer for [start, end) unless an overlapping booking exists or is being made by a concurrent
     * transaction (which this insert then waits for): ON CONFLICT DO NOTHING also covers exclusion constraints.
     *
     * @return whether the booking was made
     */
    static boolean book(
            Connection c, String assignmentId, String volunteerId, String callId, Instant start, Instant end)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into volunteer_booking (assignment_id, volunteer_id, "
                + "call_id, period) values (?, ?, ?, tstzrange(?, ?, '[)')) on conflict do nothing")) {
            ps.setString(1, assignmentId);
            ps.setString(2, volunteerId);
            ps.setString(3, callId);
            ps.setObject(4, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            ps.setObject(5, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        }
    }
}
