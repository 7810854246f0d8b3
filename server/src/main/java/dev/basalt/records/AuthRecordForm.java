package dev.basalt.records;

import dev.basalt.error.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checks an auth record's create/update body passes before any field validator runs (§4.5):
 * {@code password} with {@code passwordConfirm}, {@code oldPassword} for non-managers, and
 * {@code email}/{@code verified} changes reserved to managers. Values are the plain text the
 * client submitted; nothing here is stored or logged.
 *
 * @param password        the submitted {@code password} ({@code ""} when absent)
 * @param passwordConfirm the submitted {@code passwordConfirm} ({@code ""} when absent)
 * @param oldPassword     the submitted {@code oldPassword} ({@code ""} when absent)
 */
record AuthRecordForm(String password, String passwordConfirm, String oldPassword) {

    static final String PASSWORD = "password";
    static final String PASSWORD_CONFIRM = "passwordConfirm";
    static final String OLD_PASSWORD = "oldPassword";
    static final String EMAIL = "email";
    static final String VERIFIED = "verified";
    static final String TOKEN_KEY = "tokenKey";
    static final int TOKEN_KEY_LENGTH = 50;

    /** The form keys of a body; other keys are the record's business. */
    static AuthRecordForm of(Map<String, Object> body) {
        return new AuthRecordForm(text(body, PASSWORD), text(body, PASSWORD_CONFIRM), text(body, OLD_PASSWORD));
    }

    private static String text(Map<String, Object> body, String key) {
        return FieldValues.text(body.get(key));
    }

    /** Whether the body touches the password at all (so an update needs manager rights or the old one). */
    boolean touchesPassword() {
        return !password.isEmpty() || !passwordConfirm.isEmpty() || !oldPassword.isEmpty();
    }

    /**
     * @param draft   the record as the body would leave it (email and verified as submitted)
     * @param stored  the record before an update, or empty for a create
     * @param manager whether the requester has manager rights on the record (§4.4)
     * @return the failures by form key; empty when the field validators may run
     */
    Map<String, FieldError> check(Record draft, Optional<Record> stored, boolean manager, PasswordHashing hashing) {
        boolean isNew = stored.isEmpty();
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (!isNew && !manager && !draft.getString(EMAIL).equals(stored.get().getString(EMAIL))) {
            errors.put(EMAIL, mismatch());
        }
        boolean verifiedBefore = stored.map(r -> Boolean.TRUE.equals(r.get(VERIFIED))).orElse(false);
        if (!manager && Boolean.TRUE.equals(draft.get(VERIFIED)) != verifiedBefore) {
            errors.put(VERIFIED, mismatch());
        }
        if ((isNew || !passwordConfirm.isEmpty() || !oldPassword.isEmpty()) && password.isEmpty()) {
            errors.put(PASSWORD, FieldError.required());
        }
        if ((isNew || !password.isEmpty() || !oldPassword.isEmpty()) && passwordConfirm.isEmpty()) {
            errors.put(PASSWORD_CONFIRM, FieldError.required());
        } else if (!passwordConfirm.equals(password)) {
            errors.put(PASSWORD_CONFIRM, mismatch());
        }
        if (!isNew && !manager && (!password.isEmpty() || !passwordConfirm.isEmpty())) {
            if (oldPassword.isEmpty()) {
                errors.put(OLD_PASSWORD, FieldError.required());
            } else if (!hashing.matches(oldPassword, stored.get().getString(PASSWORD))) {
                errors.put(OLD_PASSWORD, new FieldError("validation_invalid_old_password", "Missing or invalid old password."));
            }
        }
        return errors;
    }

    private static FieldError mismatch() {
        return new FieldError("validation_values_mismatch", "Values don't match.");
    }

    // The plain text never appears in toString (records print their components).
    @Override
    public String toString() {
        return "AuthRecordForm[password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
