package org.relief.requests.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "Receipt",
        description =
                "What arrived, per line: accepted and rejected quantities. Without lines (an "
                        + "empty body or {}) the receipt confirms exactly what the proofs of delivery of the reported trips say.")
public record ReceiptBody(@Size(min = 1, max = 100) List<@Valid @NotNull Line> lines) {

    @Schema(name = "ReceiptLine")
    public record Line(
            @Schema(example = "protective-suit") @NotBlank @Size(max = 100) String item,
            @NotNull @PositiveOrZero @DecimalMax("10000000") BigDecimal accepted,
            @NotNull @PositiveOrZero @DecimalMax("10000000") BigDecimal rejected,
            @Schema(example = "包装破损") @Size(max = 500) String rejectionReason) {}
}
