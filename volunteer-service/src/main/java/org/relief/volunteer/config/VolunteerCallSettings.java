package org.relief.volunteer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/** How volunteer calls are staffed and sized ({@code relief.volunteer.*}). */
@ConfigMapping(prefix = "relief.volunteer")
public interface VolunteerCallSettings {
    /** whether a call may be staffed with volunteers of another district when its own has nobody free */
    @WithDefault("false")
    boolean matchOtherDistricts();

    /** a FREIGHT trip's LOADING call asks one loader per this many kg */
    @WithDefault("500")
    BigDecimal kgPerLoader();

    /** how many hands a trip's HAND_OUT call asks */
    @WithDefault("2")
    int handOutSize();

    Waitlist waitlist();

    /** The waitlist of short calls ({@code relief.volunteer.waitlist.*}). */
    interface Waitlist {
        /** how many short calls one top-up looks at at most */
        @WithDefault("100")
        int batchSize();

        /** how often the waitlist job runs (read by its @Scheduled expression; listed so the prefix is complete) */
        @WithDefault("10s")
        String every();
    }
}
