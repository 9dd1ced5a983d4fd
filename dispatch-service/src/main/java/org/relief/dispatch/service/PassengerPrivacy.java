package org.relief.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Need to know for a ride's passenger (issue 11), the one place that decides what of a RIDE trip a caller sees.
 * <ul>
 *   <li>ops: everything;</li>
 *   <li>the dispatcher of the organisation whose taxi carries the ride, while the trip is open (SCHEDULED or
 *   PICKED_UP): the passenger's name and phone and the exact pickup and drop-off addresses;</li>
 *   <li>every other dispatcher (a queued ride, another desk's ride, or any ride once it has ended, the carrying desk
 *   included): no name, no phone, no address. What is needed to pick a taxi stays: the pickup and drop-off districts,
 *   the ride's window, its accessibility needs, the status, why it waits.</li>
 * </ul>
 * A withheld trip says so ({@code personalData} {@value #WITHHELD}); its timeline loses the same fields, and any
 * text left in it (reasons, notes, explanations) has the passenger's name, phone and addresses replaced by
 * {@value #REDACTED}. FREIGHT trips carry no private person's data and pass unchanged ({@code personalData} null).
 */
public final class PassengerPrivacy {
    /** The caller sees the passenger's personal data. */
    public static final String SHOWN = "SHOWN";
    /** The passenger's personal data is left out (null) for this caller. */
    public static final String WITHHELD = "WITHHELD";

    static final String REDACTED = "[withheld]";
    private static final String RIDE = "RIDE";
    /** Shorter strings are not searched for in free text: they would blank out unrelated words. */
    private static final int MIN_SECRET_LENGTH = 2;

    private PassengerPrivacy() {}

    /**
     * Whether a caller may know who rides and where from/to.
     *
     * @param viewerOrganisation null for ops; else the dispatcher's organisation
     */
    public static boolean mayKnow(String status, String vehicleOrganisationId, String viewerOrganisation) {
        if (viewerOrganisation == null) {
            return true;
        }
        boolean open = "SCHEDULED".equals(status) || "PICKED_UP".equals(status);
        return open && viewerOrganisation.equals(vehicleOrganisationId);
    }

    /** The trip as {@code viewerOrganisation} (null: ops) may see it. */
    public static TripQueries.TripSummary trip(TripQueries.TripSummary t, String viewerOrganisation) {
        if (!RIDE.equals(t.kind())) {
            return t;
        }
        if (mayKnow(t.status(), t.vehicleOrganisationId(), viewerOrganisation)) {
            return t.withPersonalData(
                    SHOWN, t.from(), t.to(), t.ride(), t.queueReason(), t.queueReasonZh(), t.explanation());
        }
        List<String> secrets = secrets(t, List.of());
        TripQueries.RideView r = t.ride();
        TripQueries.RideView ride = r == null
                ? null
                : new TripQueries.RideView(
                        null,
                        null,
                        r.pickupDistrict(),
                        r.dropoffDistrict(),
                        r.windowStart(),
                        r.windowEnd(),
                        r.accessibility());
        return t.withPersonalData(
                WITHHELD,
                placeWithheld(t.from()),
                placeWithheld(t.to()),
                ride,
                scrub(t.queueReason(), secrets),
                scrub(t.queueReasonZh(), secrets),
                scrub(copy(t.explanation()), secrets));
    }

    /** The trip and its timeline as {@code viewerOrganisation} (null: ops) may see them. */
    public static TripQueries.TripDetails details(
            TripQueries.TripSummary t, List<TripQueries.TimelineEntry> timeline, String viewerOrganisation) {
        if (!RIDE.equals(t.kind()) || mayKnow(t.status(), t.vehicleOrganisationId(), viewerOrganisation)) {
            return new TripQueries.TripDetails(trip(t, viewerOrganisation), timeline);
        }
        List<String> secrets = secrets(t, timeline);
        List<TripQueries.TimelineEntry> out = new ArrayList<>();
        for (TripQueries.TimelineEntry e : timeline) {
            out.add(new TripQueries.TimelineEntry(
                    e.version(),
                    e.event(),
                    e.at(),
                    e.actor(),
                    e.causedBy(),
                    scrub(withheld(e.event(), copy(e.details())), secrets)));
        }
        return new TripQueries.TripDetails(trip(t, viewerOrganisation), out);
    }

    /** An event's details without the personal fields a ride's events carry (Planned: ride, from, to; Delivered). */
    private static JsonNode withheld(String event, JsonNode details) {
        if (details instanceof ObjectNode o) {
            placeFieldsOut(o.get("from"));
            placeFieldsOut(o.get("to"));
            if (o.get("ride") instanceof ObjectNode ride) {
                ride.putNull("passengerName");
                if (ride.has("passengerPhone")) {
                    ride.putNull("passengerPhone");
                }
            }
            if ("Delivered".equals(event)) {
                // for a ride, who received the passenger and the note are about the passenger
                o.putNull("receivedBy");
                o.putNull("note");
            }
        }
        return details;
    }

    private static JsonNode placeWithheld(JsonNode place) {
        JsonNode p = copy(place);
        placeFieldsOut(p);
        return p;
    }

    /** A ride's place keeps its district; its name and address are the exact address. */
    private static void placeFieldsOut(JsonNode place) {
        if (place instanceof ObjectNode p) {
            p.putNull("name");
            p.putNull("address");
        }
    }

    /** The strings that identify the passenger or where they live or go, as this trip and its events hold them. */
    private static List<String> secrets(TripQueries.TripSummary t, List<TripQueries.TimelineEntry> timeline) {
        Set<String> out = new LinkedHashSet<>();
        if (t.ride() != null) {
            add(out, t.ride().passengerName());
            add(out, t.ride().passengerPhone());
        }
        addPlace(out, t.from());
        addPlace(out, t.to());
        for (TripQueries.TimelineEntry e : timeline) {
            JsonNode d = e.details();
            if (d == null) {
                continue;
            }
            addPlace(out, d.get("from"));
            addPlace(out, d.get("to"));
            JsonNode ride = d.get("ride");
            if (ride != null) {
                add(out, text(ride.get("passengerName")));
                add(out, text(ride.get("passengerPhone")));
            }
            if ("Delivered".equals(e.event())) {
                add(out, text(d.get("receivedBy")));
            }
        }
        // a district is no secret (it is shown on purpose), even where someone typed it as the address
        for (JsonNode place : new JsonNode[] {t.from(), t.to()}) {
            if (place != null) {
                out.remove(strip(text(place.get("district"))));
            }
        }
        if (t.ride() != null) {
            out.remove(strip(t.ride().pickupDistrict()));
            out.remove(strip(t.ride().dropoffDistrict()));
        }
        // the longest first, so that a name inside an address does not leave the rest of the address behind
        List<String> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    private static void addPlace(Set<String> out, JsonNode place) {
        if (place != null) {
            add(out, text(place.get("name")));
            add(out, text(place.get("address")));
        }
    }

    private static void add(Set<String> out, String s) {
        String v = strip(s);
        if (v != null && v.length() >= MIN_SECRET_LENGTH) {
            out.add(v);
        }
    }

    private static JsonNode scrub(JsonNode node, List<String> secrets) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                f.setValue(scrub(f.getValue(), secrets));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, scrub(a.get(i), secrets));
            }
        } else if (node != null && node.isTextual()) {
            String s = scrub(node.asText(), secrets);
            return s.equals(node.asText()) ? node : TextNode.valueOf(s);
        }
        return node;
    }

    private static String scrub(String s, List<String> secrets) {
        if (s == null || secrets.isEmpty()) {
            return s;
        }
        String out = s;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    private static JsonNode copy(JsonNode n) {
        return n == null ? null : n.deepCopy();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
