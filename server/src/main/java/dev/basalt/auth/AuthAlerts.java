package dev.basalt.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Login alerts: remembers each device an auth record signs in from ({@code _authOrigins}, a
 * fingerprint of the client IP and user agent) and emails the record when a new one appears;
 * not on the very first login, when every device is new.
 */
public final class AuthAlerts {

    // Long user agents are cut, as PocketBase does, so a padded header cannot mint endless origins.
    private static final int MAX_USER_AGENT = 300;

    private final Database db;
    private final CollectionRegistry registry;
    private final SystemMails mails;
    private final RecordRepository records = new RecordRepository();

    public AuthAlerts(Database db, CollectionRegistry registry, SystemMails mails) {
        this.db = db;
        this.registry = registry;
        this.mails = mails;
    }

    /**
     * Call after every successful authentication (password, OTP, OAuth2; not refresh or
     * impersonation). Does nothing when the collection's {@code authAlert} is disabled.
     */
    public void afterAuth(Record record, String ip, String userAgent) {
        Collection c = record.collection();
        if (!Accounts.enabled(c, "authAlert")) {
            return;
        }
        String agent = userAgent == null ? "" : userAgent.length() > MAX_USER_AGENT
                ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        String fingerprint = fingerprint(ip + agent);
        Collection origins = registry.find(AuthSystemCollections.AUTH_ORIGINS).orElseThrow();
        boolean alert = db.transaction(tx -> {
            var table = RecordRepository.table(origins);
            List<Record> known = tx.dsl().select(table.asterisk()).from(table)
                    .where(field(name("collectionRef"), String.class).eq(c.id())
                            .and(field(name("recordRef"), String.class).eq(record.id())))
                    .fetch(row -> RecordRepository.toRecord(origins, row.intoMap()));
            String now = Timestamps.now();
            for (Record origin : known) {
                if (origin.getString("fingerprint").equals(fingerprint)) {
                    records.update(tx.dsl(), origin.with("updated", now));
                    return false;
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", Ids.recordId());
            values.put("collectionRef", c.id());
            values.put("recordRef", record.id());
            values.put("fingerprint", fingerprint);
            values.put("created", now);
            values.put("updated", now);
            records.insert(tx.dsl(), new Record(origins, values));
            return !known.isEmpty();
        });
        if (alert && !record.getString("email").isEmpty()) {
            mails.sendAuthAlert(record, agent + " (IP " + ip + ")");
        }
    }

    private static String fingerprint(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
