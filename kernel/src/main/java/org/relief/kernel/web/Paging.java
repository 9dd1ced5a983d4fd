package org.relief.kernel.web;

/**
 * The page and size query parameters of every paged list, checked as text by Bean Validation (a failed JAX-RS
 * conversion would answer 404, not a 400 naming the parameter); their messages are {@code relief.page} and
 * {@code relief.size} in the kernel's bundle.
 */
public final class Paging {
    /** a page number from 0 */
    public static final String PAGE = "\\d{1,6}";
    /** a page size from 1 to 200 */
    public static final String SIZE = "[1-9]\\d{0,1}|1\\d\\d|200";

    private Paging() {}
}
