package org.relief.volunteer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The calls the saga opens, from the figures of a freight trip or a care request: plain rules, so they are tested
 * without Kafka.
 */
public final class SagaCalls {
    /** the help-request kind that asks for a visit, as requests-service names it */
    public static final String CARE_REQUEST_KIND = "CARE";

    public static final int MAX_LOADERS = 6;
    public static final Duration LOADING_TIME = Duration.ofHours(1);
    /** a care request without a window: a visit within the next four hours */
    public static final Duration DEFAULT_VISIT = Duration.ofHours(4);

    private SagaCalls() {}

    /** ceil(weight / kg per loader), at least 1 and at most {@value #MAX_LOADERS}; an unknown weight needs one. */
    public static int loaders(BigDecimal weightKg, BigDecimal kgPerLoader) {
        if (weightKg == null || weightKg.signum() <= 0 || kgPerLoader == null || kgPerLoader.signum() <= 0) {
            return 1;
        }
        int n = weightKg.divide(kgPerLoader, 0, RoundingMode.CEILING).intValue();
        return Math.max(1, Math.min(MAX_LOADERS, n));
    }

    /** Loading at the warehouse during the first hour of the trip's window. */
    public static OpenCall loading(
            String requestId,
            String tripId,
            String organisationId,
            String district,
            String placeName,
            String address,
            BigDecimal weightKg,
            BigDecimal kgPerLoader,
            Instant windowStart) {
        return new OpenCall(
                requestId,
                tripId,
                organisationId,
                CallPurpose.LOADING,
                Skill.LOADING,
                null,
                loaders(weightKg, kgPerLoader),
                district,
                place(placeName, address, district),
                "load "
                        + (weightKg == null
                                ? "the goods"
                                : weightKg.stripTrailingZeros().toPlainString() + " kg") + " for trip " + tripId,
                windowStart,
                windowStart.plus(LOADING_TIME));
    }

    /**
     * Handing out in the compound from the end of loading to the end of the trip's window; a window shorter than
     * that still gets an hour of hand-out.
     */
    public static OpenCall handOut(
            String requestId,
            String tripId,
            String organisationId,
            String district,
            String placeName,
            String address,
            int handOutSize,
            Instant windowStart,
            Instant windowEnd) {
        Instant start = windowStart.plus(LOADING_TIME);
        Instant end = windowEnd == null || !windowEnd.isAfter(start) ? start.plus(LOADING_TIME) : windowEnd;
        return new OpenCall(
                requestId,
                tripId,
                organisationId,
                CallPurpose.HAND_OUT,
                null,
                null,
                Math.max(1, handOutSize),
                district,
                place(placeName, address, district),
                "hand out the goods of trip " + tripId,
                start,
                end);
    }

    /**
     * A visit for one volunteer. The requested skill if it is a catalogue code; otherwise the skill the need implies
     * (or anyone for OTHER), and the call says so.
     */
    public static OpenCall careVisit(
            String requestId,
            String organisationId,
            String district,
            String community,
            String address,
            String need,
            String requestedSkill,
            String personName,
            Instant windowStart,
            Instant windowEnd,
            Instant now) {
        Skill skill = Skill.of(requestedSkill).orElse(null);
        String note = null;
        if (skill == null) {
            skill = forNeed(need);
            note = (requestedSkill == null || requestedSkill.isBlank()
                            ? "no skill was requested"
                            : "requested skill '" + requestedSkill + "' is not in the catalogue")
                    + (skill == null ? "; anyone may visit" : "; matched by need " + need + " as " + skill.code());
        }
        Instant start = windowStart != null ? windowStart : now;
        Instant end = windowEnd != null && windowEnd.isAfter(start) ? windowEnd : start.plus(DEFAULT_VISIT);
        String place = place(community, address, district);
        return new OpenCall(
                requestId,
                null,
                organisationId,
                CallPurpose.CARE_VISIT,
                skill,
                note,
                1,
                district,
                place,
                "visit" + (personName == null || personName.isBlank() ? "" : " " + personName.strip())
                        + (need == null ? "" : " (" + need + ")"),
                start,
                end);
    }

    static Skill forNeed(String need) {
        if (need == null) {
            return null;
        }
        return switch (need) {
            case "ELDERLY_CARE" -> Skill.ELDERLY_CARE;
            case "DISABILITY_SUPPORT" -> Skill.DISABILITY_SUPPORT;
            case "PSYCHOLOGICAL_SUPPORT" -> Skill.PSYCHOLOGICAL_COUNSELLING;
            case "MEDICAL" -> Skill.MEDICAL;
            default -> null;
        };
    }

    /** "name, address" (either may be missing); the district when both are. */
    public static String place(String name, String address, String district) {
        boolean n = name != null && !name.isBlank();
        boolean a = address != null && !address.isBlank();
        String p = n && a ? name.strip() + ", " + address.strip() : n ? name.strip() : a ? address.strip() : district;
        return p != null && p.length() > VolunteerCall.MAX_TEXT ? p.substring(0, VolunteerCall.MAX_TEXT) : p;
    }
}
