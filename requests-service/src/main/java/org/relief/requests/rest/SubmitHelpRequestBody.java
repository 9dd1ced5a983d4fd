package org.relief.requests.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.requests.domain.Accessibility;
import org.relief.requests.domain.CareDetails;
import org.relief.requests.domain.CareNeed;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RideDetails;
import org.relief.requests.domain.SubmitHelpRequest;
import org.relief.requests.domain.SupplyLine;
import org.relief.requests.domain.Vulnerability;

/**
 * What a partner organisation sends to ask for help. The part matching {@code kind} (lines, ride or care) is
 * required and the others must be absent ({@link KindParts}).
 */
@Schema(
        name = "SubmitHelpRequest",
        description = "A request for supplies, a ride or a care visit, for a community or a person")
@KindParts
public record SubmitHelpRequestBody(
        @Schema(
                        example = "yanta-community-office",
                        description =
                                "Optional for a partner (its token's organisation; "
                                        + "another one is refused with 403); required for ops, who submit on an organisation's behalf")
                @Size(max = 64)
                String organisationId,
        @Schema(description = "SUPPLIES (the default, for clients of the first version), RIDE or CARE")
                RequestKind kind,
        @NotNull Priority priority,
        @Size(max = 5) List<@NotNull Vulnerability> vulnerabilities,
        @Schema(example = "雁塔区丈八街道 锦业路小区") @NotBlank @Size(max = 200) String community,
        @Schema(example = "雁塔区") @NotBlank @Size(max = 100) String district,
        @Size(max = 500) String address,
        @Size(max = 100) String contactName,
        @Pattern(regexp = "^[+0-9 ()-]{5,30}$", message = "{relief.phone}") String contactPhone,
        Instant neededBy,
        @Schema(example = "我们社区缺少防护服") @Size(max = 4000) String note,
        @Schema(description = "SUPPLIES only: 1 to 100 lines") @Size(max = 100) List<@Valid @NotNull Line> lines,
        @Schema(description = "RIDE only") @Valid Ride ride,
        @Schema(description = "CARE only") @Valid Care care) {

    public RequestKind kindOrDefault() {
        return kind == null ? RequestKind.SUPPLIES : kind;
    }

    /** The command this body asks for, acting for {@code organisation} (text stripped of surrounding spaces). */
    public SubmitHelpRequest toCommand(String organisation) {
        return new SubmitHelpRequest(
                organisation,
                kindOrDefault(),
                priority,
                vulnerabilities,
                community.strip(),
                district.strip(),
                address,
                contactName,
                contactPhone,
                lines == null
                        ? List.of()
                        : lines.stream()
                                .map(l -> new SupplyLine(
                                        l.item().strip(), l.quantity(), l.unit().strip()))
                                .toList(),
                ride == null
                        ? null
                        : new RideDetails(
                                ride.passengerName().strip(),
                                ride.passengerPhone(),
                                ride.pickupAddress().strip(),
                                ride.pickupDistrict().strip(),
                                ride.dropoffAddress().strip(),
                                ride.dropoffDistrict().strip(),
                                ride.windowStart(),
                                ride.windowEnd(),
                                ride.accessibility() == null ? List.of() : List.copyOf(ride.accessibility())),
                care == null
                        ? null
                        : new CareDetails(
                                care.need(),
                                care.skill(),
                                care.personName().strip(),
                                care.windowStart(),
                                care.windowEnd()),
                neededBy,
                note);
    }

    /** The same body acting for {@code organisation} (what an Idempotency-Key's body hash covers). */
    public SubmitHelpRequestBody forOrganisation(String organisation) {
        return new SubmitHelpRequestBody(
                organisation,
                kind,
                priority,
                vulnerabilities,
                community,
                district,
                address,
                contactName,
                contactPhone,
                neededBy,
                note,
                lines,
                ride,
                care);
    }

    @Schema(name = "RequestedLine")
    public record Line(
            @Schema(example = "protective-suit") @NotBlank @Size(max = 100) String item,
            @Schema(example = "200") @NotNull @Positive @DecimalMax("10000000") BigDecimal quantity,
            @Schema(example = "piece") @NotBlank @Size(max = 20) String unit) {}

    @Schema(
            name = "RideRequest",
            description = "A ride for one person from a pickup to a drop-off within a time window")
    @WindowOrdered
    public record Ride(
            @Schema(example = "李同学") @NotBlank @Size(max = 100) String passengerName,
            @NotBlank @Pattern(regexp = "^[+0-9 ()-]{5,30}$", message = "{relief.phone}") String passengerPhone,
            @Schema(example = "雁塔区锦业路1号") @NotBlank @Size(max = 500) String pickupAddress,
            @NotBlank @Size(max = 100) String pickupDistrict,
            @Schema(example = "西安交通大学考点") @NotBlank @Size(max = 500) String dropoffAddress,
            @NotBlank @Size(max = 100) String dropoffDistrict,
            @NotNull Instant windowStart,
            @NotNull Instant windowEnd,
            @Size(max = 3) List<@NotNull Accessibility> accessibility)
            implements Windowed {}

    @Schema(name = "CareRequest", description = "A visit or help needing a skill; the time window is optional")
    @WindowOrdered
    public record Care(
            @NotNull CareNeed need,
            @Schema(example = "elderly-care")
                    @Size(max = 100)
                    @Pattern(regexp = "^[\\p{L}\\p{N} _-]*$", message = "{relief.skill}")
                    String skill,
            @Schema(example = "张奶奶") @NotBlank @Size(max = 100) String personName,
            Instant windowStart,
            Instant windowEnd)
            implements Windowed {}

    /** A part with a time window, checked by {@link WindowOrdered}. */
    public interface Windowed {
        Instant windowStart();

        Instant windowEnd();
    }
}
