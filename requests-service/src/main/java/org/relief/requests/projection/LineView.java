package org.relief.requests.projection;

import java.math.BigDecimal;
import org.relief.requests.domain.CatalogueRejection;
import org.relief.requests.domain.LineState;
import org.relief.requests.domain.Progress;

/**
 * One supplies line as partners see it: the quantities and how far each has come. {@code catalogueRejection} (reason
 * and the catalogue's unit) is set when inventory refused the line because it does not fit its catalogue.
 */
public record LineView(
        String item,
        String unit,
        BigDecimal requested,
        BigDecimal reserved,
        BigDecimal inTransit,
        BigDecimal delivered,
        BigDecimal rejected,
        Progress reservedProgress,
        Progress inTransitProgress,
        Progress deliveredProgress,
        CatalogueRejection catalogueRejection) {

    public static LineView of(LineState l) {
        return new LineView(
                l.item(),
                l.unit(),
                l.requested(),
                l.reserved(),
                l.inTransit(),
                l.delivered(),
                l.rejected(),
                l.reservedProgress(),
                l.inTransitProgress(),
                l.deliveredProgress(),
                l.catalogueRejection());
    }
}
