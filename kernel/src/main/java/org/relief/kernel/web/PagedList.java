package org.relief.kernel.web;

import java.util.List;

/**
 * A page of a list ({@code items}, {@code page} from 0, {@code size}, {@code total}): every paged list answers one,
 * and {@link PageLinks} adds the RFC 8288 {@code Link} header (first, prev, next, last) to it.
 */
public interface PagedList<T> {
    List<T> items();

    int page();

    int size();

    long total();
}
