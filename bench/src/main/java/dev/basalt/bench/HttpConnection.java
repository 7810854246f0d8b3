package dev.basalt.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a blocking socket, used by one caller at a time.
 *
 * <p>Written by hand because the load generator shares the machine's two cores with the server
 * it measures: every microsecond the client spends on a request is taken from the server. Jetty's
 * client hands each exchange between the caller's thread and its selector threads and builds a
 * request object, listeners and a future per call; against Basalt's trivial route it let the
 * server reach about half of what wrk (a C client) drew from the same server. This class does what
 * the bench needs and no more: it writes the request in one write, reads the status line and the
 * three headers that frame the answer (Content-Length, Transfer-Encoding, Connection) and drains
 * the body, keeping it only when asked to.
 */
final class HttpConnection implements AutoCloseable {

    /** The answer to one request; {@code body} is null unless it was asked for. */
    record Answer(int status, String body) {

        boolean ok() {
            return status < 400;
        }
    }

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final byte[] HTTP_1_1 = bytes(" HTTP/1.1\r\n");
    private static final byte[] AUTHORIZATION = bytes("Authorization: ");
    private static final byte[] JSON_BODY = bytes("Content-Type: application/json\r\nContent-Length: ");
    private static final byte[] CRLF = bytes("\r\n");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String basePath;
    private final byte[] hostHeader;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private byte[] request = new byte[1024];
    private int requestLength;
    private boolean open = true;
    private int exchanges;
    private long idleSince = System.nanoTime();

    private HttpConnection(URI base, Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        String path = base.getRawPath();
        this.basePath = path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
        this.hostHeader = bytes("Host: " + base.getHost() + ":" + base.getPort() + "\r\n");
    }

    static HttpConnection open(URI base, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), CONNECT_TIMEOUT_MILLIS);
            return new HttpConnection(base, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Whether an answer ended in a way that lets the next request reuse this connection. */
    boolean reusable() {
        return open;
    }

    /** Whether a request has been answered on this connection before. */
    boolean reused() {
        return exchanges > 0;
    }

    long idleSince() {
        return idleSince;
    }

    /**
     * Sends one request ({@code path} relative to the base URL, already percent-encoded) and reads
     * its whole answer. The body is decoded when {@code keepBody} is set or the status is an error.
     */
    Answer exchange(String method, String path, String token, String body, boolean keepBody) throws IOException {
        try {
            writeRequest(method, path, token, body);
            Answer answer = readAnswer(keepBody);
            exchanges++;
            idleSince = System.nanoTime();
            return answer;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void writeRequest(String method, String path, String token, String body) throws IOException {
        requestLength = 0;
        appendAscii(method);
        appendAscii(" ");
        appendAscii(basePath);
        appendAscii(path);
        append(HTTP_1_1);
        append(hostHeader);
        if (token != null) {
            append(AUTHORIZATION);
            appendAscii(token);
            append(CRLF);
        }
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (content != null) {
            append(JSON_BODY);
            appendAscii(Integer.toString(content.length));
            append(CRLF);
        }
        append(CRLF);
        if (content != null) {
            append(content);
        }
        out.write(request, 0, requestLength);
        out.flush();
    }

    private Answer readAnswer(boolean keepBody) throws IOException {
        int status = readStatus();
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (int end = lineEnd(); end != position; end = lineEnd()) {
            if (startsWithIgnoreCase("content-length:")) {
                contentLength = Long.parseLong(headerValue(end, "content-length:".length()));
            } else if (startsWithIgnoreCase("transfer-encoding:")) {
                chunked = headerValue(end, "transfer-encoding:".length()).toLowerCase(Locale.ROOT).contains("chunked");
            } else if (startsWithIgnoreCase("connection:")) {
                close = headerValue(end, "connection:".length()).equalsIgnoreCase("close");
            }
            position = end + 2;
        }
        position += 2;
        ByteArrayOutputStream kept = keepBody || status >= 400 ? new ByteArrayOutputStream() : null;
        if (status == 204 || status == 304 || status < 200) {
            // no body by definition
        } else if (chunked) {
            readChunked(kept);
        } else if (contentLength >= 0) {
            readExactly(contentLength, kept);
        } else {
            readToEnd(kept);
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(status, kept == null ? null : kept.toString(StandardCharsets.UTF_8));
    }

    /** Reads "HTTP/1.1 200 Reason" and leaves the position at the first header line. */
    private int readStatus() throws IOException {
        int end = lineEnd();
        if (end - position < 12 || buffer[position] != 'H' || buffer[position + 8] != ' ') {
            throw new IOException("not an HTTP/1.1 status line: "
                    + new String(buffer, position, Math.min(end - position, 80), StandardCharsets.ISO_8859_1));
        }
        int status = (buffer[position + 9] - '0') * 100 + (buffer[position + 10] - '0') * 10 + (buffer[position + 11] - '0');
        position = end + 2;
        return status;
    }

    private void readChunked(ByteArrayOutputStream kept) throws IOException {
        while (true) {
            int end = lineEnd();
            long size = 0;
            for (int i = position; i < end; i++) {
                int digit = Character.digit(buffer[i], 16);
                if (digit < 0) {
                    break; // a chunk extension follows
                }
                size = size * 16 + digit;
            }
            position = end + 2;
            if (size == 0) {
                for (int trailer = lineEnd(); trailer != position; trailer = lineEnd()) {
                    position = trailer + 2;
                }
                position += 2;
                return;
            }
            readExactly(size, kept);
            lineEnd();
            position += 2;
        }
    }

    private void readExactly(long length, ByteArrayOutputStream kept) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            if (position == limit) {
                fill();
            }
            int take = (int) Math.min(remaining, limit - position);
            if (kept != null) {
                kept.write(buffer, position, take);
            }
            position += take;
            remaining -= take;
        }
    }

    private void readToEnd(ByteArrayOutputStream kept) throws IOException {
        while (true) {
            if (kept != null) {
                kept.write(buffer, position, limit - position);
            }
            position = limit;
            if (!fillOrEnd()) {
                return;
            }
        }
    }

    /** The index of the CR of the line starting at the position, reading more as needed. */
    private int lineEnd() throws IOException {
        int scanned = 0; // bytes after the position known not to start a CRLF
        while (true) {
            for (int i = position + scanned; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    return i;
                }
            }
            scanned = Math.max(0, limit - position - 1);
            if (position == 0 && limit == buffer.length) {
                throw new IOException("an answer's header line is longer than " + BUFFER_BYTES + " bytes");
            }
            fill();
        }
    }

    private boolean startsWithIgnoreCase(String name) {
        if (limit - position < name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase(buffer[position + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String headerValue(int end, int nameLength) {
        return new String(buffer, position + nameLength, end - position - nameLength, StandardCharsets.ISO_8859_1).trim();
    }

    private void compact() {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
    }

    private void fill() throws IOException {
        if (!fillOrEnd()) {
            throw new EOFException("the server closed the connection");
        }
    }

    private boolean fillOrEnd() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
        } else if (limit == buffer.length) {
            compact();
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private void appendAscii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            request[requestLength++] = (byte) text.charAt(i);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, request, requestLength, bytes.length);
        requestLength += bytes.length;
    }

    private void ensure(int more) {
        if (requestLength + more > request.length) {
            request = Arrays.copyOf(request, Math.max(request.length * 2, requestLength + more));
        }
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection nobody will use again
            }
        }
    }
}
