package org.relief.kernel.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests to the management interface of the service under test (/q/health, /q/metrics, /q/openapi,
 * /q/swagger-ui): in a {@code @QuarkusTest} it listens on {@code quarkus.management.test-port}, not on the API port.
 */
public final class Management {
    private Management() {}

    public static int port() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
