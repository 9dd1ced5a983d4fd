package org.relief.requests.service;

import java.util.List;
import org.relief.requests.projection.HelpRequestView;

/** A request as its owner sees it: the current state and the whole timeline. */
public record HelpRequestDetails(HelpRequestView request, List<TimelineEntry> timeline) {}
