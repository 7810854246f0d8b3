package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired MFA sessions and one-time passwords, the work of PocketBase's hourly
 * {@code __pbMFACleanup__} and {@code __pbOTPCleanup__} jobs. A row of {@code _mfas} or
 * {@code _otps} expires {@code mfa.duration} or {@code otp.duration} seconds after it was created,
 * as its auth collection configures them. The flows already refuse expired rows; this keeps the
 * tables from growing.
 */
public final class AuthCleanup {

    // PocketBase's defaults, for a collection whose options lack a duration.
    private static final Duration MFA_DEFAULT = Duration.ofSeconds(1800);
    private static final Duration OTP_DEFAULT = Duration.ofSeconds(180);

    private static final Logger log = LoggerFactory.getLogger(AuthCleanup.class);

    private final Database db;
    private final CollectionRegistry registry;
    private final Clock clock;

    public AuthCleanup(Database db, CollectionRegistry registry) {
        this(db, registry, Clock.systemUTC());
    }

    AuthCleanup(Database db, CollectionRegistry registry, Clock clock) {
        this.db = db;
        this.registry = registry;
        this.clock = clock;
    }

    /** Deletes the MFA sessions older than their collection's {@code mfa.duration}; returns how many. */
    public int deleteExpiredMfas() {
        return deleteExpired(AuthSystemCollections.MFAS, "mfa", MFA_DEFAULT);
    }

    /** Deletes the one-time passwords older than their collection's {@code otp.duration}; returns how many. */
    public int deleteExpiredOtps() {
        return deleteExpired(AuthSystemCollections.OTPS, "otp", OTP_DEFAULT);
    }

    // PocketBase compat: every auth collection is swept, whether or not MFA/OTP is enabled on it,
    // so that switching a method off leaves no rows behind.
    private int deleteExpired(String table, String option, Duration defaultDuration) {
        Collection rows = registry.find(table).orElseThrow();
        Instant now = clock.instant();
        int deleted = db.transaction(tx -> {
            int count = 0;
            for (Collection c : registry.all()) {
                if (c.isAuth()) {
                    String createdBefore = Timestamps.format(now.minus(duration(c, option, defaultDuration)));
                    count += tx.dsl().deleteFrom(RecordRepository.table(rows))
                            .where(field(name("collectionRef"), String.class).eq(c.id())
                                    .and(field(name("created"), String.class).lt(createdBefore)))
                            .execute();
                }
            }
            return count;
        });
        if (deleted > 0) {
            log.info("expired auth rows deleted table={} count={}", table, deleted);
        }
        return deleted;
    }

    private static Duration duration(Collection c, String option, Duration defaultDuration) {
        return Accounts.option(c, option).get("duration") instanceof Number n
                ? Duration.ofSeconds(n.longValue())
                : defaultDuration;
    }
}
