package dev.basalt.auth.oauth2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers Basalt signs in with, by PocketBase's provider names. Each is a configuration of
 * {@link OAuth2Provider}; where a provider needs more than "code for token, token for user JSON"
 * (a second request for the email, a downloaded avatar) that part is left out and said so.
 */
public final class WellKnownProviders {

    private static final Map<String, OAuth2Provider> ALL = new LinkedHashMap<>();

    static {
        add(OAuth2Provider.of("google", "Google", "https://accounts.google.com/o/oauth2/v2/auth",
                "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v3/userinfo",
                List.of("https://www.googleapis.com/auth/userinfo.profile",
                        "https://www.googleapis.com/auth/userinfo.email"),
                new Claims("/sub", "/name", "", "/email", "/picture", "/email_verified")));
        // GitHub's /user shows only the public email and does not say whether it is verified:
        // the email stays unverified (so empty) instead of taking a second request to /user/emails.
        add(OAuth2Provider.of("github", "GitHub", "https://github.com/login/oauth/authorize",
                "https://github.com/login/oauth/access_token", "https://api.github.com/user",
                List.of("read:user", "user:email"),
                new Claims("/id", "/name", "/login", "/email", "/avatar_url", "false")));
        add(OAuth2Provider.of("gitlab", "GitLab", "https://gitlab.com/oauth/authorize",
                "https://gitlab.com/oauth/token", "https://gitlab.com/api/v4/user", List.of("read_user"),
                new Claims("/id", "/name", "/username", "/email", "/avatar_url", "true")));
        add(OAuth2Provider.of("microsoft", "Microsoft",
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                "https://graph.microsoft.com/v1.0/me", List.of("User.Read"),
                new Claims("/id", "/displayName", "", "/mail", "", "true")));
        // Apple has no user-info endpoint: the user is read from the id_token, which comes straight
        // from Apple's token endpoint over TLS (OIDC Core 3.1.3.7 lets TLS stand in for the
        // signature check then). The client secret is a JWT the operator generates and pastes in.
        add(OAuth2Provider.of("apple", "Apple", "https://appleid.apple.com/auth/authorize",
                "https://appleid.apple.com/auth/token", "", List.of("name", "email"),
                new Claims("/sub", "", "", "/email", "", "/email_verified"))
                .withAuthParams(Map.of("response_mode", "form_post")));
        add(OAuth2Provider.of("discord", "Discord", "https://discord.com/api/oauth2/authorize",
                "https://discord.com/api/oauth2/token", "https://discord.com/api/users/@me",
                List.of("identify", "email"),
                new Claims("/id", "/global_name", "/username", "/email",
                        "https://cdn.discordapp.com/avatars/{/id}/{/avatar}.png", "/verified")));
        // Facebook only returns confirmed email addresses.
        add(OAuth2Provider.of("facebook", "Facebook", "https://www.facebook.com/v19.0/dialog/oauth",
                "https://graph.facebook.com/v19.0/oauth/access_token",
                "https://graph.facebook.com/me?fields=name,email,picture.type(large)", List.of("email"),
                new Claims("/id", "/name", "", "/email", "/picture/data/url", "true")));
        // Twitch hands out user:read:email only for verified addresses.
        add(OAuth2Provider.of("twitch", "Twitch", "https://id.twitch.tv/oauth2/authorize",
                "https://id.twitch.tv/oauth2/token", "https://api.twitch.tv/helix/users",
                List.of("user:read:email"),
                new Claims("/data/0/id", "/data/0/display_name", "/data/0/login", "/data/0/email",
                        "/data/0/profile_image_url", "true"))
                .withClientIdHeader());
        // Spotify does not verify the email addresses of its accounts.
        add(OAuth2Provider.of("spotify", "Spotify", "https://accounts.spotify.com/authorize",
                "https://accounts.spotify.com/api/token", "https://api.spotify.com/v1/me",
                List.of("user-read-private", "user-read-email"),
                new Claims("/id", "/display_name", "", "/email", "/images/0/url", "false")));
        // Bitbucket's /user has no email (that is /user/emails): sign-in works, email linking does not.
        add(OAuth2Provider.of("bitbucket", "Bitbucket", "https://bitbucket.org/site/oauth2/authorize",
                "https://bitbucket.org/site/oauth2/access_token", "https://api.bitbucket.org/2.0/user",
                List.of("account"),
                new Claims("/uuid", "/display_name", "/username", "", "/links/avatar/href", "false"))
                .withPkce(false));
        // Gitea does not say whether the address is confirmed; the URLs point at gitea.com and are
        // overridden for self-hosted instances.
        add(OAuth2Provider.of("gitea", "Gitea", "https://gitea.com/login/oauth/authorize",
                "https://gitea.com/login/oauth/access_token", "https://gitea.com/api/v1/user",
                List.of("read:user", "user:email"),
                new Claims("/id", "/full_name", "/login", "/email", "/avatar_url", "false")));
        add(OAuth2Provider.of("kakao", "Kakao", "https://kauth.kakao.com/oauth/authorize",
                "https://kauth.kakao.com/oauth/token", "https://kapi.kakao.com/v2/user/me",
                List.of("account_email", "profile_nickname", "profile_image"),
                new Claims("/id", "/kakao_account/profile/nickname", "/kakao_account/profile/nickname",
                        "/kakao_account/email", "/kakao_account/profile/profile_image_url",
                        "/kakao_account/is_email_verified")));
        add(OAuth2Provider.of("yandex", "Yandex", "https://oauth.yandex.com/authorize",
                "https://oauth.yandex.com/token", "https://login.yandex.ru/info?format=json",
                List.of("login:email", "login:avatar", "login:info"),
                new Claims("/id", "/real_name", "/login", "/default_email",
                        "https://avatars.yandex.net/get-yapic/{/default_avatar_id}/islands-200", "true")));
        // Generic OpenID Connect: the URLs come from the collection's provider settings.
        for (String name : List.of("oidc", "oidc2", "oidc3")) {
            add(OAuth2Provider.of(name, "OpenID Connect", "", "", "", List.of("openid", "profile", "email"),
                    Claims.OIDC));
        }
    }

    private WellKnownProviders() {}

    private static void add(OAuth2Provider provider) {
        ALL.put(provider.name(), provider);
    }

    public static Optional<OAuth2Provider> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every provider, in a stable order (for listings such as {@code meta/oauth2-providers}). */
    public static List<OAuth2Provider> all() {
        return List.copyOf(ALL.values());
    }
}
