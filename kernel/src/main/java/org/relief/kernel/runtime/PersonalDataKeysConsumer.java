package org.relief.kernel.runtime;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.personaldata.PersonalDataErased;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;
import org.relief.kernel.personaldata.PersonalDataVault;

/**
 * Every service keeps the data keys of the subjects whose sealed fields it may have to show: it takes in each key
 * published on {@code personal-data.keys.v1} and deletes it when the subject's erasure arrives there. Applied once
 * per record like any other consumer; a key that does not unwrap with this service's KEK is parked, not dropped.
 */
@ApplicationScoped
public class PersonalDataKeysConsumer {
    private final ConsumerFactory consumers;
    private final PersonalDataVault vault;
    private final String service;

    private IdempotentConsumer consumer;

    @Inject
    public PersonalDataKeysConsumer(
            ConsumerFactory consumers,
            PersonalDataVault vault,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.consumers = consumers;
        this.vault = vault;
        this.service = service;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                service + ".personal-data-keys",
                consumers
                        .handlers()
                        .on(
                                PersonalDataKeyIssued.class,
                                (c, envelope, issued) -> vault.accept(
                                        c,
                                        issued.subjectId(),
                                        Base64.getDecoder().decode(issued.wrappedKey())))
                        .on(PersonalDataErased.class, (c, envelope, erased) -> vault.erase(c, erased.subjectId())));
    }

    @Incoming("personal-data-keys")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }
}
