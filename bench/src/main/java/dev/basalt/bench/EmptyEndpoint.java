package dev.basalt.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An HTTP endpoint that answers {@code {}} and does nothing else, on Jetty inside the bench's own
 * JVM: the load client's throughput against it shows how far the client itself could go, so a
 * report can show that the client was not the bottleneck.
 */
final class EmptyEndpoint implements AutoCloseable {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    EmptyEndpoint() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
