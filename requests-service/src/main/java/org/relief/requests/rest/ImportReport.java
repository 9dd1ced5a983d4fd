package org.relief.requests.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of each request of an uploaded sheet. */
@Schema(name = "SheetImportReport")
public record ImportReport(
        @Schema(description = "requests in the sheet (rows grouped by ref)") int requests,
        @Schema(description = "submitted now") int accepted,
        @Schema(description = "submitted by an earlier upload with the same Idempotency-Key") int replayed,
        @Schema(description = "not submitted: see their errors") int rejected,
        @Schema(description = "in the sheet's order") List<Outcome> outcomes) {

    public enum Status {
        ACCEPTED,
        REPLAYED,
        REJECTED
    }

    @Schema(name = "SheetImportOutcome")
    public record Outcome(
            @Schema(description = "the sheet's ref of the request (null: a row without one)") String ref,
            @Schema(description = "its rows in the sheet (the header is row 1)") List<Long> rows,
            Status status,
            @Schema(description = "the help request's id when accepted or replayed") String requestId,
            List<HelpRequestSheet.RowError> errors) {

        static Outcome submitted(HelpRequestSheet.Entry entry, String requestId, boolean replayed) {
            return new Outcome(
                    entry.ref(), entry.rows(), replayed ? Status.REPLAYED : Status.ACCEPTED, requestId, List.of());
        }

        static Outcome rejected(HelpRequestSheet.Entry entry, List<HelpRequestSheet.RowError> errors) {
            return new Outcome(entry.ref(), entry.rows(), Status.REJECTED, null, errors);
        }
    }

    static ImportReport of(List<Outcome> outcomes) {
        return new ImportReport(
                outcomes.size(),
                count(outcomes, Status.ACCEPTED),
                count(outcomes, Status.REPLAYED),
                count(outcomes, Status.REJECTED),
                outcomes);
    }

    private static int count(List<Outcome> outcomes, Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }
}
