package org.relief.requests.domain;

/** What kind of visit or help a care request asks for. */
public enum CareNeed {
    ELDERLY_CARE,
    DISABILITY_SUPPORT,
    PSYCHOLOGICAL_SUPPORT,
    MEDICAL,
    OTHER
}
