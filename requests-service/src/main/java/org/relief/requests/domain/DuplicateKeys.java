package org.relief.requests.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What makes two requests look alike: the same compound and district written with different case, spacing or
 * full-width characters, and the same items (supplies), passenger and pickup (ride) or person and need (care).
 */
public final class DuplicateKeys {
    private DuplicateKeys() {}

    /** Case-, width- and space-insensitive form of a name ("锦业路 小区" = "锦业路小区", "Block A" = "block a"). */
    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFKC)
                .replaceAll("[\\s\\u3000]+", "")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Equal for look-alike requests. A ride's or a visit's key names a person, so it is kept as a SHA-256 digest, never
     * as the name itself.
     */
    public static String matchKey(
            RequestKind kind, java.util.List<SupplyLine> lines, RideDetails ride, CareDetails care) {
        if (kind == RequestKind.RIDE && ride != null) {
            return "ride|" + digest(normalize(ride.passengerName()) + "|" + normalize(ride.pickupAddress()));
        }
        if (kind == RequestKind.CARE && care != null) {
            return "care|" + digest(normalize(care.personName()) + "|" + care.need());
        }
        TreeSet<String> items = lines == null
                ? new TreeSet<>()
                : lines.stream().map(l -> normalize(l.item())).collect(Collectors.toCollection(TreeSet::new));
        return "supplies|" + String.join(",", items);
    }

    private static String digest(String s) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
