package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code DELETE /api/collections/{c}/truncate} deletes records the way a record delete does. */
class TruncateApiTest {

    TestServer server;
    String su;

    @BeforeEach
    void start() {
        server = TestServer.start();
        su = server.superuserToken();
        create("{\"name\":\"owners\",\"fields\":[{\"type\":\"text\",\"name\":\"name\"}]}");
        String owners = server.get("/api/collections/owners", su).json().get("id").asText();
        create("""
                {"name":"pets","fields":[{"type":"text","name":"name"},
                 {"type":"relation","name":"owner","collectionId":"%s","cascadeDelete":true,"maxSelect":1}]}"""
                .formatted(owners));
        create("""
                {"name":"notes","fields":[{"type":"text","name":"text"},
                 {"type":"relation","name":"about","collectionId":"%s","maxSelect":5}]}""".formatted(owners));
        record("owners", "{\"id\":\"owner0000000001\",\"name\":\"a\"}");
        record("owners", "{\"id\":\"owner0000000002\",\"name\":\"b\"}");
        record("pets", "{\"id\":\"pet000000000001\",\"name\":\"rex\",\"owner\":\"owner0000000001\"}");
        record("notes", "{\"id\":\"note00000000001\",\"text\":\"x\",\"about\":[\"owner0000000001\",\"owner0000000002\"]}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void truncateCascadesAndClearsReferences() {
        assertThat(server.delete("/api/collections/owners/truncate", su).status()).isEqualTo(204);
        assertThat(total("owners")).isZero();
        assertThat(total("pets")).as("cascadeDelete relations delete the referencing record").isZero();
        assertThat(server.get("/api/collections/notes/records/note00000000001", su).json().get("about").size())
                .as("other relations lose the deleted ids").isZero();
    }

    @Test
    void aRequiredReferenceStopsTheTruncateAndNothingIsDeleted() {
        String owners = server.get("/api/collections/owners", su).json().get("id").asText();
        create("""
                {"name":"licences","fields":[
                 {"type":"relation","name":"holder","collectionId":"%s","required":true,"maxSelect":1}]}"""
                .formatted(owners));
        record("licences", "{\"holder\":\"owner0000000002\"}");
        TestServer.Response r = server.delete("/api/collections/owners/truncate", su);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"data\":{}");
        assertThat(total("owners")).isEqualTo(2);
        assertThat(total("pets")).isEqualTo(1);
    }

    @Test
    void theSuperusersCannotBeTruncated() {
        TestServer.Response r = server.delete("/api/collections/_superusers/truncate", su);
        assertThat(r.status()).isEqualTo(400);
        assertThat(server.get("/api/health", su).json().get("data").has("canBackup"))
                .as("the superuser still exists and is recognised").isTrue();
    }

    @Test
    void onlySuperusersMayTruncate() {
        assertThat(server.delete("/api/collections/owners/truncate", null).status()).isEqualTo(401);
        assertThat(total("owners")).isEqualTo(2);
    }

    private void create(String json) {
        assertThat(server.post("/api/collections", json, su).status()).isEqualTo(200);
    }

    private void record(String collection, String json) {
        TestServer.Response r = server.post("/api/collections/" + collection + "/records", json, su);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private int total(String collection) {
        return server.get("/api/collections/" + collection + "/records", su).json().get("totalItems").asInt();
    }
}
