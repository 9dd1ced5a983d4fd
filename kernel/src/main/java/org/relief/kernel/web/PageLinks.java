package org.relief.kernel.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The {@code Link} header (RFC 8288) of every paged list: {@code first}, {@code prev}, {@code next} and {@code last},
 * each the request's own URI (its filters kept) with another {@code page}, so a client follows {@code next} until
 * there is none instead of computing pages from {@code total}.
 */
public class PageLinks {
    @ServerResponseFilter
    public void link(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 200 && response.getEntity() instanceof PagedList<?> page) {
            String header = header(request.getUriInfo().getRequestUri(), page);
            if (!header.isEmpty()) {
                response.getHeaders().putSingle("Link", header);
            }
        }
    }

    /** The header's value for this page of the list at {@code uri} (empty when the size is not positive). */
    public static String header(URI uri, PagedList<?> page) {
        if (page.size() <= 0) {
            return "";
        }
        long last = Math.max(0, (page.total() - 1) / page.size());
        List<String> links = new ArrayList<>();
        links.add(link(uri, page, 0, "first"));
        if (page.page() > 0) {
            links.add(link(uri, page, Math.min(page.page() - 1, last), "prev"));
        }
        if (page.page() < last) {
            links.add(link(uri, page, page.page() + 1, "next"));
        }
        links.add(link(uri, page, last, "last"));
        return String.join(", ", links);
    }

    private static String link(URI uri, PagedList<?> page, long number, String rel) {
        URI target = UriBuilder.fromUri(uri)
                .replaceQueryParam("page", number)
                .replaceQueryParam("size", page.size())
                .build();
        return "<" + target + ">; rel=\"" + rel + "\"";
    }
}
