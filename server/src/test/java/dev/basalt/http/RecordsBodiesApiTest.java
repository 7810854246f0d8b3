package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request bodies other than JSON, and writes to auth collections through the records API. */
class RecordsBodiesApiTest {

    static TestServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RecordsFixtures.createAll(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void urlEncodedValuesAreTypeInferred() throws Exception {
        HttpResponse<String> r = post("/api/collections/demo/records", "application/x-www-form-urlencoded",
                "title=0001&price=12.5&active=true&tags=a&tags=b&short=1e3");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"title\":\"0001\"", "\"price\":12.5", "\"active\":true",
                "\"tags\":[\"a\",\"b\"]", "\"short\":\"1e3\"");
    }

    @Test
    void otherContentTypesAreRejected() throws Exception {
        HttpResponse<String> r = post("/api/collections/rules_public/records", "text/plain", "title=x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"data\":{}");
    }

    @Test
    void aPasswordWithoutItsConfirmationIsRefused() {
        TestServer.Response r = server.post("/api/collections/_superusers/records",
                "{\"email\":\"other@example.com\",\"password\":\"1234567890\"}", server.superuserToken());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"passwordConfirm\":{\"code\":\"validation_required\"");
    }

    @Test
    void superusersAreListedWithoutSecrets() {
        TestServer.Response r = server.get("/api/collections/_superusers/records", server.superuserToken());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"email\":\"" + TestServer.SUPERUSER_EMAIL + "\"").doesNotContain("password", "tokenKey");
    }
}
