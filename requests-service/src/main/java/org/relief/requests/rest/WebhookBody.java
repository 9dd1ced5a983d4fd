package org.relief.requests.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookRegistration", description = "Where the organisation's requests' status changes are pushed")
public record WebhookBody(
        @Schema(
                        example = "https://partner.example.org/relief/notifications",
                        description = "an https:// URL on a public address")
                @NotBlank
                @Size(max = 2000)
                String url,
        @Schema(example = "雁塔区社区办公室的工单系统") @Size(max = 200) String description,
        @Schema(description = "the organisation; optional for a partner (its own), required for ops") @Size(max = 64)
                String organisationId) {}
