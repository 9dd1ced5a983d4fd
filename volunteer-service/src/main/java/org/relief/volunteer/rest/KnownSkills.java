package org.relief.volunteer.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.relief.volunteer.domain.Skill;

/** Every code is in the skill catalogue; each unknown one is reported on its own index, e.g. skills[1]. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownSkills.Validator.class)
public @interface KnownSkills {
    String message() default "{relief.volunteer.skill.unknown}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownSkills, List<String>> {
        @Override
        public boolean isValid(List<String> codes, ConstraintValidatorContext ctx) {
            if (codes == null) {
                return true;
            }
            boolean valid = true;
            ctx.disableDefaultConstraintViolation();
            for (int i = 0; i < codes.size(); i++) {
                // a null or blank element is @NotBlank's to report
                String code = codes.get(i);
                if (code != null && !code.isBlank() && Skill.of(code).isEmpty()) {
                    valid = false;
                    ctx.buildConstraintViolationWithTemplate("{relief.volunteer.skill.unknown}")
                            .addBeanNode()
                            .inIterable()
                            .atIndex(i)
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
