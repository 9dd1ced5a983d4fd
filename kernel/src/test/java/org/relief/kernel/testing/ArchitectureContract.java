package org.relief.kernel.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape every service keeps, checked on its compiled classes (extend it with the service's base package):
 * the same packages by role, dependencies only downward (rest/messaging → service → publishing → projection → domain),
 * a domain in plain Java that knows neither the framework nor the published contracts, and no service importing
 * another. The rules hold the layout after the refactoring that made it; docs/architecture.md draws it.
 */
public abstract class ArchitectureContract {
    /** Every service has these, and nothing else at its top. */
    public static final Set<String> PACKAGES =
            Set.of("rest", "messaging", "service", "publishing", "projection", "domain");
    /** These two are optional: configuration mappings and health checks. */
    public static final Set<String> OPTIONAL_PACKAGES = Set.of("config", "health");

    private static final Set<String> SERVICES = Set.of("requests", "inventory", "dispatch", "volunteer");

    /** e.g. {@code org.relief.requests} */
    protected abstract String basePackage();

    private JavaClasses classes() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage());
    }

    private String layer(String name) {
        return basePackage() + "." + name + "..";
    }

    @Test
    void theServiceHasTheSamePackagesAsEveryOther() {
        Set<String> found = new TreeSet<>();
        classes().forEach(c -> {
            String rest = c.getPackageName().equals(basePackage())
                    ? ""
                    : c.getPackageName().substring(basePackage().length() + 1);
            found.add(rest.isEmpty() ? "(root) " + c.getSimpleName() : rest.split("\\.")[0]);
        });
        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(PACKAGES);
        unexpected.removeAll(OPTIONAL_PACKAGES);
        assertEquals(Set.of(), unexpected, "packages outside " + PACKAGES + " + " + OPTIONAL_PACKAGES);
        assertTrue(found.containsAll(PACKAGES), "missing packages: " + PACKAGES + " vs " + found);
    }

    @Test
    void theDomainIsPlainJavaAndKnowsNoContracts() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage(layer("domain"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "javax.ws..",
                        "org.eclipse.microprofile..",
                        "io.smallrye..",
                        "org.hibernate..",
                        "io.vertx..",
                        "org.apache.kafka..",
                        "com.fasterxml.jackson.databind..",
                        "org.relief.contracts..",
                        "org.relief.kernel.runtime..",
                        "org.relief.kernel.web..",
                        "org.relief.kernel.security..")
                .because("the domain is plain Java: translation to contracts and framework wiring happen at the edges");
        rule.check(classes());
    }

    @Test
    void dependenciesPointDownward() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("rest")
                .definedBy(layer("rest"))
                .layer("messaging")
                .definedBy(layer("messaging"))
                .layer("service")
                .definedBy(layer("service"))
                .layer("publishing")
                .definedBy(layer("publishing"))
                .layer("projection")
                .definedBy(layer("projection"))
                .layer("domain")
                .definedBy(layer("domain"))
                .optionalLayer("config")
                .definedBy(layer("config"))
                .optionalLayer("health")
                .definedBy(layer("health"))
                .whereLayer("rest")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("health")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("rest", "messaging", "health")
                .whereLayer("publishing")
                .mayOnlyBeAccessedByLayers("service")
                .whereLayer("projection")
                .mayOnlyBeAccessedByLayers("service", "publishing", "rest", "messaging", "health")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("service", "publishing", "projection", "rest", "messaging", "health")
                .check(classes());
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(basePackage() + ".(*)..").should().beFreeOfCycles().check(classes());
    }

    @Test
    void noServiceImportsAnother() {
        String own = basePackage().substring("org.relief.".length());
        String[] others = SERVICES.stream()
                .filter(s -> !s.equals(own))
                .map(s -> "org.relief." + s + "..")
                .toArray(String[]::new);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk only through Kafka events")
                .check(classes());
    }
}
