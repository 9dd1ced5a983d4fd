package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.relief.kernel.personaldata.PersonalDataVault;
import org.relief.kernel.personaldata.SealedText;

/**
 * Sealed personal fields are opened only on the way out of the API, after the service has decided what the caller may
 * see: the REST answers' JSON writer ({@link RestJson}) opens every sealed token in every string it writes (records,
 * views and JSON trees alike). Everything else (event store, views, outbox, Kafka) keeps the tokens: they write with
 * the application's mapper, never with this one, so nothing opened is written back.
 */
public final class OpenedPersonalData {
    private OpenedPersonalData() {}

    /** A copy of {@code mapper} whose generators open sealed tokens through {@code vault}. */
    public static ObjectMapper apply(ObjectMapper mapper, PersonalDataVault vault) {
        JsonFactory factory = mapper.getFactory()
                .rebuild()
                .addDecorator((f, generator) -> new Opening(generator, vault))
                .build();
        return mapper.copyWith(factory);
    }

    private static final class Opening extends JsonGeneratorDelegate {
        private final PersonalDataVault vault;

        Opening(JsonGenerator d, PersonalDataVault vault) {
            super(d, false);
            this.vault = vault;
        }

        @Override
        public void writeString(String text) throws IOException {
            super.writeString(SealedText.containsToken(text) ? vault.open(text) : text);
        }

        @Override
        public void writeString(char[] buffer, int offset, int len) throws IOException {
            writeString(new String(buffer, offset, len));
        }

        @Override
        public void writeString(SerializableString text) throws IOException {
            writeString(text.getValue());
        }
    }
}
