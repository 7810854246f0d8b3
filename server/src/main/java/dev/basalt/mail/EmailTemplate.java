package dev.basalt.mail;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A system email template as an auth collection's options hold it: a subject and an HTML body
 * with placeholders such as {@code {APP_NAME}}, {@code {TOKEN}} or {@code {RECORD:name}}.
 */
public record EmailTemplate(String subject, String body) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+(?::\\w+)?)}");

    public EmailTemplate {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }

    /** The template from an options value ({@code {subject, body}}); blank when absent. */
    public static EmailTemplate of(Object options) {
        if (options instanceof Map<?, ?> m) {
            return new EmailTemplate(string(m.get("subject")), string(m.get("body")));
        }
        return new EmailTemplate("", "");
    }

    /**
     * The subject and body with the placeholders replaced in one pass (a value that itself looks
     * like a placeholder stays as it is). Values are HTML-escaped in the body, not in the subject;
     * unknown placeholders are left untouched.
     *
     * @param values by placeholder name without braces: {@code APP_NAME}, {@code RECORD:email}, ...
     */
    public Rendered render(Map<String, String> values) {
        return new Rendered(replace(subject, values, false), replace(body, values, true));
    }

    /** A rendered template: the subject line and the HTML body. */
    public record Rendered(String subject, String html) {}

    private static String replace(String text, Map<String, String> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            String replacement = value == null ? m.group() : html ? escape(value) : value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }
}
