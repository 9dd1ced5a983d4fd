package org.relief.inventory.service;

import java.util.List;
import org.relief.kernel.text.Text;

/**
 * Fields of a request body that are well-formed but refer to something that does not exist or break a rule that
 * needs the database (unknown warehouse or item, missing expiry for a perishable item): answered like a Bean
 * Validation failure, 400 problem+json naming each field, in the caller's language.
 */
public class FieldProblem extends RuntimeException {
    /** A field and what is wrong with it (from {@link org.relief.inventory.domain.Texts}). */
    public record Field(String field, Text text) {}

    private final List<Field> fields;

    public FieldProblem(List<Field> fields) {
        super(fields.stream()
                .map(f -> f.field() + ": " + f.text().in(false))
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid"));
        this.fields = List.copyOf(fields);
    }

    public static FieldProblem of(String field, Text text) {
        return new FieldProblem(List.of(new Field(field, text)));
    }

    public List<Field> fields() {
        return fields;
    }
}
