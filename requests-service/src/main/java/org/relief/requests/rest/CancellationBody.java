package org.relief.requests.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Cancellation", description = "Why the request is no longer needed")
public record CancellationBody(@Schema(example = "已从其他渠道获得物资") @NotBlank @Size(max = 500) String reason) {}
