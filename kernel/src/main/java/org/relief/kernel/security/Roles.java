package org.relief.kernel.security;

/** The platform's roles, as carried in the token's {@code groups} claim. */
public final class Roles {
    /** communities, NGOs: submit and follow their own requests */
    public static final String PARTNER = "partner";
    /** record donations, see their own donations' trace */
    public static final String DONOR = "donor";
    /** carrier associations' dispatch desks: vehicles and trips of their association */
    public static final String DISPATCHER = "dispatcher";

    public static final String VOLUNTEER_COORDINATOR = "volunteer-coordinator";
    /** the operations team: everything, every organisation */
    public static final String OPS = "ops";

    private Roles() {}
}
