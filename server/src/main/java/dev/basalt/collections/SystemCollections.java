package dev.basalt.collections;

import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.store.Migration;
import dev.basalt.store.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Migration 0002: the {@code _superusers} auth collection. */
public final class SystemCollections implements Migration {

    public static final String SUPERUSERS = "_superusers";

    private final CollectionService collections;

    public SystemCollections(CollectionService collections) {
        this.collections = collections;
    }

    @Override
    public String id() {
        return "0002_superusers";
    }

    @Override
    public void apply(Tx tx) {
        collections.insert(tx, CollectionService.withDefaults(superusers()));
    }

    static Collection superusers() {
        List<Field> fields = List.of(
                CollectionService.idField(),
                new PasswordField(Ids.fieldId("password", "password"), "password", true, true, false, true, "", 8, 0, "", 10),
                new TextField(Ids.fieldId("text", "tokenKey"), "tokenKey", true, true, false, true, "", 30, 60, "",
                        "[a-zA-Z0-9]{50}", false),
                new EmailField(Ids.fieldId("email", "email"), "email", true, false, false, true, "", List.of(), List.of()),
                new BoolField(Ids.fieldId("bool", "emailVisibility"), "emailVisibility", true, false, false, false, ""),
                new BoolField(Ids.fieldId("bool", "verified"), "verified", true, false, false, false, ""),
                new AutodateField(Ids.fieldId("autodate", "created"), "created", true, false, false, true, false),
                new AutodateField(Ids.fieldId("autodate", "updated"), "updated", true, false, false, true, true));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("authRule", "");
        options.put("manageRule", null);
        options.put("passwordAuth", Map.of("enabled", true, "identityFields", List.of("email")));
        options.put("authToken", Map.of("duration", 86400, "secret", Ids.random(50)));
        options.put("passwordResetToken", Map.of("duration", 1800, "secret", Ids.random(50)));
        options.put("emailChangeToken", Map.of("duration", 1800, "secret", Ids.random(50)));
        options.put("verificationToken", Map.of("duration", 259200, "secret", Ids.random(50)));
        options.put("fileToken", Map.of("duration", 180, "secret", Ids.random(50)));
        return new Collection("", SUPERUSERS, CollectionType.AUTH, true, fields,
                List.of("CREATE UNIQUE INDEX `idx_tokenKey_pbc_3142635823` ON `_superusers` (`tokenKey`)",
                        "CREATE UNIQUE INDEX `idx_email_pbc_3142635823` ON `_superusers` (`email`) WHERE `email` != ''"),
                Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY,
                Rule.SUPERUSERS_ONLY, options, "", "");
    }
}
