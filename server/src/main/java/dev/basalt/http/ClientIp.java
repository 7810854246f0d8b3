package dev.basalt.http;

import dev.basalt.settings.IpRange;
import dev.basalt.settings.Settings;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The client IP of a request ({@code RealIP} in PocketBase): read from the trusted proxy headers
 * when settings name some, else the socket's remote address. Proxy headers are never trusted
 * unless configured, since any client can send them.
 */
final class ClientIp {

    private static final String ATTRIBUTE = "basalt.clientIp";

    private ClientIp() {}

    static String of(Context ctx, Settings.TrustedProxy proxy) {
        String cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String ip = fromHeaders(ctx, proxy);
        if (ip == null) {
            ip = unbracket(ctx.ip());
        }
        ctx.attribute(ATTRIBUTE, ip);
        return ip;
    }

    // The last value of the first present header is the one the proxy itself wrote; within it the
    // right-most valid address is the proxy's view of the client (left-most only when configured).
    private static String fromHeaders(Context ctx, Settings.TrustedProxy proxy) {
        for (String header : proxy.headers()) {
            Enumeration<String> all = ctx.req().getHeaders(header);
            List<String> values = all == null ? List.of() : Collections.list(all);
            if (values.isEmpty() || values.getLast().isBlank()) {
                continue;
            }
            String[] ips = values.getLast().split(",");
            for (int i = 0; i < ips.length; i++) {
                String candidate = ips[proxy.useLeftmostIP() ? i : ips.length - 1 - i].strip();
                if (IpRange.isAddress(candidate)) {
                    return unbracket(candidate);
                }
            }
        }
        return null;
    }

    private static String unbracket(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }
}
