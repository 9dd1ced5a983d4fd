package org.relief.inventory.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.time.ZoneId;
import org.relief.inventory.service.StockLedgerQueries;
import org.relief.kernel.web.DateFilters;

/** Query parameters of GET /stock/ledger, checked by Bean Validation so that a bad one is a 400 naming it. */
public class LedgerQuery {
    static final String KIND = "RECEIVED|RESERVED|RELEASED|ISSUED|ADJUSTED|REVERSED|WRITTEN_OFF|QUARANTINED"
            + "|QUARANTINE_RELEASED|QUARANTINE_WRITTEN_OFF";

    @QueryParam("item")
    @Size(max = 100)
    public String item;

    @QueryParam("warehouseId")
    @Size(max = 64)
    public String warehouseId;

    @QueryParam("kind")
    @Pattern(regexp = KIND, message = "must be one of " + KIND)
    public String kind;

    @QueryParam("requestId")
    @Size(max = 64)
    public String requestId;

    /** inclusive; a date means from its start in the platform's local zone */
    @QueryParam("from")
    @Pattern(regexp = DateFilters.WHEN)
    public String from;

    /** exclusive for an instant; a date includes that whole day (local zone) */
    @QueryParam("to")
    @Pattern(regexp = DateFilters.WHEN)
    public String to;

    StockLedgerQueries.Filter filter(ZoneId zone) {
        return new StockLedgerQueries.Filter(
                blankToNull(item),
                blankToNull(warehouseId),
                blankToNull(kind),
                blankToNull(requestId),
                from == null ? null : DateFilters.instant("from", from, false, zone),
                to == null ? null : DateFilters.instant("to", to, true, zone));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
