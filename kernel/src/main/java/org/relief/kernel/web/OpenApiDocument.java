package org.relief.kernel.web;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every service's OpenAPI document as a client generator needs it (the {@code mp.openapi.filter}): each operation's id
 * in client form ({@link #operationId}), the roles in words instead of as bearer scopes, and what an error looks like:
 * the RFC 9457 {@code Problem} schema on every 4xx and 5xx answer (the resources declare the codes and why;
 * ProblemMappers always answers in this shape), with the 401 and 403 of protected operations declared once here.
 */
public class OpenApiDocument implements OASFilter {
    static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problem());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations()
                .values()
                .forEach(operation -> {
                    operation.setOperationId(operationId(operation.getOperationId()));
                    rolesInWords(operation);
                    describeErrors(operation);
                }));
    }

    /**
     * Quarkus lists an operation's {@code @RolesAllowed} as the bearer requirement's scopes; a JWT bearer scheme has no
     * scopes, so linters and generators stumble on them. The requirement stays (bearer, no scopes) and the roles go
     * where a reader and a generator look: the operation's description and {@code x-roles}.
     */
    private static void rolesInWords(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        java.util.Set<String> roles = new java.util.TreeSet<>();
        for (var requirement : operation.getSecurity()) {
            if (requirement.getSchemes() == null) {
                continue;
            }
            for (String scheme : List.copyOf(requirement.getSchemes().keySet())) {
                List<String> scopes = requirement.getScheme(scheme);
                if (scopes != null) {
                    roles.addAll(scopes);
                }
                requirement.addScheme(scheme, List.of());
            }
        }
        if (roles.isEmpty()) {
            return;
        }
        operation.addExtension("x-roles", List.copyOf(roles));
        String who = "Roles: " + String.join(", ", roles) + ".";
        String description = operation.getDescription();
        if (description == null || description.isBlank()) {
            String summary = operation.getSummary();
            operation.setDescription(summary == null || summary.isBlank() ? who : summary + ". " + who);
        } else if (!description.contains(who)) {
            operation.setDescription(description + " " + who);
        }
    }

    /**
     * The generated id ({@code quarkus.smallrye-openapi.operation-id-strategy=CLASS_METHOD}, e.g.
     * {@code TripResource_assignment}) as a client method reads it: {@code tripAssignment}. Unique in a document,
     * since a resource's method names are.
     */
    static String operationId(String generated) {
        if (generated == null) {
            return null;
        }
        java.util.regex.Matcher m = CLASS_METHOD.matcher(generated);
        if (!m.matches()) {
            return generated;
        }
        String resource = m.group(1);
        String method = m.group(2);
        return Character.toLowerCase(resource.charAt(0))
                + resource.substring(1)
                + Character.toUpperCase(method.charAt(0))
                + method.substring(1);
    }

    private static final java.util.regex.Pattern CLASS_METHOD =
            java.util.regex.Pattern.compile("([A-Za-z0-9]+?)(?:Resource)?_([A-Za-z0-9]+)");

    private static void describeErrors(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        var responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfMissing(responses, "401", "No token, or an expired, badly signed or malformed one");
            addIfMissing(responses, "403", "The caller's role may not call this operation");
        }
        addIfMissing(responses, "500", "Internal error (logged with the request id)");
        if (responses.getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> e : responses.getAPIResponses().entrySet()) {
            if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                e.getValue()
                        .setContent(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref(REF))));
            }
        }
    }

    private static void addIfMissing(
            org.eclipse.microprofile.openapi.models.responses.APIResponses responses, String code, String why) {
        if (responses.getAPIResponse(code) == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(why));
        }
    }

    private static Schema problem() {
        Schema text = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; title and detail in the request's language (zh or en)")
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.STRING))
                                .format("uri")
                                .description("stable per kind of problem, e.g. " + Problem.TYPE_BASE + "validation")
                                .examples(List.of(Problem.TYPE_BASE + "not-found")))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.ARRAY))
                                .description("validation: one entry per rejected field")
                                .items(OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.OBJECT))
                                        .addProperty("field", text)
                                        .addProperty("message", text)))
                .required(List.of("type", "title", "status"));
    }
}
