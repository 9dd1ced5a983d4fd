package org.relief.dispatch.domain;

/**
 * Where a trip starts or ends: a warehouse ({@code id} = warehouse id), a community compound or a ride's pickup or
 * drop-off address ({@code id} null). Stored inside trip events: its field names are the stored JSON's.
 */
public record Place(String id, String name, String district, String address) {}
