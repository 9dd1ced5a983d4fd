package org.relief.inventory;

import org.relief.kernel.testing.ArchitectureContract;

/** inventory-service keeps the layout every service keeps (rules in {@link ArchitectureContract}). */
class ArchitectureTest extends ArchitectureContract {
    @Override
    protected String basePackage() {
        return "org.relief.inventory";
    }
}
