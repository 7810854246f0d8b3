package dev.basalt.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Each well-known provider's user-info JSON, as its documentation shows it, mapped to the user. */
class ClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** provider, user-info JSON, expected id, name, username, email (empty when unverified), avatar. */
    private record Case(String provider, String json, String id, String name, String username, String email,
            String avatarURL) {}

    private static final List<Case> CASES = List.of(
            new Case("google", """
                    {"sub":"110","name":"Ann Lee","email":"ann@gmail.com","email_verified":true,"picture":"https://p/a.png"}""",
                    "110", "Ann Lee", "", "ann@gmail.com", "https://p/a.png"),
            new Case("google", """
                    {"sub":"111","name":"Unverified","email":"u@gmail.com","email_verified":false}""",
                    "111", "Unverified", "", "", ""),
            new Case("github", """
                    {"id":583231,"login":"octocat","name":"The Octocat","email":"octo@github.com","avatar_url":"https://a/1"}""",
                    "583231", "The Octocat", "octocat", "", "https://a/1"),
            new Case("gitlab", """
                    {"id":1,"username":"jdoe","name":"J Doe","email":"j@gl.com","avatar_url":"https://gl/a"}""",
                    "1", "J Doe", "jdoe", "j@gl.com", "https://gl/a"),
            new Case("microsoft", """
                    {"id":"87d3","displayName":"Megan Bowen","mail":"megan@contoso.com"}""",
                    "87d3", "Megan Bowen", "", "megan@contoso.com", ""),
            new Case("apple", """
                    {"sub":"001.abc","email":"x@privaterelay.appleid.com","email_verified":"true"}""",
                    "001.abc", "", "", "x@privaterelay.appleid.com", ""),
            new Case("discord", """
                    {"id":"80351","username":"nelly","global_name":"Nelly","avatar":"8342729","email":"n@d.com","verified":true}""",
                    "80351", "Nelly", "nelly", "n@d.com", "https://cdn.discordapp.com/avatars/80351/8342729.png"),
            new Case("discord", """
                    {"id":"80352","username":"noavatar","avatar":null,"email":"na@d.com","verified":false}""",
                    "80352", "", "noavatar", "", ""),
            new Case("facebook", """
                    {"id":"10","name":"F B","email":"f@fb.com","picture":{"data":{"url":"https://fb/p"}}}""",
                    "10", "F B", "", "f@fb.com", "https://fb/p"),
            new Case("twitch", """
                    {"data":[{"id":"141981764","login":"twitchdev","display_name":"TwitchDev","email":"t@tw.tv","profile_image_url":"https://tw/p"}]}""",
                    "141981764", "TwitchDev", "twitchdev", "t@tw.tv", "https://tw/p"),
            new Case("spotify", """
                    {"id":"wizz","display_name":"Wizz","email":"w@s.com","images":[{"url":"https://s/i"}]}""",
                    "wizz", "Wizz", "", "", "https://s/i"),
            new Case("bitbucket", """
                    {"uuid":"{b-1}","display_name":"B B","username":"bb","links":{"avatar":{"href":"https://bb/a"}}}""",
                    "{b-1}", "B B", "bb", "", "https://bb/a"),
            new Case("kakao", """
                    {"id":123,"kakao_account":{"profile":{"nickname":"K","profile_image_url":"https://k/p"},
                     "email":"k@kakao.com","is_email_verified":true}}""",
                    "123", "K", "K", "k@kakao.com", "https://k/p"),
            new Case("yandex", """
                    {"id":"1000","login":"ivan","real_name":"Ivan","default_email":"i@yandex.ru","default_avatar_id":"131652443"}""",
                    "1000", "Ivan", "ivan", "i@yandex.ru", "https://avatars.yandex.net/get-yapic/131652443/islands-200"),
            new Case("oidc", """
                    {"sub":"s","name":"N","preferred_username":"nn","email":"o@i.dc","email_verified":true,"picture":"https://o/p"}""",
                    "s", "N", "nn", "o@i.dc", "https://o/p"));

    @TestFactory
    Stream<DynamicTest> mapsTheUserInfoOfEachProvider() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.provider() + " " + c.id(), () -> {
            OAuth2User user = WellKnownProviders.find(c.provider()).orElseThrow().claims().read(JSON.readTree(c.json()));
            assertThat(List.of(user.id(), user.name(), user.username(), user.email(), user.avatarURL()))
                    .containsExactly(c.id(), c.name(), c.username(), c.email(), c.avatarURL());
        }));
    }

    @Test
    void everyProviderHasItsURLsExceptTheGenericOidcOnes() {
        for (OAuth2Provider p : WellKnownProviders.all()) {
            boolean generic = p.name().startsWith("oidc");
            assertThat(p.authURL().isEmpty()).as(p.name()).isEqualTo(generic);
            assertThat(p.tokenURL().isEmpty()).as(p.name()).isEqualTo(generic);
        }
        assertThat(WellKnownProviders.all()).extracting(OAuth2Provider::name)
                .contains("google", "github", "gitlab", "microsoft", "apple", "discord", "facebook", "twitch",
                        "spotify", "bitbucket", "gitea", "kakao", "yandex", "oidc", "oidc2", "oidc3");
    }

    @Test
    void settingsOverrideURLsDisplayNameAndPkce() {
        OAuth2Provider gitea = WellKnownProviders.find("gitea").orElseThrow().configuredBy(new ProviderConfig("gitea",
                "id", "secret", "https://git.example/authorize", "", null, "Our Git", false, null));
        assertThat(gitea.authURL()).isEqualTo("https://git.example/authorize");
        assertThat(gitea.tokenURL()).isEqualTo("https://gitea.com/login/oauth/access_token");
        assertThat(gitea.displayName()).isEqualTo("Our Git");
        assertThat(gitea.pkce()).isFalse();
    }

    @Test
    void theSecretsStayOutOfToString() {
        assertThat(new ProviderConfig("oidc", "id", "the-secret", "", "", "", "", null, null).toString())
                .doesNotContain("the-secret");
        assertThat(new OAuth2User("1", "", "", "", "", "the-access", "the-refresh", null, null).toString())
                .doesNotContain("the-access").doesNotContain("the-refresh");
    }
}
