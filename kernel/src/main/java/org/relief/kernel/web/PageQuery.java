package org.relief.kernel.web;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters every paged list takes, as the base of its query class (a
 * {@code @BeanParam}): page from 0, size 1 to 200, default 50; a bad value is a 400 naming it ({@link Paging}).
 */
public class PageQuery {
    @QueryParam("page")
    @DefaultValue("0")
    @Parameter(description = "from 0")
    @Pattern(regexp = Paging.PAGE, message = "{relief.page}")
    public String page;

    @QueryParam("size")
    @DefaultValue("50")
    @Parameter(description = "1 to 200")
    @Pattern(regexp = Paging.SIZE, message = "{relief.size}")
    public String size;

    public int pageNumber() {
        return Integer.parseInt(page);
    }

    public int pageSize() {
        return Integer.parseInt(size);
    }
}
