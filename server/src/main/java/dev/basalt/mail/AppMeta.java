package dev.basalt.mail;

/**
 * What the system emails say about the application, as PocketBase's {@code meta} settings hold it:
 * the name and URL that fill {@code {APP_NAME}} and {@code {APP_URL}}, and the sender.
 */
public record AppMeta(String appName, String appUrl, String senderName, String senderAddress) {

    /** PocketBase's defaults for a new installation. */
    public static final AppMeta DEFAULT = new AppMeta("Acme", "http://localhost:8090", "Support", "support@example.com");

    public AppMeta {
        appName = appName == null ? "" : appName;
        appUrl = appUrl == null ? "" : stripTrailingSlash(appUrl.strip());
        senderName = senderName == null ? "" : senderName;
        senderAddress = senderAddress == null ? "" : senderAddress.strip();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
