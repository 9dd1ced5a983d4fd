package org.relief.contracts.dispatch;

/**
 * Where a trip starts or ends: a warehouse (name = warehouse name, {@code id} = warehouse id), a community compound
 * or a ride's pickup/drop-off address ({@code id} null).
 */
public record Place(String id, String name, String district, String address) {}
