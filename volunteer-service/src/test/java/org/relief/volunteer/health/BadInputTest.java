package org.relief.volunteer.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.relief.kernel.testing.BadInputContract;
import org.relief.kernel.testing.RealInfrastructure;

/** Every write operation in this service's OpenAPI document (today the kernel's ops endpoints) against bad input. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BadInputTest extends BadInputContract {}
