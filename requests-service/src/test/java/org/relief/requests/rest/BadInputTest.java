package org.relief.requests.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.relief.kernel.testing.BadInputContract;
import org.relief.kernel.testing.RealInfrastructure;

/** Every write operation in this service's OpenAPI document against malformed, mistyped, absurd and hostile input. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BadInputTest extends BadInputContract {}
