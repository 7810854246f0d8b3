package dev.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.bench.HttpConnection.Answer;
import dev.basalt.bench.LoadClient.Call;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load client's hand-written HTTP/1.1 against Jetty's server: framing, reuse, errors. */
class HttpConnectionTest {

    private static final String LARGE = "x".repeat(100_000);

    private static Server server;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                switch (path) {
                    case "/base/fixed" -> write(response, callback, 200, "{\"a\":1}");
                    case "/base/missing" -> write(response, callback, 404, "{\"message\":\"not here\"}");
                    case "/base/close" -> {
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                        write(response, callback, 200, "last");
                    }
                    case "/base/echo" -> {
                        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                        write(response, callback, 201, request.getMethod() + " " + request.getHttpURI().getQuery()
                                + " " + request.getHeaders().get(HttpHeader.AUTHORIZATION) + " "
                                + request.getHeaders().get(HttpHeader.CONTENT_TYPE) + " " + body);
                    }
                    case "/base/chunked" -> {
                        // Two writes and no length: Jetty frames the answer in chunks.
                        ByteBuffer second = ByteBuffer.wrap(LARGE.getBytes(StandardCharsets.US_ASCII));
                        response.write(false, ByteBuffer.wrap("start-".getBytes(StandardCharsets.US_ASCII)),
                                Callback.from(() -> response.write(true, second, callback), callback::failed));
                    }
                    case "/base/empty" -> {
                        response.setStatus(204);
                        callback.succeeded();
                    }
                    default -> write(response, callback, 500, "unexpected " + path);
                }
                return true;
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/base/");
    }

    private static void write(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void oneConnectionCarriesManyAnswersOfEveryFraming() throws Exception {
        try (HttpConnection connection = HttpConnection.open(base, 10_000)) {
            assertThat(connection.exchange("GET", "fixed", null, null, true)).isEqualTo(new Answer(200, "{\"a\":1}"));
            assertThat(connection.exchange("GET", "chunked", null, null, true).body()).isEqualTo("start-" + LARGE);
            assertThat(connection.exchange("GET", "empty", null, null, true)).isEqualTo(new Answer(204, ""));
            assertThat(connection.exchange("POST", "echo?q=%20a", "Bearer t", "{\"é\":1}", true))
                    .isEqualTo(new Answer(201, "POST q=%20a Bearer t application/json {\"é\":1}"));
            assertThat(connection.exchange("GET", "chunked", null, null, false)).isEqualTo(new Answer(200, null));
            assertThat(connection.exchange("GET", "fixed", null, null, false)).isEqualTo(new Answer(200, null));
            assertThat(connection.reused()).isTrue();
            assertThat(connection.reusable()).isTrue();
        }
    }

    @Test
    void anErrorKeepsItsBodyAndAClosingAnswerEndsTheConnection() throws Exception {
        try (HttpConnection connection = HttpConnection.open(base, 10_000)) {
            assertThat(connection.exchange("GET", "missing", null, null, false))
                    .isEqualTo(new Answer(404, "{\"message\":\"not here\"}"));
            assertThat(connection.reusable()).isTrue();
            assertThat(connection.exchange("GET", "close", null, null, true)).isEqualTo(new Answer(200, "last"));
            assertThat(connection.reusable()).isFalse();
        }
    }

    @Test
    void theLoadClientCountsFailedAnswersAndOpensANewConnectionWhenOneCloses() {
        try (LoadClient client = new LoadClient(base)) {
            Measurement mixed = client.run(200, 8, i -> Call.get(i % 10 == 0 ? "missing" : i % 7 == 0 ? "close" : "fixed", null));
            assertThat(mixed.errors()).isEqualTo(20);
            assertThat(mixed.firstError()).contains("404").contains("not here");
            assertThat(client.sendOk(Call.get("chunked", null))).isEqualTo("start-" + LARGE);
        }
    }
}
