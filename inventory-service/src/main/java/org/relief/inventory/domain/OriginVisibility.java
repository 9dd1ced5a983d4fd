package org.relief.inventory.domain;

/**
 * Whose donor origin (donor organisation and donation id of a lot) a caller may see (issue 11). Ops see every lot's
 * origin. A donor sees the origin only of lots from its own organisation's donations. Everyone else (partners,
 * dispatchers, volunteer coordinators, a donor token without an organisation) sees no origin at all. The lots
 * themselves, with their quantities, stay visible to whoever may read them; only the origin is withheld.
 */
public record OriginVisibility(boolean everything, String donorOrganisationId) {
    public static final OriginVisibility ALL = new OriginVisibility(true, null);
    public static final OriginVisibility NONE = new OriginVisibility(false, null);

    /** What a lot's origin field says: {@code SHOWN} (donationId and donorOrganisationId given) or {@code WITHHELD} (both null). */
    public enum Origin {
        SHOWN,
        WITHHELD
    }

    /**
     * The rule, from whether the caller is ops or a donor (the service layer reads its roles) and the organisation its
     * token names (null or blank: none).
     */
    public static OriginVisibility of(boolean ops, boolean donor, String organisationId) {
        if (ops) {
            return ALL;
        }
        if (donor && organisationId != null && !organisationId.isBlank()) {
            return new OriginVisibility(false, organisationId);
        }
        return NONE;
    }

    /** Whether a lot donated by {@code lotDonorOrganisationId} shows its origin to this caller. */
    public boolean shows(String lotDonorOrganisationId) {
        return everything || (donorOrganisationId != null && donorOrganisationId.equals(lotDonorOrganisationId));
    }

    public Origin origin(String lotDonorOrganisationId) {
        return shows(lotDonorOrganisationId) ? Origin.SHOWN : Origin.WITHHELD;
    }
}
