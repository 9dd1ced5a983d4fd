package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One line of a donation, received as its own lot (so it can be traced to the community that gets it). */
public record DonatedLot(String lotId, String item, BigDecimal quantity, String lotCode, LocalDate expiresOn) {}
