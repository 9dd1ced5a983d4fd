package org.relief.inventory;

import jakarta.inject.Singleton;
import org.relief.kernel.testing.MovableClock;

/** inventory-service's clock in tests (replaces the kernel's default Clock bean): tests move time, never sleep. */
@Singleton
public class TestClock extends MovableClock {}
