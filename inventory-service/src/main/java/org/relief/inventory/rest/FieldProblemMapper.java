package org.relief.inventory.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.relief.inventory.service.FieldProblem;
import org.relief.kernel.web.Problem;
import org.relief.kernel.web.ProblemMappers;

import java.util.List;
import java.util.stream.Collectors;

/** {@link FieldProblem} as the same validation problem+json the kernel gives for Bean Validation failures. */
public class FieldProblemMapper {

    @ServerExceptionMapper
    public Response fields(FieldProblem e, HttpHeaders headers, UriInfo uri) {
        boolean zh = ProblemMappers.chinese(headers);
        List<Problem.FieldError> errors = e.fields().stream()
                .map(f -> new Problem.FieldError(f.field(), zh ? f.messageZh() : f.message())).toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        Problem p = new Problem(Problem.TYPE_BASE + "validation", zh ? "请求中有字段不合法" : "The request has invalid fields",
                400, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(400).type(Problem.MEDIA_TYPE + ";charset=UTF-8")
                .header(HttpHeaders.CONTENT_LANGUAGE, zh ? "zh" : "en").entity(p).build();
    }

}
