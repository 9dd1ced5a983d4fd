package org.relief.volunteer.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.relief.volunteer.domain.Skill;

/** A single skill code of the catalogue; null or blank is left to other constraints (a call for anyone). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownSkill.Validator.class)
public @interface KnownSkill {
    String message() default "{relief.volunteer.skill.unknown}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownSkill, String> {
        @Override
        public boolean isValid(String code, ConstraintValidatorContext ctx) {
            return code == null || code.isBlank() || Skill.of(code).isPresent();
        }
    }
}
