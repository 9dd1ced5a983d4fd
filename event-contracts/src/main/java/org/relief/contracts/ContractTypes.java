package org.relief.contracts;

/**
 * The event type and schema version a contract record declares in its {@code public static final} {@code TYPE} and
 * {@code VERSION} constants, so that publishers write the outbox row from the contract itself and a version bump in
 * the contract reaches every publisher. A payload shared by several types (StockAllocation,
 * VolunteerAssignmentAnswered) has no single {@code TYPE}: its publisher names the type.
 */
public final class ContractTypes {
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return (String) constant(type, "TYPE");
        }
    };
    private static final ClassValue<Integer> VERSIONS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return (Integer) constant(type, "VERSION");
        }
    };

    private ContractTypes() {}

    public static String typeOf(Object contract) {
        return TYPES.get(contract.getClass());
    }

    public static int versionOf(Object contract) {
        return VERSIONS.get(contract.getClass());
    }

    private static Object constant(Class<?> type, String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " declares no public static " + name, e);
        }
    }
}
