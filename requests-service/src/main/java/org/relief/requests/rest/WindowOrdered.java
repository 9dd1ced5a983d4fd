package org.relief.requests.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** windowStart lies before windowEnd, and a window given by one end only is refused; reported on windowStart. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WindowOrdered.Validator.class)
public @interface WindowOrdered {
    String message() default "{relief.window.order}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<WindowOrdered, SubmitHelpRequestBody.Windowed> {
        @Override
        public boolean isValid(SubmitHelpRequestBody.Windowed w, ConstraintValidatorContext ctx) {
            if (w == null || (w.windowStart() == null && w.windowEnd() == null)) {
                return true;
            }
            ctx.disableDefaultConstraintViolation();
            if (w.windowStart() == null || w.windowEnd() == null) {
                // @NotNull already reports a missing end on a ride; a care window needs both ends or none
                String missing = w.windowStart() == null ? "windowStart" : "windowEnd";
                ctx.buildConstraintViolationWithTemplate("{relief.window.both}")
                        .addPropertyNode(missing)
                        .addConstraintViolation();
                return false;
            }
            if (!w.windowStart().isBefore(w.windowEnd())) {
                ctx.buildConstraintViolationWithTemplate("{relief.window.order}")
                        .addPropertyNode("windowStart")
                        .addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
