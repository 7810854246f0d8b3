package dev.basalt.http;

/**
 * Where the API listens and how much a request may carry.
 *
 * @param host           listen address (127.0.0.1 by default: expose deliberately)
 * @param port           listen port; 0 picks a free one
 * @param maxBodyBytes   default request body limit (PocketBase: 32 MiB)
 * @param corsOrigins    allowed CORS origins; {@code *} allows any
 */
public record HttpConfig(String host, int port, long maxBodyBytes, java.util.List<String> corsOrigins) {

    public static final long DEFAULT_MAX_BODY = 32L << 20;

    public HttpConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http port must be 0..65535, got " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        corsOrigins = corsOrigins == null || corsOrigins.isEmpty() ? java.util.List.of("*") : java.util.List.copyOf(corsOrigins);
    }

    /** Parses {@code host:port} as {@code --http} takes it. */
    public static HttpConfig parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("--http must be host:port, got \"" + address + "\"");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http port must be a number, got \"" + address + "\"");
        }
        return new HttpConfig(host, port, DEFAULT_MAX_BODY, java.util.List.of("*"));
    }
}
