package dev.basalt.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a provider's user-info JSON keeps each part of the user, as JSON pointers ({@code /sub},
 * {@code /data/0/login}). A value may also be a template of pointers in braces, for providers that
 * only give parts of a URL ({@code https://cdn.example/{/id}/{/avatar}.png}: empty when a part is
 * missing). {@code emailVerified} is a pointer to a boolean (or "true"/"false" string) claim, or
 * the constant {@code "true"} / {@code "false"} when the provider documents it once for all users.
 */
public record Claims(String id, String name, String username, String email, String avatarURL, String emailVerified) {

    private static final Pattern PART = Pattern.compile("\\{(/[^}]*)}");

    /** The standard OpenID Connect claims. */
    public static final Claims OIDC =
            new Claims("/sub", "/name", "/preferred_username", "/email", "/picture", "/email_verified");

    public Claims {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        username = username == null ? "" : username;
        email = email == null ? "" : email;
        avatarURL = avatarURL == null ? "" : avatarURL;
        emailVerified = emailVerified == null ? "false" : emailVerified;
    }

    /** The user described by {@code raw}; the tokens are added by the caller. */
    OAuth2User read(JsonNode raw) {
        String mail = value(raw, email);
        return new OAuth2User(value(raw, id), value(raw, name), value(raw, username),
                isEmailVerified(raw) ? mail : "", value(raw, avatarURL), "", "", null, raw);
    }

    private boolean isEmailVerified(JsonNode raw) {
        return switch (emailVerified) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                JsonNode v = raw.at(emailVerified);
                yield v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText(""));
            }
        };
    }

    static String value(JsonNode raw, String expression) {
        if (expression.isEmpty()) {
            return "";
        }
        if (expression.startsWith("/")) {
            return text(raw.at(expression));
        }
        Matcher m = PART.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String part = text(raw.at(m.group(1)));
            if (part.isEmpty()) {
                return "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(part));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }
}
