package org.relief.requests.service;

import org.relief.requests.projection.HelpRequestView;

import java.util.List;

/** A request as its owner sees it: the current state and the whole timeline. */
public record HelpRequestDetails(HelpRequestView request, List<TimelineEntry> timeline) {
}
