package dev.basalt.http;

import dev.basalt.collections.SystemCollections;
import dev.basalt.error.ApiException;
import dev.basalt.records.Record;
import dev.basalt.settings.IpRange;
import dev.basalt.settings.Settings;
import dev.basalt.settings.SettingsService;
import io.javalin.http.Context;
import java.util.List;

/**
 * The superuser IP allowlist (API.md §1.2): when {@code settings.superuserIPs} is not empty, any
 * request carrying a superuser token from a client IP outside it (addresses or CIDR subnets) is
 * refused with 403, whatever the endpoint. Runs right after the token is resolved.
 */
final class SuperuserIps {

    private final SettingsService settings;
    // Parsed from settings.superuserIPs; replaced on every settings change.
    private volatile List<IpRange> allowed;

    SuperuserIps(SettingsService settings) {
        this.settings = settings;
        this.allowed = IpRange.parseAll(settings.current().superuserIPs());
        settings.onChange(s -> allowed = IpRange.parseAll(s.superuserIPs()));
    }

    void check(Context ctx) {
        if (!allows(ctx, Requests.auth(ctx))) {
            throw ApiException.forbidden();
        }
    }

    /** Whether this request may act as {@code auth}: false only for a superuser outside the allowlist. */
    boolean allows(Context ctx, Record auth) {
        if (auth == null || !SystemCollections.SUPERUSERS.equals(auth.collection().name())) {
            return true;
        }
        Settings current = settings.current();
        return current.superuserIPs().isEmpty()
                || IpRange.anyContains(allowed, ClientIp.of(ctx, current.trustedProxy()));
    }
}
