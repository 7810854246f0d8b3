package dev.basalt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.Timestamps;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PocketBase's MFA and OTP clean-up jobs, on the engine the API suites run on. */
class AuthCleanupTest {

    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    static TestServer server;
    static CollectionRegistry registry;
    static AuthCleanup cleanup;
    static String membersId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        // users keeps PocketBase's defaults (MFA 1800 s, OTP 180 s); members has its own durations.
        TestServer.Response created = server.post("/api/collections",
                "{\"name\":\"members\",\"type\":\"auth\",\"mfa\":{\"duration\":60},\"otp\":{\"duration\":30}}",
                server.superuserToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        membersId = created.json().get("id").asText();
        registry = new CollectionRegistry(server.basalt().database());
        registry.reload();
        cleanup = new AuthCleanup(server.basalt().database(), registry, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void deletesTheMfaSessionsOlderThanTheirCollectionsDuration() {
        String usersExpired = insert(AuthSystemCollections.MFAS, "_pb_users_auth_", Duration.ofMinutes(31));
        String usersAtTheLimit = insert(AuthSystemCollections.MFAS, "_pb_users_auth_", Duration.ofMinutes(30));
        String usersFresh = insert(AuthSystemCollections.MFAS, "_pb_users_auth_", Duration.ofMinutes(29));
        String membersExpired = insert(AuthSystemCollections.MFAS, membersId, Duration.ofSeconds(61));
        String membersFresh = insert(AuthSystemCollections.MFAS, membersId, Duration.ofSeconds(59));

        assertThat(cleanup.deleteExpiredMfas()).isEqualTo(2);

        assertThat(ids(AuthSystemCollections.MFAS))
                .contains(usersAtTheLimit, usersFresh, membersFresh)
                .doesNotContain(usersExpired, membersExpired);
    }

    @Test
    void deletesTheOneTimePasswordsOlderThanTheirCollectionsDuration() {
        String usersExpired = insert(AuthSystemCollections.OTPS, "_pb_users_auth_", Duration.ofMinutes(4));
        String usersFresh = insert(AuthSystemCollections.OTPS, "_pb_users_auth_", Duration.ofMinutes(2));
        String membersExpired = insert(AuthSystemCollections.OTPS, membersId, Duration.ofSeconds(31));
        String membersFresh = insert(AuthSystemCollections.OTPS, membersId, Duration.ofSeconds(29));
        String mfaOfTheSameAge = insert(AuthSystemCollections.MFAS, membersId, Duration.ofSeconds(31));

        assertThat(cleanup.deleteExpiredOtps()).isEqualTo(2);

        assertThat(ids(AuthSystemCollections.OTPS)).contains(usersFresh, membersFresh)
                .doesNotContain(usersExpired, membersExpired);
        assertThat(ids(AuthSystemCollections.MFAS)).as("the OTP clean-up leaves MFA sessions alone")
                .contains(mfaOfTheSameAge);
    }

    private static String insert(String table, String collectionRef, Duration age) {
        Collection c = registry.find(table).orElseThrow();
        String created = Timestamps.format(NOW.minus(age));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", Ids.recordId());
        values.put("collectionRef", collectionRef);
        values.put("recordRef", Ids.recordId());
        if (table.equals(AuthSystemCollections.MFAS)) {
            values.put("method", "password");
        } else {
            values.put("password", "$2a$08$notarealhashnotarealhashnotarealhashnotarealhashnota");
            values.put("sentTo", "someone@example.com");
        }
        values.put("created", created);
        values.put("updated", created);
        server.basalt().database().transaction(tx -> {
            new RecordRepository().insert(tx.dsl(), new Record(c, values));
        });
        return (String) values.get("id");
    }

    private static List<String> ids(String table) {
        Collection c = registry.find(table).orElseThrow();
        return server.basalt().database().read(dsl -> dsl.select(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("id"), String.class))
                .from(RecordRepository.table(c)).fetch(r -> r.value1()));
    }
}
