package org.relief.volunteer;

import org.relief.kernel.testing.ArchitectureContract;

/** volunteer-service keeps the layout every service keeps (rules in {@link ArchitectureContract}). */
class ArchitectureTest extends ArchitectureContract {
    @Override
    protected String basePackage() {
        return "org.relief.volunteer";
    }
}
