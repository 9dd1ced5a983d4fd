package org.relief.inventory.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.inventory.domain.OriginVisibility;

/**
 * Stock of one item in one warehouse; {@code lots} only when asked for (byLot=true). {@code quarantined}: on hand but
 * rejected at a delivery, never available until ops writes it off or releases it; available = on hand − reserved −
 * quarantined.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockRow(
        String warehouseId,
        String warehouseName,
        String district,
        String item,
        BigDecimal onHand,
        BigDecimal reserved,
        BigDecimal available,
        List<Lot> lots,
        BigDecimal quarantined) {

    /**
     * One lot. Its origin (donationId, donorOrganisationId) is shown to ops for every lot, to a donor only for lots of
     * its own organisation's donations, and to no other role; a withheld origin is null in both fields with
     * {@code origin} WITHHELD.
     */
    @Schema(name = "StockLot")
    public record Lot(
            String lotId,
            String lotCode,
            @Schema(description = "the donation the lot came from; null when origin is WITHHELD", nullable = true)
                    String donationId,
            @Schema(description = "the donor organisation; null when origin is WITHHELD", nullable = true)
                    String donorOrganisationId,
            @Schema(
                            description =
                                    "SHOWN: donationId and donorOrganisationId are given. WITHHELD: both are null "
                                            + "because the caller may not see who donated this lot (ops see every lot's origin, a donor "
                                            + "only its own organisation's lots, other roles none); quantities are shown either way",
                            enumeration = {"SHOWN", "WITHHELD"})
                    OriginVisibility.Origin origin,
            LocalDate expiresOn,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal quarantined) {

        /** This lot as {@code viewer} may see it. */
        public Lot seenBy(OriginVisibility viewer) {
            return viewer.shows(donorOrganisationId)
                    ? new Lot(
                            lotId,
                            lotCode,
                            donationId,
                            donorOrganisationId,
                            OriginVisibility.Origin.SHOWN,
                            expiresOn,
                            onHand,
                            reserved,
                            available,
                            quarantined)
                    : new Lot(
                            lotId,
                            lotCode,
                            null,
                            null,
                            OriginVisibility.Origin.WITHHELD,
                            expiresOn,
                            onHand,
                            reserved,
                            available,
                            quarantined);
        }
    }

    /** This row as {@code viewer} may see it (the lots' origins filtered). */
    public StockRow seenBy(OriginVisibility viewer) {
        return lots == null
                ? this
                : new StockRow(
                        warehouseId,
                        warehouseName,
                        district,
                        item,
                        onHand,
                        reserved,
                        available,
                        lots.stream().map(l -> l.seenBy(viewer)).toList(),
                        quarantined);
    }
}
