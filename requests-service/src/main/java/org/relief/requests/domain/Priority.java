package org.relief.requests.domain;

/** How urgent a request is; decides its escalation limit and its place in allocation order. */
public enum Priority {
    CRITICAL,
    HIGH,
    NORMAL
}
