package org.relief.dispatch.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.kernel.testing.ServiceReadinessContract;

@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class ServiceReadinessTest extends ServiceReadinessContract {}
