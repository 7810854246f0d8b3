package dev.basalt.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two HTTP calls of the authorization-code flow: code for tokens, access token for the user.
 * Plain {@link HttpClient}: both are one form POST and one GET, less code than an SDK's model of
 * them. Tokens and client secrets never reach a log line or an exception message.
 */
final class OAuth2Client {

    private static final Logger log = LoggerFactory.getLogger(OAuth2Client.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The call failed; the message names the step and the status, never a secret. */
    static final class ProviderException extends Exception {
        ProviderException(String message) {
            super(message);
        }
    }

    /** The token response: access token, optional refresh and id tokens, expiry. */
    record Tokens(String accessToken, String refreshToken, String idToken, Instant expiry) {
        @Override
        public String toString() {
            return "Tokens[expiry=" + expiry + "]";
        }
    }

    // Built on first use: a client sets up TLS when built, a few hundred milliseconds that a
    // server without OAuth2 providers should not spend at startup.
    private final ReentrantLock httpLock = new ReentrantLock();
    private HttpClient http;

    Tokens exchange(OAuth2Provider provider, ProviderConfig config, String code, String codeVerifier,
            String redirectURL) throws ProviderException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectURL);
        form.put("client_id", config.clientId());
        form.put("client_secret", config.clientSecret());
        if (provider.pkce()) {
            form.put("code_verifier", codeVerifier);
        }
        HttpRequest request = HttpRequest.newBuilder(uri(provider.tokenURL()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        JsonNode body = send(provider, "token", request);
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new ProviderException("the token response of " + provider.name() + " has no access_token");
        }
        Instant expiry = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? Instant.now().plusSeconds(body.path("expires_in").asLong())
                : null;
        return new Tokens(accessToken, body.path("refresh_token").asText(""), body.path("id_token").asText(""), expiry);
    }

    JsonNode user(OAuth2Provider provider, ProviderConfig config, Tokens tokens) throws ProviderException {
        if (provider.userInfoURL().isEmpty()) {
            return idTokenClaims(provider, tokens.idToken());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(provider.userInfoURL()))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tokens.accessToken())
                .header("Accept", "application/json")
                .GET();
        if (provider.clientIdHeader()) {
            request.header("Client-Id", config.clientId());
        }
        return send(provider, "user info", request.build());
    }

    private JsonNode send(OAuth2Provider provider, String step, HttpRequest request) throws ProviderException {
        HttpResponse<String> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("oauth2 request failed provider={} step={} error={}", provider.name(), step, e.toString());
            throw new ProviderException(step + " request to " + provider.name() + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(step + " request to " + provider.name() + " was interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            // The body of an error response is the provider's error object; it holds no token.
            log.info("oauth2 request refused provider={} step={} status={}", provider.name(), step,
                    response.statusCode());
            throw new ProviderException(step + " request to " + provider.name() + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    private HttpClient http() {
        httpLock.lock();
        try {
            if (http == null) {
                http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
            }
            return http;
        } finally {
            httpLock.unlock();
        }
    }

    private static JsonNode parse(String body) throws ProviderException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // Not JSON: some token endpoints (GitHub without Accept) answer a form.
        }
        if (body.contains("=")) {
            ObjectNode form = JsonNodeFactory.instance.objectNode();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
        throw new ProviderException("unreadable provider response");
    }

    private static JsonNode idTokenClaims(OAuth2Provider provider, String idToken) throws ProviderException {
        String[] parts = idToken.split("\\.");
        if (parts.length < 2) {
            throw new ProviderException("the token response of " + provider.name() + " has no id_token");
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new ProviderException("the id_token of " + provider.name() + " is malformed");
        }
    }

    private static URI uri(String url) throws ProviderException {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && uri.getScheme().startsWith("http")) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // Reported below without the URL, which may carry configuration.
        }
        throw new ProviderException("the provider URL is missing or invalid");
    }

    static String formEncode(Map<String, String> values) {
        StringJoiner out = new StringJoiner("&");
        values.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
