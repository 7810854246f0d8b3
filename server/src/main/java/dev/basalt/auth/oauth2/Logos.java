package dev.basalt.auth.oauth2;

/**
 * The {@code logo} of a provider in {@code auth-methods}: a neutral badge with the provider's
 * initial. PocketBase ships brand artwork; Basalt keeps third-party trademarks out of the jar.
 */
final class Logos {

    private Logos() {}

    static String of(OAuth2Provider provider) {
        String initial = provider.displayName().isEmpty() ? "?" : provider.displayName().substring(0, 1);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                + "<circle cx=\"16\" cy=\"16\" r=\"16\" fill=\"#4b5563\"/>"
                + "<text x=\"16\" y=\"21\" font-family=\"sans-serif\" font-size=\"16\" text-anchor=\"middle\" fill=\"#fff\">"
                + initial.replace("&", "&amp;").replace("<", "&lt;") + "</text></svg>";
    }
}
