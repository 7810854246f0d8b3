package dev.basalt.collections;

import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What PocketBase fills in when a collection is saved: the collection id, field ids, the system
 * fields of the type (forced back to their system settings when submitted changed), the unique
 * indexes auth collections need, the auth options with fresh token secrets, and timestamps.
 */
final class CollectionDefaults {

    static final String DEFAULT_ID_PATTERN = "^[a-z0-9]+$";
    private static final int MAX_ID_SUFFIX = 1000;
    private static final Set<String> AUTH_OPTION_KEYS = Set.copyOf(authOptions().keySet());

    private CollectionDefaults() {}

    /**
     * The collection as it will be saved.
     *
     * @param original the stored collection for an update, empty for a create
     * @param idTaken whether a collection id is already used (for the {@code pbc_...2} suffix)
     */
    static Collection apply(Collection draft, Optional<Collection> original, Predicate<String> idTaken) {
        String id = draft.id();
        if (original.isEmpty() && id.isEmpty()) {
            id = freeId(draft, idTaken);
        }
        String now = Timestamps.now();
        String created = original.map(Collection::created).orElse(now);
        List<Field> fields = withFieldIds(draft.fields());
        List<String> indexes = new ArrayList<>(draft.indexes());
        Map<String, Object> options = new LinkedHashMap<>(draft.options());
        // PocketBase compat: keys that are not options of the type are ignored, never stored.
        options.keySet().retainAll(draft.type() == CollectionType.AUTH ? AUTH_OPTION_KEYS
                : draft.type() == CollectionType.VIEW ? Set.of("viewQuery") : Set.of());
        switch (draft.type()) {
            case BASE -> fields = withIdField(fields);
            case AUTH -> {
                fields = withAuthFields(withIdField(fields));
                addUniqueIndex(indexes, id, draft.name(), "tokenKey", "");
                addUniqueIndex(indexes, id, draft.name(), "email", "`email` != ''");
                fillMissing(options, authOptions());
                unsetMissingMappedFields(options, fields);
            }
            case VIEW -> options.putIfAbsent("viewQuery", "");
        }
        return new Collection(id, draft.name(), draft.type(), draft.system(), fields, indexes, draft.listRule(),
                draft.viewRule(), draft.createRule(), draft.updateRule(), draft.deleteRule(), options, created, now);
    }

    /** The default model of a type, as {@code GET /api/collections/meta/scaffolds} shows it. */
    static Collection scaffold(CollectionType type) {
        Collection blank = new Collection("", "", type, false, List.of(), List.of(), Rule.SUPERUSERS_ONLY,
                Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Map.of(), "", "");
        Collection c = apply(blank, Optional.empty(), id -> false);
        return new Collection("", c.name(), c.type(), c.system(), c.fields(), c.indexes(), c.listRule(), c.viewRule(),
                c.createRule(), c.updateRule(), c.deleteRule(), c.options(), "", "");
    }

    private static String freeId(Collection draft, Predicate<String> idTaken) {
        String base = Ids.collectionId(draft.type(), draft.name());
        String id = base;
        for (int i = 2; i < MAX_ID_SUFFIX && idTaken.test(id); i++) {
            id = base + i;
        }
        return id;
    }

    /** Gives every field an id (type + CRC32 of the name); a later field with an id already listed replaces it. */
    static List<Field> withFieldIds(List<Field> fields) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            Field withId = f;
            if (f.id().isEmpty()) {
                withId = f.withId(f.name().isEmpty() ? f.type() + Ids.random(5) : Ids.fieldId(f.type(), f.name()));
            }
            int existing = indexOfId(out, withId.id());
            if (existing >= 0) {
                out.set(existing, withId);
            } else {
                out.add(withId);
            }
        }
        return out;
    }

    private static int indexOfId(List<Field> fields, String id) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfName(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Field> withIdField(List<Field> fields) {
        List<Field> out = new ArrayList<>(fields);
        int i = indexOfName(out, "id");
        if (i >= 0 && out.get(i) instanceof TextField t) {
            String pattern = t.pattern().isEmpty() ? DEFAULT_ID_PATTERN : t.pattern();
            out.set(i, new TextField(t.id(), t.name(), true, false, t.presentable(), true, t.help(), t.min(), t.max(),
                    pattern, t.autogeneratePattern(), true));
        } else {
            out.addFirst(CollectionService.idField());
        }
        return out;
    }

    private static List<Field> withAuthFields(List<Field> fields) {
        List<Field> out = new ArrayList<>(fields);
        int i = indexOfName(out, "password");
        if (i >= 0 && out.get(i) instanceof PasswordField p) {
            out.set(i, new PasswordField(p.id(), p.name(), true, true, p.presentable(), true, p.help(), p.min(), p.max(),
                    p.pattern(), p.cost()));
        } else {
            addOrReplace(out, new PasswordField(Ids.fieldId("password", "password"), "password", true, true, false, true,
                    "", 8, 0, "", 10));
        }
        i = indexOfName(out, "tokenKey");
        if (i >= 0 && out.get(i) instanceof TextField t) {
            out.set(i, new TextField(t.id(), t.name(), true, true, t.presentable(), true, t.help(), t.min(), t.max(),
                    t.pattern(), t.autogeneratePattern(), t.primaryKey()));
        } else {
            addOrReplace(out, new TextField(Ids.fieldId("text", "tokenKey"), "tokenKey", true, true, false, true, "", 30,
                    60, "", "[a-zA-Z0-9]{50}", false));
        }
        i = indexOfName(out, "email");
        if (i >= 0 && out.get(i) instanceof EmailField e) {
            // PocketBase compat: email visibility is governed by emailVisibility, never by hidden.
            out.set(i, new EmailField(e.id(), e.name(), true, false, e.presentable(), e.required(), e.help(),
                    e.exceptDomains(), e.onlyDomains()));
        } else {
            addOrReplace(out, new EmailField(Ids.fieldId("email", "email"), "email", true, false, false, true, "",
                    List.of(), List.of()));
        }
        for (String name : List.of("emailVisibility", "verified")) {
            i = indexOfName(out, name);
            if (i >= 0 && out.get(i) instanceof BoolField b) {
                out.set(i, new BoolField(b.id(), b.name(), true, b.hidden(), b.presentable(), b.required(), b.help()));
            } else {
                addOrReplace(out, new BoolField(Ids.fieldId("bool", name), name, true, false, false, false, ""));
            }
        }
        return out;
    }

    // PocketBase compat: a missing system field is added like any field, so it replaces a field
    // that holds its id (a renamed system field is renamed back).
    private static void addOrReplace(List<Field> fields, Field field) {
        int existing = indexOfId(fields, field.id());
        if (existing >= 0) {
            fields.set(existing, field);
        } else {
            fields.add(field);
        }
    }

    private static void addUniqueIndex(List<String> indexes, String collectionId, String table, String column, String where) {
        if (Index.findSingleColumnUnique(indexes, column).isPresent()) {
            return;
        }
        String name = "idx_" + column + "_" + (collectionId.isEmpty() ? table : collectionId);
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        indexes.add(new Index(name, true, table, List.of(new Index.Column(column, "", "")), where).toSql());
    }

    @SuppressWarnings("unchecked")
    private static void fillMissing(Map<String, Object> target, Map<String, Object> defaults) {
        defaults.forEach((key, value) -> {
            if (!target.containsKey(key)) {
                target.put(key, value);
            } else if (target.get(key) instanceof Map<?, ?> existing && value instanceof Map<?, ?> nested) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                fillMissing(merged, (Map<String, Object>) nested);
                target.put(key, merged);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void unsetMissingMappedFields(Map<String, Object> options, List<Field> fields) {
        if (!(options.get("oauth2") instanceof Map<?, ?> oauth2) || !(oauth2.get("mappedFields") instanceof Map<?, ?> mapped)) {
            return;
        }
        Map<String, Object> cleaned = new LinkedHashMap<>((Map<String, Object>) mapped);
        cleaned.replaceAll((k, v) -> v instanceof String s && !s.isEmpty() && indexOfName(fields, s) < 0 ? "" : v);
        Map<String, Object> newOauth2 = new LinkedHashMap<>((Map<String, Object>) oauth2);
        newOauth2.put("mappedFields", cleaned);
        options.put("oauth2", newOauth2);
    }

    /** The options of a new auth collection, with fresh token secrets. */
    static Map<String, Object> authOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("authRule", "");
        o.put("manageRule", null);
        o.put("authAlert", map("enabled", true, "emailTemplate", template("Login from a new location",
                "<p>Hello,</p>\n<p>Someone signed in to your {APP_NAME} account from a new location:</p>\n"
                        + "<p><em>{ALERT_INFO}</em></p>\n<p><strong>If this wasn't you, change your {APP_NAME} password"
                        + " right away to sign out every other location.</strong></p>\n<p>If it was you, there is nothing"
                        + " to do.</p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>")));
        o.put("oauth2", map("mappedFields", map("id", "", "name", "", "username", "", "avatarURL", ""),
                "enabled", false, "providers", List.of()));
        o.put("passwordAuth", map("enabled", true, "identityFields", List.of("email")));
        o.put("mfa", map("enabled", false, "duration", 1800, "rule", ""));
        o.put("otp", map("enabled", false, "duration", 180, "length", 8, "emailTemplate", template("OTP for {APP_NAME}",
                "<p>Hello,</p>\n<p>Your one-time password is: <strong>{OTP}</strong></p>\n"
                        + "<p><i>If you did not ask for it, you can ignore this email.</i></p>\n"
                        + "<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>")));
        o.put("authToken", token(604800));
        o.put("passwordResetToken", token(1800));
        o.put("emailChangeToken", token(1800));
        o.put("verificationToken", token(259200));
        o.put("fileToken", token(180));
        o.put("verificationTemplate", template("Verify your {APP_NAME} email",
                linkBody("Thank you for joining {APP_NAME}. Use the button below to verify your email address.",
                        "confirm-verification", "Verify", "")));
        o.put("resetPasswordTemplate", template("Reset your {APP_NAME} password",
                linkBody("Use the button below to reset your password.", "confirm-password-reset", "Reset password",
                        "If you did not ask to reset your password, you can ignore this email.")));
        o.put("confirmEmailChangeTemplate", template("Confirm your {APP_NAME} new email address",
                linkBody("Use the button below to confirm your new email address.", "confirm-email-change",
                        "Confirm new email", "If you did not ask to change your email address, you can ignore this email.")));
        return o;
    }

    private static String linkBody(String intro, String route, String label, String note) {
        return "<p>Hello,</p>\n<p>" + intro + "</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/" + route
                + "/{TOKEN}\" target=\"_blank\" rel=\"noopener\">" + label + "</a>\n</p>\n"
                + (note.isEmpty() ? "" : "<p><i>" + note + "</i></p>\n") + "<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>";
    }

    private static Map<String, Object> token(int duration) {
        return map("duration", duration, "secret", Ids.randomSecret(50));
    }

    private static Map<String, Object> template(String subject, String body) {
        return map("subject", subject, "body", body);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
