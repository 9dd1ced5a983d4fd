package org.relief.requests.domain;

import java.util.List;

/**
 * One volunteer call about a request (LOADING or HAND_OUT for a freight trip, CARE_VISIT for a care request): how
 * many are needed, the assignments that stand (offered or accepted, not declined), whether it waits for volunteers.
 *
 * @param answered assignment ids with their answer ("id:ACCEPTED" / "id:DECLINED"), so a repeated answer is a no-op
 */
public record CallState(
        String callId,
        String purpose,
        String tripId,
        int needed,
        List<String> assignments,
        List<String> answered,
        boolean waiting,
        boolean completed,
        boolean cancelled) {
    public static final String CARE_VISIT = "CARE_VISIT";

    public CallState {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
        answered = answered == null ? List.of() : List.copyOf(answered);
    }

    static CallState of(String callId, String purpose, String tripId, int needed) {
        return new CallState(callId, purpose, tripId, needed, List.of(), List.of(), false, false, false);
    }

    public boolean open() {
        return !completed && !cancelled;
    }

    public boolean careVisit() {
        return CARE_VISIT.equals(purpose);
    }

    CallState waiting(int need, boolean isWaiting) {
        return new CallState(
                callId,
                purpose,
                tripId,
                need > 0 ? need : needed,
                assignments,
                answered,
                isWaiting,
                completed,
                cancelled);
    }

    CallState assigned(String assignmentId, int need, int assigned) {
        List<String> as = new java.util.ArrayList<>(assignments);
        if (!as.contains(assignmentId)) {
            as.add(assignmentId);
        }
        int n = need > 0 ? need : needed;
        return new CallState(
                callId, purpose, tripId, n, as, answered, Math.max(assigned, as.size()) < n, completed, cancelled);
    }

    CallState answered(String assignmentId, boolean accepted) {
        List<String> as = new java.util.ArrayList<>(assignments);
        List<String> an = new java.util.ArrayList<>(answered);
        an.add(assignmentId + (accepted ? ":ACCEPTED" : ":DECLINED"));
        boolean stillWaiting = waiting;
        if (!accepted) {
            as.remove(assignmentId);
            // the volunteer-service looks for someone else at once; until then the call waits again
            stillWaiting = as.size() < needed || as.isEmpty();
        }
        return new CallState(callId, purpose, tripId, needed, as, an, stillWaiting, completed, cancelled);
    }

    boolean hasAnswer(String assignmentId, boolean accepted) {
        return answered.contains(assignmentId + (accepted ? ":ACCEPTED" : ":DECLINED"));
    }

    CallState completedNow() {
        return new CallState(callId, purpose, tripId, needed, assignments, answered, false, true, cancelled);
    }

    CallState cancelledNow() {
        return new CallState(callId, purpose, tripId, needed, List.of(), answered, false, completed, true);
    }
}
