package org.relief.inventory.service;

import java.util.List;

/**
 * Fields of a request body that are well-formed but refer to something that does not exist or break a rule that
 * needs the database (unknown warehouse or item, missing expiry for a perishable item): answered like a Bean
 * Validation failure, 400 problem+json naming each field.
 */
public class FieldProblem extends RuntimeException {
    public record Field(String field, String message, String messageZh) {}

    private final List<Field> fields;

    public FieldProblem(List<Field> fields) {
        super(fields.stream()
                .map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid"));
        this.fields = List.copyOf(fields);
    }

    public static FieldProblem of(String field, String message, String messageZh) {
        return new FieldProblem(List.of(new Field(field, message, messageZh)));
    }

    public List<Field> fields() {
        return fields;
    }
}
