package dev.basalt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTemplateTest {

    @Test
    void replacesPlaceholdersEscapingThemOnlyInTheBody() {
        EmailTemplate t = new EmailTemplate("Hi {RECORD:name} from {APP_NAME}",
                "<p>{RECORD:name}</p><a href=\"{APP_URL}/x/{TOKEN}\">go</a>");
        EmailTemplate.Rendered r = t.render(Map.of("APP_NAME", "A&B", "APP_URL", "https://a.example", "TOKEN", "t.o-k_en",
                "RECORD:name", "<b>Bo</b>"));
        assertThat(r.subject()).isEqualTo("Hi <b>Bo</b> from A&B");
        assertThat(r.html()).isEqualTo("<p>&lt;b&gt;Bo&lt;/b&gt;</p><a href=\"https://a.example/x/t.o-k_en\">go</a>");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsNotExpandedAgain() {
        EmailTemplate.Rendered r = new EmailTemplate("", "{RECORD:name} {TOKEN}")
                .render(Map.of("RECORD:name", "{TOKEN}", "TOKEN", "secret"));
        assertThat(r.html()).isEqualTo("{TOKEN} secret");
    }

    @Test
    void unknownPlaceholdersStay() {
        assertThat(new EmailTemplate("{NOPE}", "{RECORD:missing}").render(Map.of()).html()).isEqualTo("{RECORD:missing}");
    }

    @Test
    void readsTheOptionsShape() {
        assertThat(EmailTemplate.of(Map.of("subject", "s", "body", "b"))).isEqualTo(new EmailTemplate("s", "b"));
        assertThat(EmailTemplate.of(null)).isEqualTo(new EmailTemplate("", ""));
    }

    @Test
    void plainTextKeepsLinksAndParagraphs() {
        String text = PlainText.of("<p>Hello,</p>\n<p>Use the button:</p>\n<p>\n  <a class=\"btn\" href=\"https://a/x/TOKEN\">Verify</a>\n</p>"
                + "<p>Thanks,<br/>Team</p>");
        assertThat(text).contains("Hello,", "Use the button:", "Verify (https://a/x/TOKEN)", "Thanks,\nTeam")
                .doesNotContain("<p>");
    }
}
