package org.relief.kernel.testing;

import java.util.function.BooleanSupplier;

/**
 * Which real infrastructure the integration tests use: {@code local} (default; the Kafka broker from Maven jars and
 * the local or fetched PostgreSQL) or {@code containers} (Kafka and PostgreSQL in Testcontainers, chosen by
 * {@code ./mvnw verify -Ptestcontainers} through the system property {@value #PROPERTY}). Asking for containers where
 * no Docker engine answers is an error, never a silent fall-back: the run would not be what was asked for.
 */
public enum InfrastructureMode {
    LOCAL,
    CONTAINERS;

    public static final String PROPERTY = "relief.test.infrastructure";

    /** @param dockerAvailable asked only when containers are requested (probing Docker takes seconds) */
    public static InfrastructureMode select(String requested, BooleanSupplier dockerAvailable) {
        if (requested == null || requested.isBlank() || requested.equals("local")) {
            return LOCAL;
        }
        if (!requested.equals("containers")) {
            throw new IllegalArgumentException(PROPERTY + " must be 'local' or 'containers', not '" + requested + "'");
        }
        if (!dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(
                    "the testcontainers profile needs a Docker engine and none answers"
                            + " (DOCKER_HOST or /var/run/docker.sock); run without -Ptestcontainers to use the local broker and PostgreSQL");
        }
        return CONTAINERS;
    }

    /** The mode of this test JVM. */
    static InfrastructureMode current() {
        return select(System.getProperty(PROPERTY), ContainerInfrastructure::dockerAvailable);
    }
}
