package dev.basalt.http;

import dev.basalt.realtime.Connection;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * An open {@code text/event-stream} response. The request handler returns right away, leaving the
 * response suspended (Javalin's {@code ctx.future}) until {@link #close()}, so an idle connection
 * holds no thread.
 */
final class SseConnection implements Connection {

    private final ServletOutputStream out;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    SseConnection(ServletOutputStream out) {
        this.out = out;
    }

    @Override
    public void write(byte[] frame) throws IOException {
        if (closed.isDone()) {
            throw new IOException("connection closed");
        }
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() {
        // Completing the future lets Javalin finish the response; not on the caller's thread,
        // which may be the realtime timer or fan-out thread.
        if (!closed.isDone()) {
            Thread.ofVirtual().name("realtime-close").start(() -> closed.complete(null));
        }
    }

    CompletableFuture<Void> closed() {
        return closed;
    }
}
