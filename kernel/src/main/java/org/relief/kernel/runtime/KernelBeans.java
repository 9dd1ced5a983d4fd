package org.relief.kernel.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.personaldata.DataSubjects;
import org.relief.kernel.personaldata.PersonalDataVault;
import org.relief.kernel.tx.DatabaseException;
import org.relief.kernel.tx.Transactions;

/** The kernel's parts as CDI beans, on the service's datasource and Quarkus's ObjectMapper. */
@ApplicationScoped
public class KernelBeans {

    @Produces
    @Singleton
    EventStore eventStore(ObjectMapper json) {
        return new EventStore(json);
    }

    @Produces
    @Singleton
    Outbox outbox(ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String service) {
        return new Outbox(json, "/" + service);
    }

    /** The personal-data vault on this service's key table, with the platform's key-encryption key. */
    @Produces
    @Singleton
    PersonalDataVault personalDataVault(
            DataSource dataSource,
            @ConfigProperty(name = "relief.personal-data.kek") String keyEncryptionKey,
            @ConfigProperty(name = "relief.personal-data.key-cache", defaultValue = "PT30S")
                    java.time.Duration keyCache) {
        byte[] kek;
        try {
            kek = java.util.Base64.getDecoder().decode(keyEncryptionKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("relief.personal-data.kek (RELIEF_PERSONAL_DATA_KEK) is not base64", e);
        }
        return new PersonalDataVault(dataSource, kek, keyCache);
    }

    /** Issuing and erasing data subjects' keys through this service's outbox. */
    @Produces
    @Singleton
    DataSubjects dataSubjects(PersonalDataVault vault, Outbox outbox, java.time.Clock clock) {
        return new DataSubjects(vault, outbox, clock);
    }

    /**
     * The one clock of a service: every decision that depends on "now" (deadlines, time-to-live, windows, event
     * times) reads it, so tests move time instead of waiting for it. A default bean: a test clock replaces it.
     */
    @Produces
    @Singleton
    @io.quarkus.arc.DefaultBean
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /**
     * New JTA transactions; the datasource connection taken inside is enlisted, so everything commits together. The
     * ORM session (the projections' Panache views) is flushed inside the work, before the commit: left to the commit,
     * a flush that cannot run because the service is shutting down (Hibernate closed under a consumer's record in
     * flight) let the events the work appended through JDBC commit without their view's update; the fault suite found
     * a reservation's Allocated in the event store and its view still OPEN, and every later allocation round then
     * failed on it. Flushed here, the failure rolls the whole transaction back, and the record comes again after the
     * restart.
     */
    @Produces
    @Singleton
    Transactions transactions(DataSource dataSource, Instance<EntityManager> orm) {
        boolean withOrm = orm.isResolvable();
        return new Transactions() {
            @Override
            public <T> T inNewTransaction(Work<T> work) {
                return QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        T result = work.run(c);
                        // on an event-loop thread (the desk's stream opening, say) the ORM cannot have been used:
                        // Quarkus refuses it there, the flush included
                        if (withOrm && BlockingOperationControl.isBlockingAllowed()) {
                            orm.get().flush();
                        }
                        return result;
                    } catch (SQLException e) {
                        throw new DatabaseException("transaction failed", e);
                    }
                });
            }
        };
    }
}
