package io.quarkiverse.functions.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.quarkiverse.functions.runtime.FunctionError.Violation;

/**
 * Checks a decoded input against its Bean Validation constraints. Created at static init, only for functions whose
 * input type declares constraints and only when the application has {@code quarkus-hibernate-validator}.
 */
final class InputValidator {

    private final Validator validator;
    private final boolean elements;

    /**
     * @param elements whether the input is a collection whose elements are validated one by one
     */
    InputValidator(Validator validator, boolean elements) {
        this.validator = validator;
        this.elements = elements;
    }

    static InputValidator forType(Validator validator, Class<?> type, boolean elements) {
        if (type == null || !validator.getConstraintsForClass(type).isBeanConstrained()) {
            return null;
        }
        return new InputValidator(validator, elements);
    }

    List<Violation> validate(Object input) {
        if (input == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        if (elements && input instanceof Iterable<?> items) {
            int index = 0;
            for (Object item : items) {
                if (item != null) {
                    collect(validator.validate(item), "[" + index + "].", violations);
                } else {
                    // the schema of a list input has no null elements, and the function does not expect them
                    violations.add(new Violation("[" + index + "]", "must not be null"));
                }
                index++;
            }
        } else {
            collect(validator.validate(input), "", violations);
        }
        if (violations.size() > 1) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        }
        return violations.isEmpty() ? List.of() : Collections.unmodifiableList(violations);
    }

    private static void collect(Set<ConstraintViolation<Object>> found, String prefix, List<Violation> into) {
        for (ConstraintViolation<Object> violation : found) {
            into.add(new Violation(prefix + violation.getPropertyPath(), violation.getMessage()));
        }
    }
}
