package org.relief.requests.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.requests.domain.Priority;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What a partner organisation sends to ask for supplies. */
@Schema(name = "SubmitHelpRequest", description = "A request for supplies for a community or a person")
public record SubmitHelpRequestBody(
        @Schema(example = "yanta-community-office") @NotBlank @Size(max = 64) String organisationId,
        @NotNull Priority priority,
        @Schema(example = "雁塔区丈八街道 锦业路小区") @NotBlank @Size(max = 200) String community,
        @Schema(example = "雁塔区") @NotBlank @Size(max = 100) String district,
        @Size(max = 500) String address,
        @Size(max = 100) String contactName,
        @Pattern(regexp = "^[+0-9 ()-]{5,30}$", message = "{relief.phone}") String contactPhone,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines,
        Instant neededBy,
        @Schema(example = "我们社区缺少防护服") @Size(max = 4000) String note) {

    @Schema(name = "RequestedLine")
    public record Line(
            @Schema(example = "protective-suit") @NotBlank @Size(max = 100) String item,
            @Schema(example = "200") @NotNull @Positive @DecimalMax("10000000") BigDecimal quantity,
            @Schema(example = "piece") @NotBlank @Size(max = 20) String unit) {
    }
}
