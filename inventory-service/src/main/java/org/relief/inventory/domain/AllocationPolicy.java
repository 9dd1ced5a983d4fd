package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides who gets which units (plain Java, no I/O). Requests are served in queue order: priority CRITICAL > HIGH >
 * NORMAL, then vulnerable first (more flags first), then earlier submission, then request id. Per line: a warehouse
 * that can serve the whole outstanding quantity is preferred (one pickup instead of several); among candidates the
 * same district as the request comes first (shorter trips through lockdown checkpoints), then the warehouse with most
 * available; within a warehouse lots are taken earliest expiry first (no expiry last) so nothing spoils on the shelf.
 * Expired lots are never used. What cannot be covered waits for the next donation or release.
 */
public final class AllocationPolicy {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private AllocationPolicy() {}

    /** A waiting request as the policy sees it: its place in the queue and its outstanding lines. */
    public record Demand(
            String requestId,
            String priority,
            List<String> vulnerabilities,
            Instant submittedAt,
            String district,
            List<DemandLine> lines) {
        public Demand {
            vulnerabilities = vulnerabilities == null ? List.of() : vulnerabilities;
        }
    }

    /** @param line the index of the line in the request; {@code outstanding} = requested − reserved so far */
    public record DemandLine(int line, String item, String unit, BigDecimal outstanding) {}

    /** A lot that could be reserved from, with its warehouse's name and district. */
    public record StockLot(
            String item,
            String warehouseId,
            String warehouseName,
            String warehouseDistrict,
            String lotId,
            String lotCode,
            String donationId,
            String donorOrganisationId,
            LocalDate expiresOn,
            BigDecimal available) {}

    /**
     * What one request gets in this round, and why, in English and in Chinese (the same lines in the same order);
     * {@code position} is 1-based in the queue.
     */
    public record Decision(
            Demand demand,
            int position,
            List<Allocation> picks,
            List<String> explanation,
            List<String> explanationZh) {}

    /** One line of an explanation in both languages. */
    private record Why(String en, String zh) {}

    public static final Comparator<Demand> QUEUE_ORDER = Comparator.comparingInt(
                    (Demand d) -> priorityRank(d.priority()))
            .thenComparing(d -> d.vulnerabilities().size(), Comparator.reverseOrder())
            .thenComparing(Demand::submittedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Demand::requestId);

    public static int priorityRank(String priority) {
        if ("CRITICAL".equals(priority)) {
            return 0;
        }
        if ("HIGH".equals(priority)) {
            return 1;
        }
        return "NORMAL".equals(priority) ? 2 : 3;
    }

    /**
     * One allocation round over the whole queue.
     *
     * @param demands        every waiting request (lines limited to the items this round may touch)
     * @param catalogueUnits item code → the unit the catalogue counts it in (items not in it are never reserved)
     * @param stock          the lots of the items this round may touch, with what is available in each
     * @param today          the UTC date; lots that expired before it are not used
     * @return one decision per demand, in queue order
     */
    public static List<Decision> allocate(
            List<Demand> demands, Map<String, String> catalogueUnits, Collection<StockLot> stock, LocalDate today) {
        List<Demand> queue = new ArrayList<>(demands);
        queue.sort(QUEUE_ORDER);
        Map<String, BigDecimal> remaining = new HashMap<>();
        Map<String, List<StockLot>> byItem = new LinkedHashMap<>();
        for (StockLot l : stock) {
            remaining.put(l.lotId(), l.available());
            byItem.computeIfAbsent(l.item(), k -> new ArrayList<>()).add(l);
        }
        List<Decision> decisions = new ArrayList<>(queue.size());
        for (int i = 0; i < queue.size(); i++) {
            Demand d = queue.get(i);
            List<Allocation> picks = new ArrayList<>();
            List<Why> why = new ArrayList<>();
            why.add(queueLine(d, i + 1, queue.size()));
            for (DemandLine line : d.lines()) {
                if (line.outstanding().signum() > 0) {
                    why.add(allocateLine(
                            d,
                            line,
                            catalogueUnits,
                            byItem.getOrDefault(line.item(), List.of()),
                            remaining,
                            today,
                            picks));
                }
            }
            decisions.add(new Decision(
                    d,
                    i + 1,
                    picks,
                    why.stream().map(Why::en).toList(),
                    why.stream().map(Why::zh).toList()));
        }
        return decisions;
    }

    private static Why allocateLine(
            Demand d,
            DemandLine line,
            Map<String, String> units,
            List<StockLot> lots,
            Map<String, BigDecimal> remaining,
            LocalDate today,
            List<Allocation> picks) {
        String item = line.item();
        String need = qty(line.outstanding());
        String unit = units.get(item);
        if (unit == null) {
            return new Why(item + ": not in the catalogue, nothing reserved", item + "：目录中没有此物资，未预留");
        }
        if (!unit.equals(line.unit())) {
            return new Why(
                    item + ": requested in " + line.unit() + " but the catalogue counts " + unit + ", nothing reserved",
                    item + "：申请单位为 " + line.unit() + "，目录按 " + unit + " 计数，未预留");
        }
        int expired = 0;
        Map<String, List<StockLot>> byWarehouse = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new HashMap<>();
        for (StockLot l : lots) {
            BigDecimal left = remaining.getOrDefault(l.lotId(), BigDecimal.ZERO);
            if (left.signum() <= 0) {
                continue;
            }
            if (l.expiresOn() != null && l.expiresOn().isBefore(today)) {
                expired++;
                continue;
            }
            byWarehouse.computeIfAbsent(l.warehouseId(), k -> new ArrayList<>()).add(l);
            totals.merge(l.warehouseId(), left, BigDecimal::add);
        }
        String expiredNote =
                expired == 0 ? "" : " (" + expired + " expired lot" + (expired == 1 ? "" : "s") + " not used)";
        String expiredNoteZh = expired == 0 ? "" : "（" + expired + " 个过期批次未使用）";
        if (byWarehouse.isEmpty()) {
            return new Why(
                    item + ": 0 of " + need + ": no stock" + expiredNote,
                    item + "：需 " + need + "，预留 0：无库存" + expiredNoteZh);
        }
        Comparator<String> preference = Comparator.comparing(
                        (String w) -> !Objects.equals(district(byWarehouse, w), d.district()))
                .thenComparing(totals::get, Comparator.reverseOrder())
                .thenComparing(
                        w -> byWarehouse.get(w).get(0).warehouseName(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(w -> w);
        List<String> whole = byWarehouse.keySet().stream()
                .filter(w -> totals.get(w).compareTo(line.outstanding()) >= 0)
                .sorted(preference)
                .toList();
        List<String> order = whole.isEmpty()
                ? byWarehouse.keySet().stream().sorted(preference).toList()
                : List.of(whole.get(0));

        BigDecimal missing = line.outstanding();
        List<String> parts = new ArrayList<>();
        List<String> partsZh = new ArrayList<>();
        for (String w : order) {
            if (missing.signum() <= 0) {
                break;
            }
            List<StockLot> inWarehouse = new ArrayList<>(byWarehouse.get(w));
            // stable: lots with the same expiry keep their arrival order
            inWarehouse.sort(
                    Comparator.comparing(StockLot::expiresOn, Comparator.nullsLast(Comparator.naturalOrder())));
            List<String> lotNotes = new ArrayList<>();
            List<String> lotNotesZh = new ArrayList<>();
            for (StockLot l : inWarehouse) {
                if (missing.signum() <= 0) {
                    break;
                }
                BigDecimal take = remaining.get(l.lotId()).min(missing);
                remaining.put(l.lotId(), remaining.get(l.lotId()).subtract(take));
                missing = missing.subtract(take);
                picks.add(new Allocation(
                        line.line(),
                        item,
                        l.warehouseId(),
                        l.warehouseName(),
                        l.lotId(),
                        l.donationId(),
                        l.donorOrganisationId(),
                        take,
                        l.expiresOn()));
                lotNotes.add("lot " + label(l) + (l.expiresOn() == null ? " (no expiry)" : " expires " + l.expiresOn())
                        + ": " + qty(take));
                lotNotesZh.add("批次 " + label(l) + (l.expiresOn() == null ? "（无保质期）" : "（" + l.expiresOn() + " 到期）")
                        + "：" + qty(take));
            }
            StockLot first = byWarehouse.get(w).get(0);
            boolean same = Objects.equals(first.warehouseDistrict(), d.district());
            parts.add(first.warehouseName() + " ("
                    + (same
                            ? "same district " + first.warehouseDistrict()
                            : "district " + first.warehouseDistrict() + ", request in " + d.district())
                    + ", could serve the whole line: " + (whole.contains(w) ? "yes" : "no") + "), "
                    + String.join(", ", lotNotes) + (lotNotes.size() > 1 ? ", earliest expiry first" : ""));
            partsZh.add(first.warehouseName() + "（"
                    + (same
                            ? "与求助同在 " + first.warehouseDistrict()
                            : "位于 " + first.warehouseDistrict() + "，求助在 " + d.district())
                    + "，能否满足整行：" + (whole.contains(w) ? "能" : "不能") + "），"
                    + String.join("，", lotNotesZh) + (lotNotesZh.size() > 1 ? "，先用最早到期的批次" : ""));
        }
        BigDecimal taken = line.outstanding().subtract(missing);
        return new Why(
                item + ": " + qty(taken) + " of " + need + " from " + String.join("; ", parts)
                        + (missing.signum() > 0 ? "; " + qty(missing) + " still missing, waits for stock" : "")
                        + expiredNote,
                item + "：需 " + need + "，已预留 " + qty(taken) + "，来自 " + String.join("；", partsZh)
                        + (missing.signum() > 0 ? "；还缺 " + qty(missing) + "，等待库存" : "")
                        + expiredNoteZh);
    }

    private static String district(Map<String, List<StockLot>> byWarehouse, String w) {
        return byWarehouse.get(w).get(0).warehouseDistrict();
    }

    private static String label(StockLot l) {
        return l.lotCode() != null && !l.lotCode().isBlank()
                ? l.lotCode()
                : l.lotId().substring(0, Math.min(8, l.lotId().length()));
    }

    private static Why queueLine(Demand d, int position, int of) {
        String vulnerable = d.vulnerabilities().isEmpty()
                ? "not flagged vulnerable"
                : "vulnerable (" + String.join(", ", d.vulnerabilities()) + ")";
        String vulnerableZh =
                d.vulnerabilities().isEmpty() ? "未标记为弱势群体" : "弱势群体（" + String.join("、", d.vulnerabilities()) + "）";
        String submitted = d.submittedAt() == null ? "?" : MINUTE.format(d.submittedAt());
        return new Why(
                "queue: " + d.priority() + ", " + vulnerable + ", submitted " + submitted + " → " + ordinal(position)
                        + " of " + of + " waiting",
                "排队：" + d.priority() + "，" + vulnerableZh + "，提交于 " + submitted + " → 第 " + position + " 位，共 " + of
                        + " 个在等待");
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    public static String qty(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }
}
