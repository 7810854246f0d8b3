package dev.basalt.realtime;

import java.io.IOException;

/** The open SSE response of one client, supplied by the HTTP layer. */
public interface Connection {

    /** Writes one complete SSE frame and flushes it; fails when the peer is gone. Never called concurrently. */
    void write(byte[] frame) throws IOException;

    /** Ends the response; may be called more than once. */
    void close();
}
