package dev.basalt.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    static String withOptions(String topic, String json) {
        return topic + "?options=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Test
    void aPlainTopicHasNoOptions() {
        Subscription s = Subscription.parse("posts/*");
        assertThat(s.topic()).isEqualTo("posts/*");
        assertThat(s.query()).isEmpty();
        assertThat(s.headers()).isEmpty();
    }

    @Test
    void optionsAreStringifiedAndHeaderNamesSnakeCased() {
        String raw = withOptions("posts/abc", "{\"query\":{\"expand\":\"author\",\"n\":1,\"b\":true,\"o\":{}},"
                + "\"headers\":{\"X-Token\":\"t\",\"someHeader\":2}}");
        Subscription s = Subscription.parse(raw);
        assertThat(s.raw()).isEqualTo(raw);
        assertThat(s.topic()).isEqualTo("posts/abc");
        assertThat(s.query()).isEqualTo(Map.of("expand", "author", "n", "1", "b", "true", "o", ""));
        assertThat(s.headers()).isEqualTo(Map.of("x_token", "t", "some_header", "2"));
        assertThat(s.option("expand")).isEqualTo("author");
        assertThat(s.option("fields")).isEmpty();
    }

    @Test
    void malformedOptionsAreIgnored() {
        assertThat(Subscription.parse("posts/*?options=%7Bnot-json").query()).isEmpty();
        assertThat(Subscription.parse("posts/*?options=%zz").query()).isEmpty();
        assertThat(Subscription.parse("posts/*?other=1").topic()).isEqualTo("posts/*");
    }

    @Test
    void headerNamesAreNormalised() {
        assertThat(Subscription.snakeCase("X-Token")).isEqualTo("x_token");
        assertThat(Subscription.snakeCase("authorization")).isEqualTo("authorization");
        assertThat(Subscription.snakeCase("fooBarBaz")).isEqualTo("foo_bar_baz");
    }
}
