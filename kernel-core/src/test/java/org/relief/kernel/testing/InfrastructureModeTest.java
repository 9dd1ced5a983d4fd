package org.relief.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The choice between the local infrastructure and Testcontainers (-Ptestcontainers). */
class InfrastructureModeTest {
    @Test
    void theDefaultIsLocalAndDockerIsNotProbed() {
        AtomicBoolean probed = new AtomicBoolean();
        for (String requested : new String[] {null, "", " ", "local"}) {
            assertEquals(InfrastructureMode.LOCAL, InfrastructureMode.select(requested, () -> probed.getAndSet(true)));
        }
        assertFalse(probed.get(), "the local mode must not wait for a Docker probe");
    }

    @Test
    void containersAreChosenWhereDockerAnswers() {
        assertEquals(InfrastructureMode.CONTAINERS, InfrastructureMode.select("containers", () -> true));
    }

    @Test
    void containersWithoutDockerFailLoudlyInsteadOfFallingBack() {
        var e = assertThrows(IllegalStateException.class, () -> InfrastructureMode.select("containers", () -> false));
        assertTrue(e.getMessage().contains("Docker engine"), e.getMessage());
        assertTrue(e.getMessage().contains("-Ptestcontainers"), e.getMessage());
    }

    @Test
    void anUnknownModeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> InfrastructureMode.select("docker", () -> true));
        assertTrue(e.getMessage().contains("'local' or 'containers'"), e.getMessage());
    }

    @Test
    void thisBuildRunsInTheModeMavenChose() {
        // surefire passes the property from the pom: local by default, containers under -Ptestcontainers
        String requested = System.getProperty(InfrastructureMode.PROPERTY);
        if (System.getProperty("relief.project.root") != null) { // run by Maven, whose surefire block sets both
            assertTrue(requested != null, "the pom passes " + InfrastructureMode.PROPERTY + " to the tests");
        }
        requested = requested == null ? "local" : requested;
        assertEquals(
                requested.equals("containers") ? InfrastructureMode.CONTAINERS : InfrastructureMode.LOCAL,
                InfrastructureMode.current());
    }

    @Test
    void dockerIsProbedForRealAndAgreesWithTheSocket() {
        // on this project's CI machines no engine runs: the probe must say so rather than hang or throw
        boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || System.getenv("DOCKER_HOST") != null;
        if (!socket) {
            assertFalse(ContainerInfrastructure.dockerAvailable());
        }
    }
}
