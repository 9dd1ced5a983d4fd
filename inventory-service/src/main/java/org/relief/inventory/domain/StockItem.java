package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/**
 * The stock ledger of one item code across all warehouses and lots (stream {@code stock-item-<code>}). Every change is
 * an entry; the invariants hold per lot after every entry: on hand ≥ 0, 0 ≤ reserved + quarantined ≤ on hand, and a
 * request never holds more of a lot than was reserved for it (so no unit is reserved twice or released twice).
 * Quarantined units (rejected at a delivery) are on hand but never available: only ops' write-off or release ends
 * a quarantine, once.
 */
public final class StockItem extends AggregateRoot<StockItemEvent> {
    /** Its event-store streams are {@code stock-item-<code>}. */
    public static final String STREAM_TYPE = "stock-item";

    private String item;
    private final Map<String, Lot> lots = new LinkedHashMap<>();
    /** requestId → lotId → units held for it */
    private final Map<String, Map<String, BigDecimal>> held = new HashMap<>();

    private final Map<String, StockItemEvent> entries = new HashMap<>();
    private final Set<String> reversedEntries = new HashSet<>();
    /** quarantine id (its Quarantined entry) → the entry, while neither written off nor released */
    private final Map<String, StockItemEvent.Quarantined> quarantines = new LinkedHashMap<>();

    private static final class Lot {
        final String warehouseId;
        final String lotId;
        final String lotCode;
        final String donationId;
        final String donorOrganisationId;
        final LocalDate expiresOn;
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        BigDecimal quarantined = BigDecimal.ZERO;

        Lot(StockItemEvent.Received r) {
            warehouseId = r.warehouseId();
            lotId = r.lotId();
            lotCode = r.lotCode();
            donationId = r.donationId();
            donorOrganisationId = r.donorOrganisationId();
            expiresOn = r.expiresOn();
        }
    }

    public StockItem() {}

    /** A ledger with no entries yet, for an item that has never been received. */
    public static StockItem empty(String item) {
        StockItem s = new StockItem();
        s.item = item;
        return s;
    }

    /** The ledger as it stood after the given entries (used for as-of queries). */
    public static StockItem fold(String item, List<StockItemEvent> events) {
        StockItem s = empty(item);
        events.forEach(s::apply);
        return s;
    }

    public StockItemEvent.Received receive(
            String warehouseId,
            String lotId,
            String lotCode,
            String donationId,
            String donorOrganisationId,
            BigDecimal quantity,
            LocalDate expiresOn,
            Clock clock) {
        requirePositive(quantity);
        if (lots.containsKey(lotId)) {
            throw RuleViolation.conflict(Texts.of("lot.already-received", lotId));
        }
        var e = new StockItemEvent.Received(
                newEntryId(),
                item,
                warehouseId,
                lotId,
                lotCode,
                donationId,
                donorOrganisationId,
                quantity,
                expiresOn,
                clock.instant());
        raise(e);
        return e;
    }

    /** Holds units of a lot for a request; refuses expired lots and more than is available. */
    public StockItemEvent.Reserved reserve(
            String requestId, String lotId, BigDecimal quantity, LocalDate today, Clock clock) {
        requirePositive(quantity);
        Lot lot = lot(lotId);
        if (lot.expiresOn != null && lot.expiresOn.isBefore(today)) {
            throw RuleViolation.conflict(Texts.of("lot.expired", lotId, item, lot.expiresOn));
        }
        BigDecimal available = lot.onHand.subtract(lot.reserved).subtract(lot.quarantined);
        if (available.compareTo(quantity) < 0) {
            throw RuleViolation.conflict(Texts.of(
                    "lot.not-enough-available", lotId, item, available.toPlainString(), quantity.toPlainString()));
        }
        var e = new StockItemEvent.Reserved(newEntryId(), requestId, lot.warehouseId, lotId, quantity, clock.instant());
        raise(e);
        return e;
    }

    public StockItemEvent.Released release(
            String requestId, String lotId, BigDecimal quantity, String reason, Clock clock) {
        requirePositive(quantity);
        Lot lot = lot(lotId);
        requireHeld(requestId, lotId, quantity);
        var e = new StockItemEvent.Released(
                newEntryId(), requestId, lot.warehouseId, lotId, quantity, reason, clock.instant());
        raise(e);
        return e;
    }

    public StockItemEvent.Issued issue(String requestId, String lotId, BigDecimal quantity, Clock clock) {
        requirePositive(quantity);
        Lot lot = lot(lotId);
        requireHeld(requestId, lotId, quantity);
        var e = new StockItemEvent.Issued(newEntryId(), requestId, lot.warehouseId, lotId, quantity, clock.instant());
        raise(e);
        return e;
    }

    /** Held units of a request rejected at a delivery go to quarantine (on hand, not available). */
    public StockItemEvent.Quarantined quarantine(
            String requestId, String lotId, BigDecimal quantity, String reason, Clock clock) {
        requirePositive(quantity);
        Lot lot = lot(lotId);
        requireHeld(requestId, lotId, quantity);
        var e = new StockItemEvent.Quarantined(
                newEntryId(), requestId, lot.warehouseId, lotId, quantity, reason, clock.instant());
        raise(e);
        return e;
    }

    /** Ops writes a quarantine off: its units leave on hand. Once per quarantine. */
    public StockItemEvent.QuarantineWrittenOff writeOffQuarantined(String quarantineId, String note, Clock clock) {
        StockItemEvent.Quarantined q = openQuarantine(quarantineId);
        var e = new StockItemEvent.QuarantineWrittenOff(
                newEntryId(), quarantineId, q.warehouseId(), q.lotId(), q.quantity(), note, clock.instant());
        raise(e);
        return e;
    }

    /** Ops releases a quarantine: its units are available again. Once per quarantine. */
    public StockItemEvent.QuarantineReleased releaseQuarantined(String quarantineId, String note, Clock clock) {
        StockItemEvent.Quarantined q = openQuarantine(quarantineId);
        var e = new StockItemEvent.QuarantineReleased(
                newEntryId(), quarantineId, q.warehouseId(), q.lotId(), q.quantity(), note, clock.instant());
        raise(e);
        return e;
    }

    private StockItemEvent.Quarantined openQuarantine(String quarantineId) {
        StockItemEvent.Quarantined q = quarantines.get(quarantineId);
        if (q == null) {
            if (entries.get(quarantineId) instanceof StockItemEvent.Quarantined) {
                throw RuleViolation.conflict(Texts.of("quarantine.already-closed", quarantineId));
            }
            throw RuleViolation.invalid(Texts.of("quarantine.unknown", quarantineId, item));
        }
        return q;
    }

    public StockItemEvent.Adjusted adjust(
            String warehouseId, String lotId, BigDecimal delta, AdjustmentReason reason, String note, Clock clock) {
        if (delta == null || delta.signum() == 0) {
            throw RuleViolation.invalid(Texts.of("adjustment.zero"));
        }
        if (reason == null) {
            throw RuleViolation.invalid(Texts.of("adjustment.reason-required"));
        }
        Lot lot = lot(lotId);
        if (!lot.warehouseId.equals(warehouseId)) {
            throw RuleViolation.invalid(Texts.of("adjustment.wrong-warehouse", lotId, warehouseId));
        }
        requireOnHandCovers(lot, delta);
        var e = new StockItemEvent.Adjusted(newEntryId(), warehouseId, lotId, delta, reason, note, clock.instant());
        raise(e);
        return e;
    }

    /** Undoes a receipt or an adjustment; reservation entries are undone by releasing, not by reversal. */
    public StockItemEvent.Reversed reverse(String entryId, String reason, Clock clock) {
        StockItemEvent original = entries.get(entryId);
        if (original == null) {
            throw RuleViolation.invalid(Texts.of("entry.not-in-ledger", entryId, item));
        }
        if (reversedEntries.contains(entryId)) {
            throw RuleViolation.conflict(Texts.of("entry.already-reversed", entryId));
        }
        String lotId;
        BigDecimal delta;
        if (original instanceof StockItemEvent.Received r) {
            lotId = r.lotId();
            delta = r.quantity().negate();
        } else if (original instanceof StockItemEvent.Adjusted a) {
            lotId = a.lotId();
            delta = a.delta().negate();
        } else {
            throw RuleViolation.conflict(Texts.of("entry.not-reversible"));
        }
        Lot lot = lot(lotId);
        requireOnHandCovers(lot, delta);
        var e = new StockItemEvent.Reversed(
                newEntryId(), entryId, lot.warehouseId, lotId, delta, reason, clock.instant());
        raise(e);
        return e;
    }

    @Override
    protected void apply(StockItemEvent event) {
        entries.put(event.entryId(), event);
        if (event instanceof StockItemEvent.Received r) {
            if (item == null) {
                item = r.item();
            }
            Lot lot = new Lot(r);
            lot.onHand = r.quantity();
            lots.put(r.lotId(), lot);
        } else if (event instanceof StockItemEvent.Reserved r) {
            Lot lot = lots.get(r.lotId());
            lot.reserved = lot.reserved.add(r.quantity());
            held.computeIfAbsent(r.requestId(), k -> new LinkedHashMap<>())
                    .merge(r.lotId(), r.quantity(), BigDecimal::add);
        } else if (event instanceof StockItemEvent.Released r) {
            lots.get(r.lotId()).reserved = lots.get(r.lotId()).reserved.subtract(r.quantity());
            unhold(r.requestId(), r.lotId(), r.quantity());
        } else if (event instanceof StockItemEvent.Issued i) {
            Lot lot = lots.get(i.lotId());
            lot.reserved = lot.reserved.subtract(i.quantity());
            lot.onHand = lot.onHand.subtract(i.quantity());
            unhold(i.requestId(), i.lotId(), i.quantity());
        } else if (event instanceof StockItemEvent.Quarantined q) {
            Lot lot = lots.get(q.lotId());
            lot.reserved = lot.reserved.subtract(q.quantity());
            lot.quarantined = lot.quarantined.add(q.quantity());
            unhold(q.requestId(), q.lotId(), q.quantity());
            quarantines.put(q.entryId(), q);
        } else if (event instanceof StockItemEvent.QuarantineWrittenOff w) {
            Lot lot = lots.get(w.lotId());
            lot.quarantined = lot.quarantined.subtract(w.quantity());
            lot.onHand = lot.onHand.subtract(w.quantity());
            quarantines.remove(w.quarantineId());
        } else if (event instanceof StockItemEvent.QuarantineReleased r) {
            Lot lot = lots.get(r.lotId());
            lot.quarantined = lot.quarantined.subtract(r.quantity());
            quarantines.remove(r.quarantineId());
        } else if (event instanceof StockItemEvent.Adjusted a) {
            lots.get(a.lotId()).onHand = lots.get(a.lotId()).onHand.add(a.delta());
        } else if (event instanceof StockItemEvent.Reversed r) {
            lots.get(r.lotId()).onHand = lots.get(r.lotId()).onHand.add(r.onHandDelta());
            reversedEntries.add(r.reversedEntryId());
        }
    }

    private void unhold(String requestId, String lotId, BigDecimal quantity) {
        Map<String, BigDecimal> byLot = held.get(requestId);
        BigDecimal left = byLot.get(lotId).subtract(quantity);
        if (left.signum() == 0) {
            byLot.remove(lotId);
        } else {
            byLot.put(lotId, left);
        }
        if (byLot.isEmpty()) {
            held.remove(requestId);
        }
    }

    private Lot lot(String lotId) {
        Lot lot = lots.get(lotId);
        if (lot == null) {
            throw RuleViolation.invalid(Texts.of("lot.unknown", lotId, item));
        }
        return lot;
    }

    private void requireHeld(String requestId, String lotId, BigDecimal quantity) {
        BigDecimal h = held.getOrDefault(requestId, Map.of()).getOrDefault(lotId, BigDecimal.ZERO);
        if (h.compareTo(quantity) < 0) {
            throw RuleViolation.conflict(
                    Texts.of("lot.not-held", requestId, h.toPlainString(), lotId, quantity.toPlainString()));
        }
    }

    /**
     * on hand + delta must stay ≥ reserved + quarantined (and so ≥ 0): held and quarantined units cannot vanish from
     * under a reservation or a quarantine.
     */
    private void requireOnHandCovers(Lot lot, BigDecimal delta) {
        BigDecimal after = lot.onHand.add(delta);
        BigDecimal bound = lot.reserved.add(lot.quarantined);
        if (after.signum() < 0 || after.compareTo(bound) < 0) {
            throw RuleViolation.conflict(Texts.of(
                    "lot.on-hand-below-held",
                    lot.lotId,
                    item,
                    after.toPlainString(),
                    lot.reserved.toPlainString(),
                    lot.quarantined.toPlainString()));
        }
    }

    private static void requirePositive(BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            throw RuleViolation.invalid(Texts.of("quantity.not-positive"));
        }
    }

    private static String newEntryId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String id() {
        return item;
    }

    public String item() {
        return item;
    }

    public List<LotPosition> positions() {
        List<LotPosition> out = new ArrayList<>(lots.size());
        for (Lot l : lots.values()) {
            out.add(new LotPosition(
                    item,
                    l.warehouseId,
                    l.lotId,
                    l.lotCode,
                    l.donationId,
                    l.donorOrganisationId,
                    l.expiresOn,
                    l.onHand,
                    l.reserved,
                    l.quarantined));
        }
        return out;
    }

    public LotPosition position(String lotId) {
        lot(lotId);
        return positions().stream()
                .filter(p -> p.lotId().equals(lotId))
                .findFirst()
                .orElseThrow();
    }

    /** lotId → units held for the request (empty if none). */
    public Map<String, BigDecimal> heldFor(String requestId) {
        return Map.copyOf(held.getOrDefault(requestId, Map.of()));
    }

    public boolean hasLot(String lotId) {
        return lots.containsKey(lotId);
    }

    public boolean hasEntry(String entryId) {
        return entries.containsKey(entryId);
    }
}
