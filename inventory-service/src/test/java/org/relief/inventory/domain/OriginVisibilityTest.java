package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 11: ops see every lot's donor origin, a donor only its own organisation's, other roles none. */
class OriginVisibilityTest {

    @Test
    void opsSeeEveryOriginADonorOnlyItsOwnOthersNone() {
        OriginVisibility ops = OriginVisibility.of(true, false, null);
        assertTrue(ops.shows("donor-a"));
        assertTrue(ops.shows("donor-b"));

        OriginVisibility a = OriginVisibility.of(false, true, "donor-a");
        assertTrue(a.shows("donor-a"));
        assertFalse(a.shows("donor-b"));
        assertFalse(a.shows(null));
        assertEquals(OriginVisibility.Origin.WITHHELD, a.origin("donor-b"));
        assertEquals(OriginVisibility.Origin.SHOWN, a.origin("donor-a"));

        for (String role : new String[] {"partner", "dispatcher", "volunteer-coordinator"}) {
            OriginVisibility other = OriginVisibility.of(false, false, "donor-a");
            assertFalse(other.shows("donor-a"), role + " sees no donor origin, even one named like its organisation");
        }
        assertFalse(OriginVisibility.of(false, true, null).shows(null), "a donor token without organisation sees none");
        assertFalse(OriginVisibility.of(false, true, " ").shows(" "));
    }
}
