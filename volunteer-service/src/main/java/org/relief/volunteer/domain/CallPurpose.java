package org.relief.volunteer.domain;

/** Why volunteers are called: the saga's tasks for a freight trip or a care request, or a community's own call. */
public enum CallPurpose {
    /** loading the trip's goods at the warehouse */
    LOADING,
    /** handing the delivered goods out in the compound */
    HAND_OUT,
    /** visiting the person a care request is for */
    CARE_VISIT,
    /** opened through the API by a partner (nucleic-acid sampling queue, stairwell delivery...) */
    COMMUNITY;

    /** Opened by the saga from another service's event rather than by a partner. */
    public boolean saga() {
        return this != COMMUNITY;
    }
}
