package org.relief.inventory.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.time.ZoneId;
import org.relief.inventory.service.DonationService;
import org.relief.kernel.web.DateFilters;

/** Query parameters of GET /donations, checked by Bean Validation so that a bad one is a 400 naming it. */
public class DonationQuery {
    @QueryParam("donorOrganisationId")
    @Size(max = 64)
    public String donorOrganisationId;

    @QueryParam("warehouseId")
    @Size(max = 64)
    public String warehouseId;

    /** inclusive; a date means from its start in the platform's local zone */
    @QueryParam("receivedFrom")
    @Pattern(regexp = DateFilters.WHEN)
    public String receivedFrom;

    /** exclusive for an instant; a date includes that whole day (local zone) */
    @QueryParam("receivedTo")
    @Pattern(regexp = DateFilters.WHEN)
    public String receivedTo;

    DonationService.Filter filter(String donor, ZoneId zone) {
        return new DonationService.Filter(
                donor,
                warehouseId == null || warehouseId.isBlank() ? null : warehouseId,
                receivedFrom == null ? null : DateFilters.instant("receivedFrom", receivedFrom, false, zone),
                receivedTo == null ? null : DateFilters.instant("receivedTo", receivedTo, true, zone));
    }
}
