package org.relief.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The event-sourcing core (module kernel-core) imports nothing of the chassis and no framework; the module boundary
 * makes a violation a compile error there, and this says so where the chassis is built on top of it.
 */
class CoreBoundaryTest {
    private static final String[] CORE = {
        "org.relief.kernel.domain..",
        "org.relief.kernel.envelope..",
        "org.relief.kernel.eventstore..",
        "org.relief.kernel.inbox..",
        "org.relief.kernel.outbox..",
        "org.relief.kernel.personaldata..",
        "org.relief.kernel.projection..",
        "org.relief.kernel.tx.."
    };

    @Test
    void theCoreImportsNothingOfTheChassisNorTheFramework() {
        JavaClasses kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.relief.kernel");
        assertTrue(
                kernel.stream().anyMatch(c -> c.getPackageName().startsWith("org.relief.kernel.eventstore")),
                "the core's classes are on the classpath");
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.relief.kernel.runtime..",
                        "org.relief.kernel.web..",
                        "org.relief.kernel.security..",
                        "io.quarkus..",
                        "jakarta..",
                        "org.eclipse.microprofile..",
                        "io.smallrye..",
                        "io.vertx..",
                        "org.hibernate..")
                .check(kernel);
    }
}
