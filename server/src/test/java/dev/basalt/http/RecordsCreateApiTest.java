package dev.basalt.http;


import dev.basalt.testing.Scenario;
import dev.basalt.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Record create: rules, body parsing, every field validator and the write-time coercion. */
class RecordsCreateApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RecordsFixtures.createAll(server);
        RecordsFixtures.seed(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String DEMO = "/api/collections/demo/records";

    private static Scenario demo(String json) {
        return Scenario.post(DEMO, json);
    }

    /** A demo body: a valid title plus the given JSON members. */
    private static Scenario demoWith(String members) {
        return demo("{\"title\":\"t\"," + members + "}");
    }

    private static String invalid(String field, String code) {
        return "\"" + field + "\":{\"code\":\"" + code + "\"";
    }

    @TestFactory
    List<DynamicTest> rulesAndBodies() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/missing/records", "{}")
                        .expect(404, "\"message\":\"Missing collection context.\"", "\"data\":{}")
                        .named("creating in an unknown collection is a 404"),
                Scenario.post("/api/collections/a_view/records", "{}").asSuperuser()
                        .expect(400, "\"message\":\"Unsupported collection type.\"", "\"data\":{}")
                        .named("records cannot be created in a view"),
                Scenario.post("/api/collections/rules_locked/records", "{\"title\":\"x\"}")
                        .expect(403, "\"message\":\"Only superusers can perform this action.\"", "\"data\":{}")
                        .named("a guest cannot create when the createRule is null"),
                Scenario.post("/api/collections/rules_locked/records", "{\"title\":\"x\"}").asSuperuser()
                        .expect(200, "\"title\":\"x\"")
                        .named("a superuser creates when the createRule is null"),
                Scenario.post("/api/collections/rules_public/records", "{\"title\":\"new\"}")
                        .expect(200, "\"title\":\"new\"", "\"id\":\"", "\"collectionName\":\"rules_public\"")
                        .named("a guest creates in a public collection and gets 200"),
                demo("{\"")
                        .expect(400, "\"data\":{}")
                        .named("a malformed JSON body is a 400"),
                demo("[{\"title\":\"x\"}]")
                        .expect(400, "\"data\":{}")
                        .named("a JSON body that is not an object is a 400"),
                demo("")
                        .expect(400, "\"message\":\"Failed to create record.\"", invalid("title", "validation_required"))
                        .named("an empty body is an empty object and required fields fail"),
                demo("{\"title\":\"\"}")
                        .expect(400, invalid("title", "validation_required"), "\"message\":\"Cannot be blank.\"")
                        .named("an empty required text is blank"),
                demo("{\"title\":\"x\",\"nope\":1,\"created\":\"2000-01-01 00:00:00.000Z\"}")
                        .expect(200, "\"title\":\"x\"")
                        .notExpect("nope", "2000-01-01")
                        .named("unknown keys are ignored and autodates are set by the server"),
                demo("{\"title\":\"x\"}")
                        .expect(200, "\"active\":false", "\"price\":0", "\"tags\":[]", "\"meta\":null",
                                "\"status\":\"\"", "\"author\":\"\"", "\"reviewers\":[]", "\"attachment\":\"\"",
                                "\"when\":\"\"", "\"created\":\"20", "\"updated\":\"20")
                        .notExpect("\"secret\"")
                        .named("unset fields answer their empty values"),
                demo("{\"title\":\"'; DROP TABLE demo; --\",\"short\":\"\\\" OR 1=1\"}")
                        .expect(200, "\"title\":\"'; DROP TABLE demo; --\"", "\"short\":\"\\\" OR 1=1\"")
                        .named("SQL-like payloads are stored verbatim"),
                Scenario.get(DEMO + "?perPage=1").asSuperuser()
                        .expect(200, "\"page\":1")
                        .named("the table survives SQL-like payloads")));
    }

    @TestFactory
    List<DynamicTest> createRuleExpression() {
        return Scenario.run(server, List.of(
                Scenario.post("/api/collections/rules_expr/records", "{\"title\":\"a\",\"status\":\"public\"}")
                        .expect(200, "\"status\":\"public\"")
                        .named("a create matching the createRule succeeds"),
                Scenario.post("/api/collections/rules_expr/records", "{\"id\":\"exprcreate00001\",\"status\":\"private\"}")
                        .expect(400, "\"message\":\"Failed to create record.\"", "\"data\":{}")
                        .named("a create failing the createRule is a 400 with empty data"),
                Scenario.get("/api/collections/rules_expr/records/exprcreate00001").asSuperuser()
                        .expect(404)
                        .named("a create failing the createRule leaves nothing behind"),
                Scenario.post("/api/collections/rules_expr/records", "{\"status\":\"private\"}").asSuperuser()
                        .expect(200, "\"status\":\"private\"")
                        .named("superusers bypass the createRule")));
    }

    @TestFactory
    List<DynamicTest> ids() {
        return Scenario.run(server, List.of(
                demo("{\"title\":\"x\",\"id\":\"abcdefghijklmn\"}")
                        .expect(400, invalid("id", "validation_min_text_constraint"))
                        .named("a custom id of 14 characters is too short"),
                demo("{\"title\":\"x\",\"id\":\"abcdefghijklmnop\"}")
                        .expect(400, invalid("id", "validation_max_text_constraint"))
                        .named("a custom id of 16 characters is too long"),
                demo("{\"title\":\"x\",\"id\":\"abcdefghijklmno\"}")
                        .expect(200, "\"id\":\"abcdefghijklmno\"")
                        .named("a custom id of 15 characters is used"),
                demo("{\"title\":\"x\",\"id\":\"abcdefghijklmno\"}")
                        .expect(400, invalid("id", "validation_pk_invalid"))
                        .named("a duplicate custom id is invalid"),
                demo("{\"title\":\"x\",\"id\":\"ABCDEFGHIJKLMNP\"}")
                        .expect(400, invalid("id", "validation_invalid_format"))
                        .named("an id must match the id field pattern"),
                demo("{\"title\":\"x\",\"id\":\"abcdefg/ijklmno\"}")
                        .expect(400, invalid("id", "validation_pk_forbidden"))
                        .named("an id with a slash is forbidden"),
                demo("{\"title\":\"x\",\"id\":\"abcdefg.ijklmno\"}")
                        .expect(400, invalid("id", "validation_pk_forbidden"))
                        .named("an id with a dot is forbidden"),
                demo("{\"title\":\"x\",\"id\":\"\"}")
                        .expect(200, "\"id\":\"")
                        .named("an empty id is generated")));
    }

    @TestFactory
    List<DynamicTest> textAndEditor() {
        return Scenario.run(server, List.of(
                demoWith("\"code\":\"ab\"").expect(400, invalid("code", "validation_invalid_format"))
                        .named("text must match its pattern"),
                demoWith("\"code\":\"A\"").expect(400, invalid("code", "validation_min_text_constraint"), "\"min\":2")
                        .named("text shorter than min fails"),
                demoWith("\"code\":\"ABCDEF\"").expect(400, invalid("code", "validation_max_text_constraint"))
                        .named("text longer than max fails"),
                demoWith("\"short\":\"ééééééééééé\"").expect(400, invalid("short", "validation_max_text_constraint"))
                        .named("text length counts characters, not bytes (11 > 10)"),
                demoWith("\"short\":\"éééééééééé\"").expect(200, "\"short\":\"éééééééééé\"")
                        .named("ten two-byte characters fit a max of 10"),
                demo("{\"title\":\"" + "x".repeat(5001) + "\"}")
                        .expect(400, invalid("title", "validation_max_text_constraint"), "\"max\":5000")
                        .named("text without max is limited to 5000 characters"),
                demo("{\"title\":\"" + "x".repeat(5000) + "\"}").expect(200)
                        .named("5000 characters fit the default text max"),
                demo("{\"title\":123}").expect(200, "\"title\":\"123\"")
                        .named("numbers are stringified for text"),
                demo("{\"title\":1.5}").expect(200, "\"title\":\"1.5\"")
                        .named("decimals are stringified for text"),
                demo("{\"title\":true}").expect(200, "\"title\":\"true\"")
                        .named("booleans are stringified for text"),
                demo("{\"title\":{\"a\":1}}").expect(400, invalid("title", "validation_required"))
                        .named("an object for a text field is empty"),
                demoWith("\"body\":\"<p>123456789012345</p>\"").expect(400, invalid("body", "validation_content_size_limit"))
                        .named("editor content over maxSize bytes fails"),
                demoWith("\"body\":\"<p>ok</p>\"").expect(200, "\"body\":\"<p>ok</p>\"")
                        .named("editor content within maxSize is stored"),
                demoWith("\"slug\":\"fixed-slug\"").expect(200, "\"slug\":\"fixed-slug\"")
                        .named("a submitted value wins over the autogenerate pattern")));
    }

    @TestFactory
    List<DynamicTest> numbersAndBools() {
        return Scenario.run(server, List.of(
                demoWith("\"price\":\"12.5\"").expect(200, "\"price\":12.5").named("numeric strings are cast"),
                demoWith("\"price\":7").expect(200, "\"price\":7,").named("integral numbers print without a fraction"),
                demoWith("\"price\":\"abc\"").expect(200, "\"price\":0").named("non-numeric strings become 0"),
                demoWith("\"price\":true").expect(200, "\"price\":1").named("true is 1"),
                demoWith("\"price\":\"NaN\"").expect(400, invalid("price", "validation_not_a_number"))
                        .named("NaN is rejected"),
                demoWith("\"price\":\"Inf\"").expect(400, invalid("price", "validation_not_a_number"))
                        .named("infinity is rejected"),
                demoWith("\"qty\":1.5").expect(400, invalid("qty", "validation_only_int_constraint"))
                        .named("onlyInt rejects decimals"),
                demoWith("\"qty\":11").expect(400, invalid("qty", "validation_max_number_constraint"))
                        .named("a number above max fails"),
                demoWith("\"qty\":-1").expect(400, invalid("qty", "validation_min_number_constraint"))
                        .named("a number below min fails"),
                demoWith("\"qty\":0").expect(200, "\"qty\":0").named("0 is empty and skips the bounds"),
                demoWith("\"qty\":\"3\"").expect(200, "\"qty\":3").named("a numeric string satisfies onlyInt"),
                demoWith("\"active\":\"true\"").expect(200, "\"active\":true").named("\"true\" is true"),
                demoWith("\"active\":\"1\"").expect(200, "\"active\":true").named("\"1\" is true"),
                demoWith("\"active\":1").expect(200, "\"active\":true").named("1 is true"),
                demoWith("\"active\":\"yes\"").expect(200, "\"active\":false").named("other strings are false")));
    }

    @TestFactory
    List<DynamicTest> emailsUrlsDates() {
        return Scenario.run(server, List.of(
                demoWith("\"email\":\"nope\"").expect(400, invalid("email", "validation_is_email"))
                        .named("an email must be an address"),
                demoWith("\"email\":\"a@blocked.com\"").expect(400, invalid("email", "validation_email_domain_not_allowed"))
                        .named("exceptDomains rejects the domain"),
                demoWith("\"work_email\":\"a@other.com\"").expect(400, invalid("work_email", "validation_email_domain_not_allowed"))
                        .named("onlyDomains rejects other domains"),
                demoWith("\"email\":\"a@ok.com\",\"work_email\":\"b@example.com\"")
                        .expect(200, "\"email\":\"a@ok.com\"", "\"work_email\":\"b@example.com\"")
                        .named("allowed addresses are stored"),
                demoWith("\"site\":\"not a url\"").expect(400, invalid("site", "validation_invalid_url"))
                        .named("a url must be a url"),
                demoWith("\"site\":\"https://bad.com/x\"").expect(400, invalid("site", "validation_url_domain_not_allowed"))
                        .named("exceptDomains rejects the url host"),
                demoWith("\"site\":\"https://good.com/x?y=1\"").expect(200, "\"site\":\"https://good.com/x?y=1\"")
                        .named("a valid url is stored"),
                demoWith("\"when\":\"2024-05-06\"").expect(200, "\"when\":\"2024-05-06 00:00:00.000Z\"")
                        .named("a bare date is midnight UTC"),
                demoWith("\"when\":\"2024-05-06T07:08:09+02:00\"").expect(200, "\"when\":\"2024-05-06 05:08:09.000Z\"")
                        .named("RFC 3339 datetimes are normalised to UTC"),
                demoWith("\"when\":\"2024-05-06 07:08:09.123Z\"").expect(200, "\"when\":\"2024-05-06 07:08:09.123Z\"")
                        .named("the wire format is kept"),
                demoWith("\"when\":1700000000").expect(200, "\"when\":\"2023-11-14 22:13:20.000Z\"")
                        .named("unix seconds are accepted"),
                demoWith("\"when\":\"garbage\"").expect(200, "\"when\":\"\"")
                        .named("an unparsable date is stored empty, as PocketBase does"),
                demoWith("\"when\":\"2019-12-31\"").expect(400, invalid("when", "validation_min_greater_equal_than_required"))
                        .named("a date before min fails"),
                demoWith("\"when\":\"2031-01-01\"").expect(400, invalid("when", "validation_max_less_equal_than_required"))
                        .named("a date after max fails")));
    }

    @TestFactory
    List<DynamicTest> selectsJsonFilesRelations() {
        return Scenario.run(server, List.of(
                demoWith("\"status\":\"nope\"").expect(400, invalid("status", "validation_invalid_value"))
                        .named("a select value must be one of values"),
                demoWith("\"status\":[\"draft\",\"published\"]").expect(200, "\"status\":\"published\"")
                        .named("a single select keeps the last value"),
                demoWith("\"tags\":[\"a\",\"a\",\"b\"]").expect(200, "\"tags\":[\"a\",\"b\"]")
                        .named("duplicate select values are removed"),
                demoWith("\"tags\":\"c\"").expect(200, "\"tags\":[\"c\"]")
                        .named("one string is a one-value multi select"),
                demoWith("\"tags\":[\"a\",\"b\",\"c\",\"d\"]").expect(400, invalid("tags", "validation_too_many_values"))
                        .named("more values than maxSelect fail"),
                demoWith("\"tags\":[\"x\"]").expect(400, invalid("tags", "validation_invalid_value"))
                        .named("unknown multi select values fail"),
                demoWith("\"meta\":\"hello\"").expect(200, "\"meta\":\"hello\"")
                        .named("a plain string is stored as a JSON string"),
                demoWith("\"meta\":\"{\\\"a\\\":1}\"").expect(200, "\"meta\":{\"a\":1}")
                        .named("a string holding JSON is stored raw"),
                demoWith("\"meta\":\"12\"").expect(200, "\"meta\":12")
                        .named("a numeric string is stored as a JSON number"),
                demoWith("\"meta\":{\"a\":[1,2]}").expect(200, "\"meta\":{\"a\":[1,2]}")
                        .named("a JSON object is stored"),
                demoWith("\"meta\":\"" + "x".repeat(60) + "\"").expect(400, invalid("meta", "validation_json_size_limit"))
                        .named("JSON over maxSize fails"),
                demoWith("\"attachment\":\"file.txt\"").expect(400, invalid("attachment", "validation_invalid_file"))
                        .named("file values in a JSON body are rejected"),
                demoWith("\"attachment\":\"\"").expect(200, "\"attachment\":\"\"")
                        .named("an empty file value is accepted"),
                demoWith("\"author\":\"missing00000001\"").expect(400, invalid("author", "validation_missing_rel_records"))
                        .named("relation ids must exist"),
                demoWith("\"author\":\"person000000001\"").expect(200, "\"author\":\"person000000001\"")
                        .named("an existing relation id is stored"),
                demoWith("\"reviewers\":[\"person000000001\"]").expect(400, invalid("reviewers", "validation_not_enough_values"))
                        .named("fewer relations than minSelect fail"),
                demoWith("\"reviewers\":[\"person000000001\",\"person000000002\",\"person000000003\",\"x\"]")
                        .expect(400, invalid("reviewers", "validation_too_many_values"))
                        .named("more relations than maxSelect fail"),
                demoWith("\"reviewers\":[\"person000000001\",\"missing00000001\"]")
                        .expect(400, invalid("reviewers", "validation_missing_rel_records"))
                        .named("every relation id must exist"),
                demoWith("\"reviewers\":\"[\\\"person000000001\\\",\\\"person000000002\\\"]\"")
                        .expect(200, "\"reviewers\":[\"person000000001\",\"person000000002\"]")
                        .named("a JSON array in a string is a list of ids"),
                demo("{\"code\":\"a\",\"qty\":20,\"tags\":[\"x\"]}")
                        .expect(400, invalid("title", "validation_required"), invalid("code", "validation_min_text_constraint"),
                                invalid("qty", "validation_max_number_constraint"), invalid("tags", "validation_invalid_value"))
                        .named("every failing field is reported at once")));
    }

    @TestFactory
    List<DynamicTest> uniqueIndexes() {
        return Scenario.run(server, List.of(
                demoWith("\"slug\":\"taken\"").expect(200).named("a first unique value is stored"),
                demoWith("\"slug\":\"taken\"")
                        .expect(400, "\"message\":\"Failed to create record.\"", invalid("slug", "validation_not_unique"),
                                "\"message\":\"Value must be unique.\"")
                        .named("a duplicate unique value names the field"),
                demoWith("\"code\":\"AB\",\"price\":5").expect(200).named("a first unique pair is stored"),
                demoWith("\"code\":\"AB\",\"price\":5")
                        .expect(400, invalid("code", "validation_not_unique"), invalid("price", "validation_not_unique"))
                        .named("a duplicate pair names every field of the index"),
                demoWith("\"code\":\"AB\",\"price\":6").expect(200).named("a different pair is fine")));
    }
}
