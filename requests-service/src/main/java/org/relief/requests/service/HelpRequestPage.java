package org.relief.requests.service;

import org.relief.requests.projection.HelpRequestView;

import java.util.List;

/** One page of a filtered list, newest first; {@code total} counts every match. */
public record HelpRequestPage(List<HelpRequestView> items, int page, int size, long total) {
}
