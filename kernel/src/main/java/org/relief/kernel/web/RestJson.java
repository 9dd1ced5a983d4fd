package org.relief.kernel.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.relief.kernel.personaldata.PersonalDataVault;

/**
 * The mapper for REST bodies: the service's mapper with {@link StrictJson}'s rules for what clients send, and
 * {@link OpenedPersonalData} for what they are answered. Only what clients send is held to those rules; events are read
 * with the service's own mapper, so a stored event that a rule did not exist for (a computed decimal with twelve
 * places, say) still folds, and events are written with it, so no opened personal data is ever stored.
 */
@Provider
public class RestJson implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    @Inject
    public RestJson(ObjectMapper base, PersonalDataVault vault) {
        this.strict = OpenedPersonalData.apply(StrictJson.apply(base.copy()), vault);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
