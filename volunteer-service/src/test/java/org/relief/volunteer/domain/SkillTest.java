package org.relief.volunteer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkillTest {

    @Test
    void aChildSkillSatisfiesItsParentButNotTheOtherWayRound() {
        assertTrue(Skill.NURSING.satisfies(Skill.MEDICAL));
        assertTrue(Skill.NUCLEIC_ACID_SAMPLING.satisfies(Skill.MEDICAL));
        assertTrue(Skill.TRUCK_DRIVING.satisfies(Skill.DRIVING));
        assertTrue(Skill.MEDICAL.satisfies(Skill.MEDICAL));
        assertFalse(Skill.MEDICAL.satisfies(Skill.NURSING), "a general medic is not a nurse");
        assertFalse(Skill.NURSING.satisfies(Skill.NUCLEIC_ACID_SAMPLING), "siblings do not match");
        assertFalse(Skill.TRUCK_DRIVING.satisfies(Skill.MEDICAL));
    }

    @Test
    void codesAreLookedUpExactlyAndUnknownOnesAreEmpty() {
        assertEquals(Skill.NURSING, Skill.of("medical.nursing").orElseThrow());
        assertEquals(Skill.TRANSLATION, Skill.of(" translation ").orElseThrow());
        assertTrue(Skill.of("medical.surgery").isEmpty());
        assertTrue(Skill.of("Medical").isEmpty());
        assertTrue(Skill.of(null).isEmpty());
    }

    @Test
    void theTreeHasTheRootsAndTheirChildren() {
        List<Skill> roots = Skill.roots();
        assertEquals(
                List.of(
                        Skill.MEDICAL,
                        Skill.DRIVING,
                        Skill.LOADING,
                        Skill.PSYCHOLOGICAL_COUNSELLING,
                        Skill.ELDERLY_CARE,
                        Skill.DISABILITY_SUPPORT,
                        Skill.TRANSLATION),
                roots);
        assertEquals(List.of(Skill.NUCLEIC_ACID_SAMPLING, Skill.NURSING), Skill.MEDICAL.children());
        assertEquals(List.of(Skill.TRUCK_DRIVING), Skill.DRIVING.children());
        assertTrue(Skill.LOADING.children().isEmpty());
        for (Skill s : Skill.values()) {
            assertTrue(
                    s.parent() == null || s.code().startsWith(s.parent().code() + "."),
                    s + ": a child's code extends its parent's, the list filter relies on it");
        }
    }
}
