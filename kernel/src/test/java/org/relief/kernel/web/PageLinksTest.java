package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PageLinksTest {
    record Page(int page, int size, long total) implements PagedList<String> {
        @Override
        public java.util.List<String> items() {
            return java.util.List.of();
        }
    }

    static final URI LIST = URI.create("https://relief.example/help-requests?status=SUBMITTED&page=1&size=20");

    @Test
    void aMiddlePageLinksEveryWayAndKeepsTheFilters() {
        assertEquals(
                "<https://relief.example/help-requests?status=SUBMITTED&page=0&size=20>; rel=\"first\", "
                        + "<https://relief.example/help-requests?status=SUBMITTED&page=0&size=20>; rel=\"prev\", "
                        + "<https://relief.example/help-requests?status=SUBMITTED&page=2&size=20>; rel=\"next\", "
                        + "<https://relief.example/help-requests?status=SUBMITTED&page=3&size=20>; rel=\"last\"",
                PageLinks.header(LIST, new Page(1, 20, 61)));
    }

    @Test
    void theLastPageHasNoNextAndAnEmptyListIsItsOwnFirstAndLast() {
        assertEquals(
                "<https://relief.example/help-requests?status=SUBMITTED&page=0&size=20>; rel=\"first\", "
                        + "<https://relief.example/help-requests?status=SUBMITTED&page=2&size=20>; rel=\"prev\", "
                        + "<https://relief.example/help-requests?status=SUBMITTED&page=3&size=20>; rel=\"last\"",
                PageLinks.header(LIST, new Page(3, 20, 61)));
        assertEquals(
                "<https://relief.example/calls?page=0&size=50>; rel=\"first\", "
                        + "<https://relief.example/calls?page=0&size=50>; rel=\"last\"",
                PageLinks.header(URI.create("https://relief.example/calls"), new Page(0, 50, 0)));
    }

    @Test
    void aPageBeyondTheEndPointsBackToTheLast() {
        assertEquals(
                "<https://relief.example/calls?page=0&size=50>; rel=\"first\", "
                        + "<https://relief.example/calls?page=1&size=50>; rel=\"prev\", "
                        + "<https://relief.example/calls?page=1&size=50>; rel=\"last\"",
                PageLinks.header(URI.create("https://relief.example/calls?page=7"), new Page(7, 50, 51)));
    }
}
