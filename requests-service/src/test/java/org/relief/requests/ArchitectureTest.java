package org.relief.requests;

import org.relief.kernel.testing.ArchitectureContract;

/** requests-service keeps the layout every service keeps (rules in {@link ArchitectureContract}). */
class ArchitectureTest extends ArchitectureContract {
    @Override
    protected String basePackage() {
        return "org.relief.requests";
    }
}
