package dev.basalt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.basalt.app.Basalt;
import dev.basalt.app.Config;
import dev.basalt.http.HttpConfig;
import dev.basalt.mail.MailConfig;
import dev.basalt.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Basalt on a free loopback port with its own temporary data directory, and an HTTP
 * client for it. One per test class; {@link #close()} stops it and deletes the directory.
 */
public final class TestServer implements AutoCloseable {

    public static final String SUPERUSER_EMAIL = "admin@example.com";
    public static final String SUPERUSER_PASSWORD = "1234567890";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Basalt basalt;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String superuserToken;

    private TestServer(Path dir, Basalt basalt) {
        this.dir = dir;
        this.basalt = basalt;
    }

    public static TestServer start() {
        return start(HttpConfig.parse("127.0.0.1:0"));
    }

    /** A server with its own HTTP settings (CORS origins, body limit); use port 0. */
    public static TestServer start(HttpConfig http) {
        return start(http, MailConfig.DEFAULT);
    }

    /** A server that sends its system emails as {@code mail} says (e.g. to a GreenMail server). */
    public static TestServer start(MailConfig mail) {
        return start(HttpConfig.parse("127.0.0.1:0"), mail);
    }

    /** A server whose startup configuration the test adjusts (e.g. short realtime timeouts). */
    public static TestServer start(java.util.function.UnaryOperator<Config> customize) {
        return start(HttpConfig.parse("127.0.0.1:0"), MailConfig.DEFAULT, customize);
    }

    private static TestServer start(HttpConfig http, MailConfig mail) {
        return start(http, mail, c -> c);
    }

    private static TestServer start(HttpConfig http, MailConfig mail, java.util.function.UnaryOperator<Config> customize) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        try {
            Path dir = Files.createTempDirectory("basalt-test");
            Config config = new Config(http, TestDatabases.forServer(dir), mail);
            // On PostgreSQL the server is a (one-node) cluster: its data directory is the shared volume.
            config = config.withFiles(config.files().withShared(TestDatabases.isPostgres()));
            Basalt basalt = Basalt.start(customize.apply(config));
            basalt.superusers().upsert(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
            // Rate limiting is on by default and every test request comes from 127.0.0.1, so suites
            // would throttle themselves; the rate-limit tests switch it back on with their own rules.
            Settings settings = basalt.settings().current();
            basalt.settings().replace(settings.withRateLimits(new Settings.RateLimits(false,
                    settings.rateLimits().excludedIPs(), settings.rateLimits().rules())));
            return new TestServer(dir, basalt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Basalt basalt() {
        return basalt;
    }

    public Path dataDir() {
        return dir;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + basalt.port();
    }

    /** A valid auth token of the test superuser (obtained once through auth-with-password). */
    public String superuserToken() {
        if (superuserToken == null) {
            Response r = send("POST", "/api/collections/_superusers/auth-with-password",
                    "{\"identity\":\"" + SUPERUSER_EMAIL + "\",\"password\":\"" + SUPERUSER_PASSWORD + "\"}", null);
            if (r.status() != 200) {
                throw new IllegalStateException("superuser login failed: " + r.body());
            }
            superuserToken = r.json().get("token").asText();
        }
        return superuserToken;
    }

    /**
     * Creates a user in the default {@code users} collection and logs it in through
     * auth-with-password.
     *
     * @return the user's auth token
     */
    public String createUser(String email, String password) {
        return createAuthRecord("users", email, password).token();
    }

    /**
     * Creates a record of an auth collection as the superuser (so any createRule passes) and logs
     * it in through auth-with-password.
     */
    public AuthRecord createAuthRecord(String collection, String email, String password) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"passwordConfirm\":\""
                + password + "\"}";
        Response created = post("/api/collections/" + collection + "/records", body, superuserToken());
        if (created.status() != 200) {
            throw new IllegalStateException("creating " + email + " failed: " + created.body());
        }
        return new AuthRecord(created.json().get("id").asText(), login(collection, email, password));
    }

    /** The token of an auth-with-password login; fails the test when the login fails. */
    public String login(String collection, String email, String password) {
        Response r = post("/api/collections/" + collection + "/auth-with-password",
                "{\"identity\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + email + " failed: " + r.body());
        }
        return r.json().get("token").asText();
    }

    /** An auth record created for a test: its id and a token. */
    public record AuthRecord(String id, String token) {}

    public Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Response post(String path, String json, String token) {
        return send("POST", path, json, token);
    }

    public Response patch(String path, String json, String token) {
        return send("PATCH", path, json, token);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    /** Sends a request with an optional JSON body and an optional raw token. */
    public Response send(String method, String path, String json, String token) {
        return send(method, path, json, token, java.util.Map.of());
    }

    /** Sends a request with an optional JSON body, an optional raw token and extra headers. */
    public Response send(String method, String path, String json, String token, java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", token);
        }
        headers.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(b);
    }

    /** A multipart request ({@link Multipart}); {@code token} may be null for a guest. */
    public Response sendMultipart(String method, String path, Multipart form, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", form.contentType())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
        if (token != null) {
            b.header("Authorization", token);
        }
        return exchange(b);
    }

    private Response exchange(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String queryValue) {
        return URLEncoder.encode(queryValue, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        basalt.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, raw body, headers. */
    public record Response(int status, String body, java.util.Map<String, java.util.List<String>> headers) {
        /** The first value of a response header (case-insensitive name), or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }
}
