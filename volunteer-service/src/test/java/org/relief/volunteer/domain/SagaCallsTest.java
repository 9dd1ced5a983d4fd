package org.relief.volunteer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SagaCallsTest {
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");
    static final BigDecimal KG = new BigDecimal("500");

    @Test
    void loadersAreTheWeightOverWhatOneCarriesBetweenOneAndSix() {
        assertEquals(1, SagaCalls.loaders(new BigDecimal("0.5"), KG));
        assertEquals(1, SagaCalls.loaders(new BigDecimal("500"), KG));
        assertEquals(2, SagaCalls.loaders(new BigDecimal("500.01"), KG));
        assertEquals(3, SagaCalls.loaders(new BigDecimal("1200"), KG));
        assertEquals(6, SagaCalls.loaders(new BigDecimal("9000"), KG));
        assertEquals(1, SagaCalls.loaders(null, KG));
        assertEquals(1, SagaCalls.loaders(BigDecimal.ZERO, KG));
    }

    @Test
    void aFreightTripNeedsLoadersForAnHourThenHandsUntilTheEnd() {
        OpenCall loading =
                SagaCalls.loading("r1", "t1", "org", "雁塔区", "雁塔区物资仓库", "丈八东路1号", new BigDecimal("1200"), KG, T);
        assertEquals(CallPurpose.LOADING, loading.purpose());
        assertEquals(Skill.LOADING, loading.skill());
        assertEquals(3, loading.needed());
        assertEquals("雁塔区物资仓库, 丈八东路1号", loading.place());
        assertEquals(T, loading.windowStart());
        assertEquals(T.plus(Duration.ofHours(1)), loading.windowEnd());

        OpenCall handOut = SagaCalls.handOut("r1", "t1", "org", "莲湖区", "锦业路小区", null, 2, T, T.plusSeconds(4 * 3600));
        assertEquals(CallPurpose.HAND_OUT, handOut.purpose());
        assertNull(handOut.skill());
        assertEquals(2, handOut.needed());
        assertEquals("锦业路小区", handOut.place());
        assertEquals(T.plusSeconds(3600), handOut.windowStart());
        assertEquals(T.plusSeconds(4 * 3600), handOut.windowEnd());
        OpenCall shortTrip = SagaCalls.handOut("r1", "t1", "org", "莲湖区", null, null, 2, T, T.plusSeconds(1800));
        assertEquals(T.plusSeconds(2 * 3600), shortTrip.windowEnd(), "at least an hour of hand-out");
        assertEquals("莲湖区", shortTrip.place(), "no name or address: the district");
    }

    @Test
    void aCareVisitUsesTheSkillOrFallsBackByNeedAndSaysSo() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        OpenCall known = SagaCalls.careVisit(
                "r2",
                "org",
                "碑林区",
                "东关小区",
                "5 号楼",
                "ELDERLY_CARE",
                "medical.nursing",
                "王奶奶",
                T,
                T.plusSeconds(7200),
                now);
        assertEquals(Skill.NURSING, known.skill());
        assertNull(known.skillNote());
        assertEquals(1, known.needed());
        assertEquals(T, known.windowStart());

        OpenCall fallback = SagaCalls.careVisit(
                "r2", "org", "碑林区", "东关小区", null, "PSYCHOLOGICAL_SUPPORT", "counselling", null, null, null, now);
        assertEquals(Skill.PSYCHOLOGICAL_COUNSELLING, fallback.skill());
        assertTrue(fallback.skillNote().contains("'counselling' is not in the catalogue"), fallback.skillNote());
        assertEquals(now, fallback.windowStart(), "no window: from now");
        assertEquals(now.plus(Duration.ofHours(4)), fallback.windowEnd());

        OpenCall anyone = SagaCalls.careVisit("r2", "org", "碑林区", "东关小区", null, "OTHER", null, null, null, null, now);
        assertNull(anyone.skill());
        assertTrue(anyone.skillNote().contains("anyone may visit"), anyone.skillNote());
    }
}
