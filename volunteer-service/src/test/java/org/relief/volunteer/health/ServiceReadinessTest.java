package org.relief.volunteer.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.ServiceReadinessContract;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ServiceReadinessTest extends ServiceReadinessContract {}
