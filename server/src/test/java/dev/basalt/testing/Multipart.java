package dev.basalt.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code multipart/form-data} body for tests, built part by part:
 * {@code Multipart.form().text("title", "x").file("doc", "a.txt", bytes)}.
 */
public final class Multipart {

    private final String boundary = "basaltTestBoundary7f3a9c";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Multipart() {}

    public static Multipart form() {
        return new Multipart();
    }

    public Multipart text(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public Multipart file(String name, String filename, byte[] content) {
        return file(name, filename, "application/octet-stream", content);
    }

    public Multipart file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The complete body, with the closing boundary. */
    public byte[] bytes() {
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] parts = out.toByteArray();
        byte[] all = Arrays.copyOf(parts, parts.length + end.length);
        System.arraycopy(end, 0, all, parts.length, end.length);
        return all;
    }

    /** The body without its closing boundary: what a client that stopped sending leaves. */
    public byte[] truncatedBytes() {
        return out.toByteArray();
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
