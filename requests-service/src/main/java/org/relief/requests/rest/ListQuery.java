package org.relief.requests.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import java.time.ZoneId;
import org.relief.kernel.web.DateFilters;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.service.HelpRequestFilter;

/**
 * Query parameters of GET /help-requests. They arrive as strings and are checked by Bean Validation, because a
 * failed JAX-RS conversion of a query parameter answers 404, not a 400 naming the parameter.
 */
public class ListQuery {
    static final String STATUSES = "SUBMITTED|RESERVATION_PENDING|WAITING_FOR_STOCK|PARTIALLY_RESERVED|RESERVED|"
            + "WAITING_FOR_VEHICLE|TRANSPORT_SCHEDULED|IN_TRANSIT|DELIVERED|PARTIALLY_DELIVERED|WAITING_FOR_VOLUNTEER|"
            + "VOLUNTEER_ASSIGNED|FULFILLED|CANCELLED|EXPIRED";

    @QueryParam("status")
    @Pattern(regexp = STATUSES)
    public String status;

    @QueryParam("district")
    @jakarta.validation.constraints.Size(max = 100)
    public String district;

    @QueryParam("priority")
    @Pattern(regexp = "CRITICAL|HIGH|NORMAL")
    public String priority;

    @QueryParam("organisationId")
    @jakarta.validation.constraints.Size(max = 64)
    public String organisationId;

    @QueryParam("kind")
    @Pattern(regexp = "SUPPLIES|RIDE|CARE")
    public String kind;
    /** inclusive; a date means from its start in the platform's local zone (relief.local-zone) */
    @QueryParam("submittedFrom")
    @Pattern(regexp = DateFilters.WHEN)
    public String submittedFrom;
    /** exclusive for an instant; a date includes that whole day (local zone) */
    @QueryParam("submittedTo")
    @Pattern(regexp = DateFilters.WHEN)
    public String submittedTo;

    /** inclusive: requests changed at or after it, oldest change first (for clients that poll) */
    @QueryParam("updatedSince")
    @Pattern(regexp = DateFilters.WHEN)
    public String updatedSince;

    @QueryParam("overdue")
    @Pattern(regexp = "true|false")
    public String overdue;

    HelpRequestFilter filter(String scopedOrganisationId, ZoneId zone) {
        return new HelpRequestFilter(
                status == null ? null : RequestStatus.valueOf(status),
                blankToNull(district),
                priority == null ? null : Priority.valueOf(priority),
                scopedOrganisationId,
                kind == null ? null : RequestKind.valueOf(kind),
                submittedFrom == null ? null : DateFilters.instant("submittedFrom", submittedFrom, false, zone),
                submittedTo == null ? null : DateFilters.instant("submittedTo", submittedTo, true, zone),
                overdue == null ? null : Boolean.valueOf(overdue),
                updatedSince == null ? null : DateFilters.instant("updatedSince", updatedSince, false, zone));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
