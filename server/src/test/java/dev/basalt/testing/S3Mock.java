package dev.basalt.testing;

import dev.basalt.files.S3Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for tests: Adobe's S3Mock, run from its self-contained jar (which
 * the build copies to {@code target/s3mock}, system property {@code basalt.s3mock.jar}) in a JVM
 * of its own, so its Spring Boot and Tomcat stay off Basalt's classpath. It serves plain HTTP on a
 * free loopback port and accepts any credentials. One server per test JVM, started on first use
 * and shared by the test classes; each class uses its own bucket.
 *
 * <p>The server stops by itself when the test JVM ends, even a killed one: a shell between the
 * two waits for the end of its standard input, a pipe from the test JVM that the OS closes when
 * that process goes, and then stops S3Mock.
 */
public final class S3Mock {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "basalt-access-key";
    public static final String SECRET = "basalt-secret-do-not-log";

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static S3Mock shared;

    private final Process process;
    private final Path dir;
    private final String endpoint;
    private final S3Client client;

    private S3Mock(Process process, Path dir, String endpoint) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** The server of this test JVM, started on the first call. */
    public static synchronized S3Mock shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3mock-stop"));
        }
        return shared;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String endpoint() {
        return endpoint;
    }

    /** An AWS client of the server, for assertions on what a test stored. */
    public S3Client client() {
        return client;
    }

    /** Creates a bucket (a fresh one per test class keeps classes apart) and returns its name. */
    public String createBucket(String name) {
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    /** The configuration of a store writing to {@code bucket} on this server. */
    public S3Config config(String bucket) {
        return new S3Config(bucket, REGION, endpoint, ACCESS_KEY, SECRET, true);
    }

    /** Every key in the bucket that starts with {@code prefix}, in key order. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static S3Mock start() {
        String jar = System.getProperty("basalt.s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Mock jar not found at basalt.s3mock.jar=" + jar
                    + "; run the tests through Maven, which copies it to target/s3mock");
        }
        try {
            Path dir = Files.createTempDirectory("basalt-s3mock");
            Path log = dir.resolve("s3mock.log");
            int port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of("sh", "-c",
                    "\"$@\" & child=$!; cat >/dev/null; kill $child; wait $child", "s3mock",
                    java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                    "--server.ssl.enabled=false", "--server.address=127.0.0.1", "--server.port=" + port,
                    // S3Mock always adds a second, plain HTTP connector; port 0 parks it on a free port.
                    "--http.port=0",
                    "--com.adobe.testing.s3mock.store.root=" + dir.resolve("root"),
                    "--com.adobe.testing.s3mock.max-payload-size=64MB",
                    "--logging.level.root=WARN"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            String endpoint = "http://127.0.0.1:" + port;
            awaitReady(process, endpoint, log);
            return new S3Mock(process, dir, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(Process process, String endpoint, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        process.getOutputStream().close();
        throw new IllegalStateException("S3Mock did not answer on " + endpoint + " within " + STARTUP + ":\n"
                + Files.readString(log));
    }

    private void stop() {
        client.close();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no reason to fail the run.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
