package org.relief.requests.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.relief.requests.domain.RequestKind;

/**
 * The body carries exactly the part its kind needs: {@code lines} for SUPPLIES, {@code ride} for RIDE, {@code care}
 * for CARE. Each violation names the offending field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KindParts.Validator.class)
public @interface KindParts {
    String message() default "{relief.kind.part}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KindParts, SubmitHelpRequestBody> {
        @Override
        public boolean isValid(SubmitHelpRequestBody body, ConstraintValidatorContext ctx) {
            if (body == null) {
                return true;
            }
            RequestKind kind = body.kindOrDefault();
            boolean ok = true;
            ctx.disableDefaultConstraintViolation();
            if (kind == RequestKind.SUPPLIES
                    && (body.lines() == null || body.lines().isEmpty())) {
                ok = fail(ctx, "lines", "{relief.kind.lines-required}");
            } else if (kind != RequestKind.SUPPLIES
                    && body.lines() != null
                    && !body.lines().isEmpty()) {
                ok = fail(ctx, "lines", "{relief.kind.absent}");
            }
            if (kind == RequestKind.RIDE && body.ride() == null) {
                ok = fail(ctx, "ride", "{relief.kind.ride-required}");
            } else if (kind != RequestKind.RIDE && body.ride() != null) {
                ok = fail(ctx, "ride", "{relief.kind.absent}");
            }
            if (kind == RequestKind.CARE && body.care() == null) {
                ok = fail(ctx, "care", "{relief.kind.care-required}");
            } else if (kind != RequestKind.CARE && body.care() != null) {
                ok = fail(ctx, "care", "{relief.kind.absent}");
            }
            return ok;
        }

        private static boolean fail(ConstraintValidatorContext ctx, String field, String message) {
            ctx.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
