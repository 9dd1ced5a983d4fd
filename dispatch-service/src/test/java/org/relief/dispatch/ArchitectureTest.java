package org.relief.dispatch;

import org.relief.kernel.testing.ArchitectureContract;

/** dispatch-service keeps the layout every service keeps (rules in {@link ArchitectureContract}). */
class ArchitectureTest extends ArchitectureContract {
    @Override
    protected String basePackage() {
        return "org.relief.dispatch";
    }
}
