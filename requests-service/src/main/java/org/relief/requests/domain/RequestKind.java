package org.relief.requests.domain;

/** The three shapes of help request: item lines, a ride for one person, or a visit needing a skill. */
public enum RequestKind {
    SUPPLIES,
    RIDE,
    CARE
}
