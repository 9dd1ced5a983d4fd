package org.relief.inventory.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.relief.inventory.service.FieldProblem;
import org.relief.kernel.web.Problem;
import org.relief.kernel.web.ProblemMappers;

/** {@link FieldProblem} as the same validation problem+json the kernel gives for Bean Validation failures. */
public class FieldProblemMapper {

    @ServerExceptionMapper
    public Response fields(FieldProblem e, HttpHeaders headers, UriInfo uri) {
        boolean zh = ProblemMappers.chinese(headers);
        List<Problem.FieldError> errors = e.fields().stream()
                .map(f -> new Problem.FieldError(f.field(), f.text().in(zh)))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        // the kernel's builder: same type, title ("validation"), media type and Content-Language as Bean Validation's
        return ProblemMappers.build(400, "validation", detail, errors, headers, uri);
    }
}
