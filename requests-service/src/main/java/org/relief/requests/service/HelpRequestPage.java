package org.relief.requests.service;

import java.util.List;
import org.relief.kernel.web.PagedList;
import org.relief.requests.projection.HelpRequestView;

/** One page of a filtered list, newest first; {@code total} counts every match. */
public record HelpRequestPage(List<HelpRequestView> items, int page, int size, long total)
        implements PagedList<HelpRequestView> {}
