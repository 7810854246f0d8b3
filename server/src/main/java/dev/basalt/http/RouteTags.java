package dev.basalt.http;

import java.util.List;
import java.util.Map;

/**
 * The rate-limit tags of the collection routes, in one place (API.md §1.11): a request to one of
 * these routes is limited by the rules labelled {@code <collectionName>:<tag>} and
 * {@code *:<tag>} before the path rules. Keyed by {@code "<METHOD> <route pattern>"}; a route
 * listed here is tagged as soon as some API area registers it.
 */
final class RouteTags {

    private static final String COLLECTION = "/api/collections/{collection}";

    private static final Map<String, List<String>> TAGS = Map.ofEntries(
            Map.entry("GET " + COLLECTION + "/records", List.of("list")),
            Map.entry("GET " + COLLECTION + "/records/{id}", List.of("view")),
            Map.entry("POST " + COLLECTION + "/records", List.of("create")),
            Map.entry("PATCH " + COLLECTION + "/records/{id}", List.of("update")),
            Map.entry("DELETE " + COLLECTION + "/records/{id}", List.of("delete")),
            Map.entry("GET /api/files/{collection}/{recordId}/{filename}", List.of("file")),
            Map.entry("HEAD /api/files/{collection}/{recordId}/{filename}", List.of("file")),
            Map.entry("GET " + COLLECTION + "/auth-methods", List.of("listAuthMethods")),
            Map.entry("POST " + COLLECTION + "/auth-refresh", List.of("authRefresh")),
            Map.entry("POST " + COLLECTION + "/auth-with-password", List.of("authWithPassword", "auth")),
            Map.entry("POST " + COLLECTION + "/auth-with-oauth2", List.of("authWithOAuth2", "auth")),
            Map.entry("POST " + COLLECTION + "/request-otp", List.of("requestOTP")),
            Map.entry("POST " + COLLECTION + "/auth-with-otp", List.of("authWithOTP", "auth")),
            Map.entry("POST " + COLLECTION + "/request-password-reset", List.of("requestPasswordReset")),
            Map.entry("POST " + COLLECTION + "/confirm-password-reset", List.of("confirmPasswordReset")),
            Map.entry("POST " + COLLECTION + "/request-verification", List.of("requestVerification")),
            Map.entry("POST " + COLLECTION + "/confirm-verification", List.of("confirmVerification")),
            Map.entry("POST " + COLLECTION + "/request-email-change", List.of("requestEmailChange")),
            Map.entry("POST " + COLLECTION + "/confirm-email-change", List.of("confirmEmailChange")));

    private RouteTags() {}

    /** The tags of a route ({@code "POST /api/collections/{collection}/records"}), empty when untagged. */
    static List<String> of(String methodAndPattern) {
        return TAGS.getOrDefault(methodAndPattern, List.of());
    }
}
