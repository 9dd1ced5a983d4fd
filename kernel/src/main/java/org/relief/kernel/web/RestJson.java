package org.relief.kernel.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The mapper for REST bodies: the service's mapper with {@link StrictJson}'s rules. Only what clients send is held to
 * them; events are read with the service's own mapper, so a stored event that a rule did not exist for (a computed
 * decimal with twelve places, say) still folds.
 */
@Provider
public class RestJson implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    @Inject
    public RestJson(ObjectMapper base) {
        this.strict = StrictJson.apply(base.copy());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
