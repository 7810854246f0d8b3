package dev.basalt.files;

import java.net.URI;

/**
 * Where an {@link S3FileStore} keeps its objects: PocketBase's {@code s3} settings block without
 * its {@code enabled} switch. Two values are equal when every part is, so a store can tell whether
 * the settings changed by comparing them.
 *
 * @param endpoint       the service's base URL, e.g. {@code https://s3.eu-central-1.amazonaws.com}
 *                       or {@code http://127.0.0.1:9000} (MinIO)
 * @param forcePathStyle {@code https://host/bucket/key} instead of {@code https://bucket.host/key};
 *                       most S3-compatible servers other than AWS need it
 */
public record S3Config(String bucket, String region, String endpoint, String accessKey, String secret,
        boolean forcePathStyle) {

    public S3Config {
        if (bucket == null || bucket.isBlank() || region == null || region.isBlank() || endpoint == null
                || accessKey == null || secret == null) {
            throw new IllegalArgumentException("an S3 bucket, region, endpoint, access key and secret are required");
        }
        URI uri = URI.create(endpoint);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the S3 endpoint must be an absolute URL, got \"" + endpoint + "\"");
        }
    }

    /** The endpoint as a URI. */
    URI endpointUri() {
        return URI.create(endpoint);
    }

    // The secret never reaches a log line, even when someone logs the whole value.
    @Override
    public String toString() {
        return "S3Config[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", accessKey="
                + accessKey + ", forcePathStyle=" + forcePathStyle + "]";
    }
}
