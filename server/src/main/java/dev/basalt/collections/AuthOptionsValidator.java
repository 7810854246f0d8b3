package dev.basalt.collections;

import static dev.basalt.collections.ValidationErrors.error;

import dev.basalt.error.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of auth collections: rules, token settings, email templates, OTP, MFA and the
 * password identity fields (PocketBase's {@code collectionAuthOptions.validate}).
 */
final class AuthOptionsValidator {

    private static final List<String> TOKEN_OPTIONS =
            List.of("authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken");
    private static final List<String> TEMPLATE_OPTIONS =
            List.of("verificationTemplate", "resetPasswordTemplate", "confirmEmailChangeTemplate");

    /** Checks one rule expression and records its error under the key. */
    @FunctionalInterface
    interface ExpressionCheck {
        void check(ValidationErrors e, String key, String expression, Collection c, Catalog catalog);
    }

    private final ExpressionCheck expressions;

    AuthOptionsValidator(ExpressionCheck expressions) {
        this.expressions = expressions;
    }

    void validate(ValidationErrors e, Collection c, Optional<Collection> original, Catalog catalog) {
        Map<String, Object> o = c.options();
        Map<String, Object> old = original.map(Collection::options).orElse(Map.of());
        checkOptionRule(e, "authRule", o, old, c, original, catalog);
        if (o.get("manageRule") instanceof String s && s.isEmpty()) {
            e.add("manageRule", error("validation_nil_or_not_empty_required", "Cannot be blank."));
        }
        checkOptionRule(e, "manageRule", o, old, c, original, catalog);
        for (String key : List.of("authAlert", "otp")) {
            ValidationErrors nested = new ValidationErrors().add("emailTemplate", template(map(o.get(key)).get("emailTemplate")));
            e.add(key, nested);
        }
        Map<String, Object> otp = map(o.get("otp"));
        if (bool(otp.get("enabled"))) {
            ValidationErrors nested = new ValidationErrors();
            durationWhenEnabled(nested, otp.get("duration"), 86400);
            long length = number(otp.get("length"));
            if (length == 0) {
                nested.add("length", FieldError.required());
            } else if (length < 4) {
                nested.add("length", error("validation_min_greater_equal_than_required", "Must be no less than 4.",
                        Map.of("threshold", 4)));
            }
            e.add("otp", nested);
        }
        for (String key : TOKEN_OPTIONS) {
            e.add(key, token(map(o.get(key))));
        }
        for (String key : TEMPLATE_OPTIONS) {
            if (o.get(key) == null) {
                e.add(key, FieldError.required());
            } else {
                e.add(key, template(o.get(key)));
            }
        }
        checkMfa(e, o, c, catalog);
        Map<String, Object> passwordAuth = map(o.get("passwordAuth"));
        if (bool(passwordAuth.get("enabled"))) {
            List<?> identity = passwordAuth.get("identityFields") instanceof List<?> l ? l : List.of();
            if (identity.isEmpty()) {
                e.add("passwordAuth", new ValidationErrors().add("identityFields", FieldError.required()));
            }
            for (Object fieldName : identity) {
                String name = String.valueOf(fieldName);
                if (CollectionValidator.byName(c.fields(), name).isEmpty()) {
                    e.add("passwordAuth", new ValidationErrors().add("identityFields", error("validation_missing_field",
                            "Invalid or missing field " + name + ".", Map.of("fieldName", name))));
                    break;
                }
                if (Index.findSingleColumnUnique(c.indexes(), name).isEmpty()) {
                    e.add("passwordAuth", new ValidationErrors().add("identityFields", error("validation_missing_unique_constraint",
                            "The field " + name + " doesn't have a UNIQUE constraint.", Map.of("fieldName", name))));
                    break;
                }
            }
        }
    }

    private void checkMfa(ValidationErrors e, Map<String, Object> o, Collection c, Catalog catalog) {
        Map<String, Object> mfa = map(o.get("mfa"));
        if (!bool(mfa.get("enabled"))) {
            return;
        }
        ValidationErrors nested = new ValidationErrors();
        durationWhenEnabled(nested, mfa.get("duration"), 86400);
        int methods = (bool(map(o.get("passwordAuth")).get("enabled")) ? 1 : 0)
                + (bool(map(o.get("oauth2")).get("enabled")) ? 1 : 0)
                + (bool(map(o.get("otp")).get("enabled")) ? 1 : 0);
        if (methods < 2) {
            nested.add("enabled", error("validation_mfa_not_enough_auths", "MFA requires at least 2 auth methods to be enabled."));
        }
        if (mfa.get("rule") instanceof String rule) {
            expressions.check(nested, "rule", rule, c, catalog);
        }
        e.add("mfa", nested);
    }

    private void checkOptionRule(ValidationErrors e, String key, Map<String, Object> options, Map<String, Object> old,
            Collection c, Optional<Collection> original, Catalog catalog) {
        Object value = options.get(key);
        if (value != null && !(value instanceof String)) {
            e.add(key, error("validation_invalid_value", "Invalid value."));
            return;
        }
        expressions.check(e, key, (String) value, c, catalog);
        if (!e.has(key) && original.isPresent() && c.system() && !Objects.equals(value, old.get(key))) {
            e.add(key, error("validation_collection_system_rule_change", "System collection API rule cannot be changed."));
        }
    }

    private static ValidationErrors token(Map<String, Object> token) {
        ValidationErrors e = new ValidationErrors();
        String secret = token.get("secret") instanceof String s ? s : "";
        if (secret.isEmpty()) {
            e.add("secret", FieldError.required());
        } else if (secret.length() < 30 || secret.length() > 255) {
            e.add("secret", FieldSettingsValidator.lengthOutOfRange(30, 255));
        }
        long duration = number(token.get("duration"));
        if (duration == 0) {
            e.add("duration", FieldError.required());
        } else if (duration < 10) {
            e.add("duration", error("validation_min_greater_equal_than_required", "Must be no less than 10.",
                    Map.of("threshold", 10)));
        } else if (duration > 94670856) {
            e.add("duration", error("validation_max_less_equal_than_required", "Must be no greater than 94670856.",
                    Map.of("threshold", 94670856)));
        }
        return e;
    }

    private static void durationWhenEnabled(ValidationErrors e, Object value, long max) {
        long duration = number(value);
        if (duration == 0) {
            e.add("duration", FieldError.required());
        } else if (duration < 10) {
            e.add("duration", error("validation_min_greater_equal_than_required", "Must be no less than 10.",
                    Map.of("threshold", 10)));
        } else if (duration > max) {
            e.add("duration", error("validation_max_less_equal_than_required", "Must be no greater than " + max + ".",
                    Map.of("threshold", max)));
        }
    }

    private static ValidationErrors template(Object value) {
        Map<String, Object> t = map(value);
        ValidationErrors e = new ValidationErrors();
        for (String key : List.of("subject", "body")) {
            if (!(t.get(key) instanceof String s) || s.isEmpty()) {
                e.add(key, FieldError.required());
            }
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new HashMap<>();
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean b && b;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
