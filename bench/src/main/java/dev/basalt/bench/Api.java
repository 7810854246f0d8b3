package dev.basalt.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basalt.bench.LoadClient.Call;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The setup calls the suite makes between scenarios, as a superuser, through the public Web API
 * (PocketBase's benchmark reaches into its Go app instead; the bench stays outside the server).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final LoadClient client;
    private String superToken;

    Api(LoadClient client) {
        this.client = client;
    }

    void loginSuperuser(String email, String password) {
        JsonNode auth = post("api/collections/_superusers/auth-with-password",
                Map.of("identity", email, "password", password), null);
        superToken = auth.path("token").asText();
    }

    /** Authenticates a record with its password and returns the whole auth answer. */
    JsonNode authWithPassword(String collection, String identity, String password) {
        return post("api/collections/" + collection + "/auth-with-password",
                Map.of("identity", identity, "password", password), null);
    }

    JsonNode collection(String name) {
        return read(client.sendOk(Call.get("api/collections/" + name, superToken)));
    }

    JsonNode createCollection(ObjectNode body) {
        return post("api/collections", body, superToken);
    }

    /** PATCHes a collection with the given properties (rules, indexes, fields...). */
    void updateCollection(String name, Map<String, ?> changes) {
        client.sendOk(new Call("PATCH", "api/collections/" + name, write(changes), superToken));
    }

    void updateCollection(String name, ObjectNode changes) {
        client.sendOk(new Call("PATCH", "api/collections/" + name, write(changes), superToken));
    }

    void deleteCollection(String name) {
        client.sendOk(new Call("DELETE", "api/collections/" + name, null, superToken));
    }

    void updateSettings(Map<String, ?> changes) {
        client.sendOk(new Call("PATCH", "api/settings", write(changes), superToken));
    }

    long count(String collection) {
        JsonNode page = read(client.sendOk(Call.get(
                "api/collections/" + collection + "/records?perPage=1&fields=id", superToken)));
        return page.path("totalItems").asLong();
    }

    /** Up to {@code count} ids of the collection in random order, as PocketBase's benchmark picks them. */
    List<String> randomIds(String collection, int count, String filter) {
        String path = "api/collections/" + collection + "/records?sort=@random&skipTotal=1&fields=id&perPage="
                + Math.min(count, 1000) + (filter == null ? "" : "&filter=" + encode(filter));
        JsonNode page = read(client.sendOk(Call.get(path, superToken)));
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            ids.add(item.path("id").asText());
        }
        return ids;
    }

    JsonNode post(String path, Object body, String token) {
        return read(client.sendOk(new Call("POST", path, write(body), token)));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + LoadClient.abbreviate(text), e);
        }
    }
}
