package org.relief.requests.domain;

/**
 * Why inventory refused a supplies line when it took the request on (issue 10, path 5): {@code reason} is
 * {@code UNKNOWN_ITEM} (the code is not in its catalogue) or {@code WRONG_UNIT} (the catalogue counts the item in
 * {@code catalogueUnit}). Such a line is never reserved and does not count for the request's status.
 */
public record CatalogueRejection(String reason, String catalogueUnit) {}
