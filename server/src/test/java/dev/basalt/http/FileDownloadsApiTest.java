package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.collections.Collection;
import dev.basalt.files.FileKeys;
import dev.basalt.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytes of downloads: thumbnails (§7.2, §10 scenario 39), ranges and conditional requests. */
class FileDownloadsApiTest {

    static TestServer server;
    static Collection images;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static final byte[] TALL = FilesFixtures.bands(100, 300, "png");
    static final byte[] WIDE_JPEG = FilesFixtures.bands(300, 100, "jpeg");
    static final byte[] GIF = FilesFixtures.bands(60, 60, "gif");
    static final byte[] BOMB = FilesFixtures.declaredPng(20_000, 20_000);
    static final byte[] TEXT = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes();
    static final String RECORD = "img000000000001";
    static final String BASE = "/api/files/files_images/" + RECORD + "/";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        images = FilesFixtures.createPublic(server, "files_images", "");
        FilesFixtures.insert(server, images, RECORD, Map.of("doc", "tall.png", "gallery",
                List.of("wide.jpg", "anim.gif", "pic.webp", "bomb.png", "notes.txt", "cached.png", "busy.png")));
        FilesFixtures.put(server, images, RECORD, "tall.png", TALL);
        FilesFixtures.put(server, images, RECORD, "wide.jpg", WIDE_JPEG);
        FilesFixtures.put(server, images, RECORD, "anim.gif", GIF);
        FilesFixtures.put(server, images, RECORD, "pic.webp", FilesFixtures.WEBP);
        FilesFixtures.put(server, images, RECORD, "bomb.png", BOMB);
        FilesFixtures.put(server, images, RECORD, "notes.txt", TEXT);
        FilesFixtures.put(server, images, RECORD, "cached.png", TALL);
        FilesFixtures.put(server, images, RECORD, "busy.png", TALL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "thumb={0} of a 100x300 png is {1}x{2}")
    @CsvSource({
        "70x50, 70, 50",
        "70x50t, 70, 50",
        "70x50b, 70, 50",
        "70x50f, 17, 50",
        "0x50, 17, 50",
        "70x0, 70, 210",
        "100x100, 100, 100",
    })
    void thumbOfEachModeHasItsSize(String thumb, int width, int height) {
        HttpResponse<byte[]> r = fetch(BASE + "tall.png?thumb=" + thumb);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline; filename=" + thumb + "_tall.png");
        BufferedImage image = decode(r.body());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @ParameterizedTest(name = "thumb={0} keeps the {1} band of red over green over blue")
    @CsvSource({"70x50t, ff0000", "70x50, 00ff00", "70x50b, 0000ff"})
    void cropModesAnchorTheCrop(String thumb, String color) {
        BufferedImage image = decode(fetch(BASE + "tall.png?thumb=" + thumb).body());
        int rgb = image.getRGB(image.getWidth() / 2, image.getHeight() / 2) & 0xffffff;
        assertThat(String.format("%06x", rgb)).isEqualTo(color);
    }

    @Test
    void aSizeNotListedServesTheOriginal() {
        HttpResponse<byte[]> r = fetch(BASE + "tall.png?thumb=999x999");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(TALL);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline; filename=tall.png");
    }

    @Test
    void aMalformedSizeServesTheOriginal() {
        assertThat(fetch(BASE + "tall.png?thumb=big").body()).isEqualTo(TALL);
    }

    @Test
    void aThumbOfATextFileServesTheOriginal() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt?thumb=100x100");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(TEXT);
        assertThat(stored("notes.txt", "100x100")).isFalse();
    }

    @Test
    void aJpegThumbStaysJpeg() {
        HttpResponse<byte[]> r = fetch(BASE + "wide.jpg?thumb=100x100");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(decode(r.body()).getWidth()).isEqualTo(100);
    }

    @Test
    void aGifThumbStaysGif() {
        HttpResponse<byte[]> r = fetch(BASE + "anim.gif?thumb=100x100");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(decode(r.body()).getHeight()).isEqualTo(100);
    }

    @Test
    void aWebpThumbBecomesPng() {
        HttpResponse<byte[]> r = fetch(BASE + "pic.webp?thumb=100x100");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(decode(r.body()).getWidth()).isEqualTo(100);
    }

    @Test
    void anImageDeclaringTooManyPixelsServesTheOriginal() {
        HttpResponse<byte[]> r = fetch(BASE + "bomb.png?thumb=100x100");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BOMB);
        assertThat(stored("bomb.png", "100x100")).isFalse();
    }

    @Test
    void aThumbIsGeneratedOnceAndThenServedFromTheStore() throws IOException {
        assertThat(stored("cached.png", "70x50")).isFalse();
        assertThat(decode(fetch(BASE + "cached.png?thumb=70x50").body()).getWidth()).isEqualTo(70);
        assertThat(stored("cached.png", "70x50")).isTrue();
        // Replace the stored thumb: a regenerating server would answer 70x50 again.
        byte[] marker = FilesFixtures.bands(7, 7, "png");
        FilesFixtures.store(server).put(FileKeys.thumb(images.id(), RECORD, "cached.png", "70x50"),
                new ByteArrayInputStream(marker));
        assertThat(fetch(BASE + "cached.png?thumb=70x50").body()).isEqualTo(marker);
    }

    @Test
    void concurrentRequestsForANewThumbAllGetIt() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Callable<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> fetch(BASE + "busy.png?thumb=70x50b").body());
            }
            List<Future<byte[]>> results = pool.invokeAll(calls);
            byte[] first = results.getFirst().get();
            assertThat(decode(first).getWidth()).isEqualTo(70);
            for (Future<byte[]> f : results) {
                assertThat(Arrays.equals(f.get(), first)).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(stored("busy.png", "70x50b")).isTrue();
    }

    @Test
    void aSingleRangeIsPartialContent() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "Range", "bytes=0-9");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(new String(r.body())).isEqualTo("0123456789");
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 0-9/36");
        assertThat(r.headers().firstValue("Content-Length")).hasValue("10");
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "Range", "bytes=30-");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(new String(r.body())).isEqualTo("uvwxyz");
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 30-35/36");
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "Range", "bytes=-3");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(new String(r.body())).isEqualTo("xyz");
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "Range", "bytes=36-40");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */36");
    }

    @Test
    void severalRangesGetTheWholeFile() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "Range", "bytes=0-1,4-5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(TEXT);
    }

    @Test
    void aRangeOfAnotherVersionGetsTheWholeFile() {
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "Range", "bytes=0-1", "If-Range", "\"0-0\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(TEXT);
        String etag = fetch(BASE + "notes.txt").headers().firstValue("ETag").orElseThrow();
        assertThat(fetch(BASE + "notes.txt", "Range", "bytes=0-1", "If-Range", etag).statusCode()).isEqualTo(206);
    }

    @Test
    void aMatchingEtagIsNotModified() {
        String etag = fetch(BASE + "notes.txt").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> r = fetch(BASE + "notes.txt", "If-None-Match", etag);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(fetch(BASE + "notes.txt", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnchangedDateIsNotModified() {
        String modified = fetch(BASE + "notes.txt").headers().firstValue("Last-Modified").orElseThrow();
        assertThat(fetch(BASE + "notes.txt", "If-Modified-Since", modified).statusCode()).isEqualTo(304);
        assertThat(fetch(BASE + "notes.txt", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode())
                .isEqualTo(200);
    }

    @Test
    void failedPreconditionsAre412() {
        assertThat(fetch(BASE + "notes.txt", "If-Match", "\"other\"").statusCode()).isEqualTo(412);
        assertThat(fetch(BASE + "notes.txt", "If-Unmodified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode())
                .isEqualTo(412);
        String etag = fetch(BASE + "notes.txt").headers().firstValue("ETag").orElseThrow();
        assertThat(fetch(BASE + "notes.txt", "If-Match", etag).statusCode()).isEqualTo(200);
    }

    private static boolean stored(String filename, String size) {
        try {
            return FilesFixtures.store(server).find(FileKeys.thumb(images.id(), RECORD, filename, size)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<byte[]> fetch(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("a decodable image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
