package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.AutodateField;
import dev.basalt.collections.fields.BoolField;
import dev.basalt.collections.fields.DateField;
import dev.basalt.collections.fields.EditorField;
import dev.basalt.collections.fields.EmailField;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.GeoPointField;
import dev.basalt.collections.fields.JsonField;
import dev.basalt.collections.fields.NumberField;
import dev.basalt.collections.fields.PasswordField;
import dev.basalt.collections.fields.RelationField;
import dev.basalt.collections.fields.SelectField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.collections.fields.UrlField;
import dev.basalt.collections.SystemCollections;
import dev.basalt.records.ExpandedRecord;
import dev.basalt.records.Record;
import dev.basalt.records.RequestInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    static final Collection USERS = collection("pbc_users", "users", CollectionType.AUTH,
            text("id", false), new EmailField("", "email", true, false, false, false, "", List.of(), List.of()),
            new BoolField("", "emailVisibility", true, false, false, false, ""),
            new PasswordField("", "password", true, true, false, true, "", 8, 71, "", 10),
            text("tokenKey", true), text("name", false), text("secret", true));

    static final Collection SUPERUSERS = collection("pbc_3142635823", SystemCollections.SUPERUSERS, CollectionType.AUTH,
            text("id", false));

    static Field text(String name, boolean hidden) {
        return new TextField("", name, false, hidden, false, false, "", 0, 0, "", "", false);
    }

    static Collection collection(String id, String name, CollectionType type, Field... fields) {
        return new Collection(id, name, type, false, List.of(fields), List.of(), Rule.EVERYONE, Rule.EVERYONE,
                Rule.EVERYONE, Rule.EVERYONE, Rule.EVERYONE, Map.of(), null, null);
    }

    static Record user(String id, boolean emailVisibility) {
        Map<String, Object> v = new HashMap<>();
        v.put("id", id);
        v.put("email", id + "@example.com");
        v.put("emailVisibility", emailVisibility);
        v.put("password", "$2a$10$hash");
        v.put("tokenKey", "key");
        v.put("name", "Name " + id);
        v.put("secret", "s");
        return new Record(USERS, v);
    }

    static final Record ADMIN = new Record(SUPERUSERS, Map.of("id", "admin"));

    @Test
    void guestsSeeNeitherHiddenFieldsNorPrivateEmails() {
        Map<String, Object> json = RecordJson.of(ExpandedRecord.plain(user("u1", false)), RequestInfo.guest());
        assertThat(json).containsOnlyKeys("collectionId", "collectionName", "id", "emailVisibility", "name");
        assertThat(json).containsEntry("collectionId", "pbc_users").containsEntry("collectionName", "users");
    }

    @Test
    void publicEmailsAreShownToEveryone() {
        Map<String, Object> json = RecordJson.of(ExpandedRecord.plain(user("u1", true)), RequestInfo.guest());
        assertThat(json).containsEntry("email", "u1@example.com").doesNotContainKeys("password", "tokenKey", "secret");
    }

    @Test
    void theRecordItselfSeesItsEmail() {
        Record u1 = user("u1", false);
        assertThat(RecordJson.of(ExpandedRecord.plain(u1), RequestInfo.of(u1))).containsKey("email").doesNotContainKey("secret");
        assertThat(RecordJson.of(ExpandedRecord.plain(u1), RequestInfo.of(user("u2", false)))).doesNotContainKey("email");
    }

    @Test
    void managersSeeTheEmail() {
        Map<String, Object> json = RecordJson.of(ExpandedRecord.plain(user("u1", false)), RequestInfo.of(user("u2", false)),
                r -> r.id().equals("u1"));
        assertThat(json).containsKey("email");
    }

    @Test
    void superusersSeeHiddenFieldsAndEmailsButNeverSecrets() {
        Map<String, Object> json = RecordJson.of(ExpandedRecord.plain(user("u1", false)), RequestInfo.of(ADMIN));
        assertThat(json).containsKeys("email", "secret").doesNotContainKeys("password", "tokenKey");
    }

    @Test
    void expandIsPresentOnlyWhenRequestedAndAppliesTheSameRules() {
        Record u1 = user("u1", false);
        assertThat(RecordJson.of(ExpandedRecord.plain(u1), RequestInfo.guest())).doesNotContainKey("expand");
        assertThat(RecordJson.of(new ExpandedRecord(u1, Map.of(), true), RequestInfo.guest())).containsEntry("expand", Map.of());

        ExpandedRecord nested = new ExpandedRecord(u1, Map.of(
                "friend", ExpandedRecord.plain(user("u2", false)),
                "others", List.of(ExpandedRecord.plain(user("u3", true)))), true);
        JsonNode json = Json.MAPPER.valueToTree(RecordJson.of(nested, RequestInfo.of(u1)));
        assertThat(json.path("email").asText()).isEqualTo("u1@example.com");
        assertThat(json.path("expand").path("friend").has("email")).isFalse();
        assertThat(json.path("expand").path("others").get(0).path("email").asText()).isEqualTo("u3@example.com");
    }

    @Test
    void emptyValuesPerType() {
        Collection all = collection("pbc_all", "all", CollectionType.BASE,
                text("id", false),
                new EditorField("", "editor", false, false, false, false, "", 0, false),
                new NumberField("", "number", false, false, false, false, "", null, null, false),
                new BoolField("", "bool", false, false, false, false, ""),
                new EmailField("", "email", false, false, false, false, "", List.of(), List.of()),
                new UrlField("", "url", false, false, false, false, "", List.of(), List.of()),
                new DateField("", "date", false, false, false, false, "", "", ""),
                new AutodateField("", "created", false, false, false, true, false),
                new SelectField("", "one", false, false, false, false, "", List.of("a"), 1),
                new SelectField("", "many", false, false, false, false, "", List.of("a"), 2),
                new RelationField("", "rel", false, false, false, false, "", "x", false, 0, 1),
                new RelationField("", "rels", false, false, false, false, "", "x", false, 0, 3),
                new FileField("", "file", false, false, false, false, "", 0, 1, List.of(), List.of(), false),
                new FileField("", "files", false, false, false, false, "", 0, 2, List.of(), List.of(), false),
                new JsonField("", "json", false, false, false, false, "", 0),
                new GeoPointField("", "geo", false, false, false, false, ""));
        JsonNode json = Json.MAPPER.valueToTree(RecordJson.of(new Record(all, Map.of("id", "r1")), false));
        assertThat(json.toString()).isEqualTo("{\"collectionId\":\"pbc_all\",\"collectionName\":\"all\",\"id\":\"r1\","
                + "\"editor\":\"\",\"number\":0,\"bool\":false,\"email\":\"\",\"url\":\"\",\"date\":\"\",\"created\":\"\","
                + "\"one\":\"\",\"many\":[],\"rel\":\"\",\"rels\":[],\"file\":\"\",\"files\":[],\"json\":null,"
                + "\"geo\":{\"lon\":0,\"lat\":0}}");
    }
}
