package dev.basalt.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;

/**
 * One API case in the spirit of PocketBase's {@code apis/*_test.go}: a request, the expected
 * status, and fragments the body must and must not contain. Run a list of them with
 * {@link #run(TestServer, List)} from a {@code @TestFactory}.
 */
public final class Scenario {

    private final String method;
    private final String path;
    private String body;
    private Function<TestServer, String> token = s -> null;
    private int status = 200;
    private final List<String> contains = new ArrayList<>();
    private final List<String> notContains = new ArrayList<>();
    private String name;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> expectedHeaders = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> headerPatterns = new java.util.LinkedHashMap<>();

    private Scenario(String method, String path) {
        this.method = method;
        this.path = path;
        this.name = method + " " + path;
    }

    /** A request with any method (HEAD, OPTIONS...). */
    public static Scenario request(String method, String path) {
        return new Scenario(method, path);
    }

    public static Scenario get(String path) {
        return new Scenario("GET", path);
    }

    public static Scenario post(String path, String body) {
        return new Scenario("POST", path).body(body);
    }

    public static Scenario patch(String path, String body) {
        return new Scenario("PATCH", path).body(body);
    }

    public static Scenario put(String path, String body) {
        return new Scenario("PUT", path).body(body);
    }

    public static Scenario delete(String path) {
        return new Scenario("DELETE", path);
    }

    public Scenario body(String json) {
        this.body = json;
        return this;
    }

    /** Sends the test superuser's token. */
    public Scenario asSuperuser() {
        this.token = TestServer::superuserToken;
        return this;
    }

    /** Sends a token computed from the server (e.g. a user's). */
    public Scenario as(Function<TestServer, String> tokenFor) {
        this.token = tokenFor;
        return this;
    }

    public Scenario as(Supplier<String> tokenSupplier) {
        this.token = s -> tokenSupplier.get();
        return this;
    }

    public Scenario expect(int expectedStatus, String... fragments) {
        this.status = expectedStatus;
        this.contains.addAll(List.of(fragments));
        return this;
    }

    public Scenario notExpect(String... fragments) {
        this.notContains.addAll(List.of(fragments));
        return this;
    }

    /** Sends a request header. */
    public Scenario header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    /** Expects a response header with this exact value; a null value expects the header absent. */
    public Scenario expectHeader(String name, String value) {
        this.expectedHeaders.put(name, value);
        return this;
    }

    /** Expects a response header whose value matches the regular expression. */
    public Scenario expectHeaderMatching(String name, String regex) {
        this.headerPatterns.put(name, regex);
        return this;
    }

    public Scenario named(String description) {
        this.name = description;
        return this;
    }

    public TestServer.Response run(TestServer server) {
        TestServer.Response r = server.send(method, path, body, token.apply(server), headers);
        assertThat(r.status()).as("%s: status of %s %s, body %s", name, method, path, r.body()).isEqualTo(status);
        for (String fragment : contains) {
            assertThat(r.body()).as("%s: body contains", name).contains(fragment);
        }
        for (String fragment : notContains) {
            assertThat(r.body()).as("%s: body does not contain", name).doesNotContain(fragment);
        }
        expectedHeaders.forEach((header, value) ->
                assertThat(r.header(header)).as("%s: response header %s", name, header).isEqualTo(value));
        headerPatterns.forEach((header, regex) ->
                assertThat(r.header(header)).as("%s: response header %s", name, header).isNotNull().matches(regex));
        return r;
    }

    public static List<DynamicTest> run(TestServer server, List<Scenario> scenarios) {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.name, () -> s.run(server))).toList();
    }
}
