package org.relief.inventory.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.inventory.domain.OriginVisibility;
import org.relief.inventory.projection.ReservationView;

/**
 * A reservation as a REST caller sees it: the read model ({@link ReservationView}) with each held lot's donor origin
 * filtered by {@link DonorOrigins} (a partner sees the lots held for its request, not who donated them).
 */
@Schema(name = "Reservation")
public record ReservationAnswer(
        String requestId,
        String reservationId,
        String organisationId,
        String priority,
        List<String> vulnerabilities,
        String district,
        String status,
        List<Line> lines,
        List<String> explanation,
        @Schema(description = "the explanation in Chinese, line by line as explanation (empty before it had one)")
                List<String> explanationZh,
        Instant openedAt,
        Instant submittedAt,
        Instant expiresAt,
        Instant pickedUpAt,
        Instant updatedAt,
        long version) {

    /** One requested line; see {@link org.relief.inventory.projection.ReservationLineView}. */
    @Schema(name = "ReservationLine")
    public record Line(
            String item,
            String unit,
            BigDecimal requested,
            BigDecimal reserved,
            List<Held> allocations,
            BigDecimal issued,
            BigDecimal rejected,
            BigDecimal quarantined) {}

    /** Units of one lot held for one line; the origin as for stock by lot. */
    @Schema(name = "ReservationAllocation")
    public record Held(
            int line,
            String item,
            String warehouseId,
            String warehouseName,
            String lotId,
            @Schema(description = "null when origin is WITHHELD", nullable = true) String donationId,
            @Schema(description = "null when origin is WITHHELD", nullable = true) String donorOrganisationId,
            @Schema(
                            description = "SHOWN: donationId and donorOrganisationId are given. WITHHELD: both are "
                                    + "null because the caller may not see who donated the lot (ops see every origin, a "
                                    + "partner none)",
                            enumeration = {"SHOWN", "WITHHELD"})
                    OriginVisibility.Origin origin,
            BigDecimal quantity,
            LocalDate expiresOn) {}

    static ReservationAnswer of(ReservationView v, OriginVisibility viewer) {
        return new ReservationAnswer(
                v.requestId,
                v.reservationId,
                v.organisationId,
                v.priority,
                v.vulnerabilities,
                v.district,
                v.status,
                v.lines == null
                        ? List.of()
                        : v.lines.stream()
                                .map(l -> DonorOrigins.line(l, viewer))
                                .toList(),
                v.explanation,
                v.explanationZh == null ? List.of() : v.explanationZh,
                v.openedAt,
                v.submittedAt,
                v.expiresAt,
                v.pickedUpAt,
                v.updatedAt,
                v.version);
    }
}
