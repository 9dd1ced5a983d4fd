package org.relief.dispatch.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.kernel.testing.BadInputContract;

/** Every write operation in this service's OpenAPI document (today the kernel's ops endpoints) against bad input. */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class BadInputTest extends BadInputContract {}
