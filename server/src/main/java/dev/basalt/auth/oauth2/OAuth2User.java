package dev.basalt.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The user a provider reports, mapped to PocketBase's shape. {@code email} is empty unless the
 * provider vouches that it is verified, so an address nobody proved never links or verifies an account.
 *
 * @param expiry when the access token expires, or {@code null} when the provider does not say
 */
public record OAuth2User(
        String id,
        String name,
        String username,
        String email,
        String avatarURL,
        String accessToken,
        String refreshToken,
        Instant expiry,
        JsonNode rawUser) {

    public OAuth2User {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        username = username == null ? "" : username;
        email = email == null ? "" : email;
        avatarURL = avatarURL == null ? "" : avatarURL;
        accessToken = accessToken == null ? "" : accessToken;
        refreshToken = refreshToken == null ? "" : refreshToken;
    }

    @Override
    public String toString() {
        // Never print the tokens.
        return "OAuth2User[id=" + id + ", username=" + username + "]";
    }
}
