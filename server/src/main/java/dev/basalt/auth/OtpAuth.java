package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * One-time passwords by email: {@code request-otp} stores a hashed numeric code in {@code _otps}
 * and mails it; {@code auth-with-otp} checks it and hands back the record to authenticate.
 */
public final class OtpAuth {

    /** Past this many unexpired codes of a record, a request returns the newest one's id and sends nothing. */
    static final int MAX_ACTIVE = 10;
    /** Wrong or right, at most this many attempts per record within {@link #ATTEMPT_WINDOW}; then 429. */
    static final int MAX_ATTEMPTS = 5;
    static final Duration ATTEMPT_WINDOW = Duration.ofSeconds(180);
    static final String DISABLED = "The collection is not configured to allow OTP authentication.";
    static final String INVALID = "Invalid or expired OTP.";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final CollectionRegistry registry;
    private final PasswordHasher hasher;
    private final Accounts accounts;
    private final SystemMails mails;
    private final RecordRepository records = new RecordRepository();
    // Per node: a cluster multiplies the budget by its size, still far from a brute force of 10^8 codes.
    private final Cache<String, AtomicInteger> attempts = Caffeine.newBuilder().expireAfterWrite(ATTEMPT_WINDOW).build();

    public OtpAuth(Database db, CollectionRegistry registry, PasswordHasher hasher, SystemMails mails) {
        this.db = db;
        this.registry = registry;
        this.hasher = hasher;
        this.accounts = new Accounts(registry, hasher);
        this.mails = mails;
    }

    /**
     * Creates and mails a code for the record with that address. The answer is an otpId in
     * every case (a random one for an unknown address) and costs one bcrypt either way.
     */
    public String request(String collection, String email) {
        Collection c = collection(collection);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Accounts.emailError(email).ifPresent(e -> errors.put("email", e));
        Accounts.throwIfAny(errors);
        Map<String, Object> otp = Accounts.option(c, "otp");
        String code = code(otp.get("length") instanceof Number n ? n.intValue() : 8);
        String hash = hasher.hash(code, PasswordHasher.DEFAULT_COST);
        Optional<Record> record = db.read(dsl -> accounts.findByEmail(dsl, c, email));
        if (record.isEmpty()) {
            return Ids.recordId();
        }
        Record r = record.get();
        Collection otps = otps();
        return db.transaction(tx -> {
            List<Record> active = active(tx.dsl(), otps, c, r.id(), duration(c));
            if (active.size() >= MAX_ACTIVE) {
                return active.getFirst().id();
            }
            String now = Timestamps.now();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", Ids.recordId());
            values.put("collectionRef", c.id());
            values.put("recordRef", r.id());
            values.put("password", hash);
            values.put("sentTo", email);
            values.put("created", now);
            values.put("updated", now);
            Record created = new Record(otps, values);
            records.insert(tx.dsl(), created);
            tx.afterCommit(() -> mails.sendOtp(r, email, created.id(), code));
            return created.id();
        });
    }

    /**
     * The record a valid code belongs to, after using the code up. A code sent to the record's
     * own address proves it: an unverified record becomes verified (and, without MFA, gets a
     * password nobody knows, so whoever pre-registered the address with a password loses it).
     */
    public Record authenticate(String collection, String otpId, String password) {
        Collection c = collection(collection);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        lengthError(otpId, 255).ifPresent(e -> errors.put("otpId", e));
        lengthError(password, 71).ifPresent(e -> errors.put("password", e));
        Accounts.throwIfAny(errors);
        Collection otps = otps();
        Record otp = db.read(dsl -> records.findById(dsl, otps, otpId))
                .filter(o -> o.getString("collectionRef").equals(c.id()))
                .orElseThrow(() -> ApiException.badRequest(INVALID));
        String recordId = otp.getString("recordRef");
        if (attempts.get(c.id() + "/" + recordId, k -> new AtomicInteger()).incrementAndGet() > MAX_ATTEMPTS) {
            throw new ApiException(429, "Too many attempts, please try again later with a new OTP.");
        }
        boolean expired = otp.getString("created").compareTo(Timestamps.format(Instant.now().minus(duration(c)))) < 0;
        if (expired || !hasher.matches(password, otp.getString("password"))) {
            throw ApiException.badRequest(INVALID);
        }
        return db.transaction(tx -> {
            records.delete(tx.dsl(), otp);
            Record r = accounts.findById(tx.dsl(), c, recordId).orElseThrow(() -> ApiException.badRequest(INVALID));
            if (!Boolean.TRUE.equals(r.get("verified")) && otp.getString("sentTo").equalsIgnoreCase(r.getString("email"))) {
                Record verified = r.with("verified", true);
                if (!Accounts.enabled(c, "mfa")) {
                    verified = accounts.withRandomPassword(verified);
                }
                return accounts.update(tx.dsl(), verified);
            }
            return r;
        });
    }

    /** The unexpired codes of a record, newest first. */
    private List<Record> active(DSLContext dsl, Collection otps, Collection c, String recordId, Duration duration) {
        String since = Timestamps.format(Instant.now().minus(duration));
        var table = RecordRepository.table(otps);
        return dsl.select(table.asterisk()).from(table)
                .where(field(name("collectionRef"), String.class).eq(c.id())
                        .and(field(name("recordRef"), String.class).eq(recordId))
                        .and(field(name("created"), String.class).ge(since)))
                .orderBy(field(name("created")).desc())
                .fetch(row -> RecordRepository.toRecord(otps, row.intoMap()));
    }

    private static Optional<FieldError> lengthError(String value, int max) {
        if (value.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (value.length() > max) {
            return Optional.of(new FieldError("validation_length_out_of_range",
                    "The length must be between 1 and " + max + "."));
        }
        return Optional.empty();
    }

    private static String code(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }

    private static Duration duration(Collection c) {
        return Duration.ofSeconds(Accounts.option(c, "otp").get("duration") instanceof Number n ? n.longValue() : 180);
    }

    private Collection collection(String idOrName) {
        Collection c = accounts.authCollection(idOrName);
        if (!Accounts.enabled(c, "otp")) {
            throw ApiException.forbidden(DISABLED);
        }
        return c;
    }

    private Collection otps() {
        return registry.find(AuthSystemCollections.OTPS).orElseThrow();
    }
}
