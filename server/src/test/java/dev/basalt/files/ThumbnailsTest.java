package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {

    @TempDir
    Path dir;

    @Test
    void concurrentRequestsGenerateAThumbOnce() throws Exception {
        RecordingFileStore store = new RecordingFileStore(new LocalFileStore(dir));
        store.put("c/r/a.png", new ByteArrayInputStream(png(400, 400)));
        StoredFile original = store.find("c/r/a.png").orElseThrow();
        Thumbnails thumbnails = new Thumbnails(store);
        ThumbSize size = ThumbSize.parse("70x50").orElseThrow();
        String key = FileKeys.thumb("c", "r", "a.png", "70x50");
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Optional<StoredFile>>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> {
                go.await();
                return thumbnails.thumbnail(original, key, size, "a.png");
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<StoredFile>>> results = new ArrayList<>();
            for (Callable<Optional<StoredFile>> call : calls) {
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Optional<StoredFile>> f : results) {
                assertThat(f.get()).isPresent();
            }
        }
        assertThat(store.puts.get()).isEqualTo(2);
        try (InputStream in = store.find(key).orElseThrow().content().open()) {
            BufferedImage thumb = ImageIO.read(in);
            assertThat(thumb.getWidth()).isEqualTo(70);
            assertThat(thumb.getHeight()).isEqualTo(50);
        }
    }

    @Test
    void anUndecodableImageHasNoThumb() throws IOException {
        LocalFileStore store = new LocalFileStore(dir);
        store.put("c/r/a.png", new ByteArrayInputStream("not an image".getBytes(StandardCharsets.UTF_8)));
        Optional<StoredFile> thumb = new Thumbnails(store).thumbnail(store.find("c/r/a.png").orElseThrow(),
                FileKeys.thumb("c", "r", "a.png", "100x100"), ThumbSize.parse("100x100").orElseThrow(), "a.png");
        assertThat(thumb).isEmpty();
        assertThat(store.find(FileKeys.thumb("c", "r", "a.png", "100x100"))).isEmpty();
    }

    @Test
    void refusesImagesDeclaringTooManyPixels() {
        byte[] bomb = declaredPng(10_000, 5_001);
        assertThatThrownBy(() -> ThumbImages.render(() -> new ByteArrayInputStream(bomb),
                ThumbSize.parse("100x100").orElseThrow(), "a.png", new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void theOutputFormatFollowsTheExtension() {
        assertThat(ThumbImages.outputFormat("a.JPG")).isEqualTo("jpeg");
        assertThat(ThumbImages.outputFormat("a.jpeg")).isEqualTo("jpeg");
        assertThat(ThumbImages.outputFormat("a.gif")).isEqualTo("gif");
        assertThat(ThumbImages.outputFormat("a.tiff")).isEqualTo("tiff");
        assertThat(ThumbImages.outputFormat("a.bmp")).isEqualTo("bmp");
        assertThat(ThumbImages.outputFormat("a.webp")).isEqualTo("png");
        assertThat(ThumbImages.outputFormat("noextension")).isEqualTo("png");
    }

    @Test
    void aLargeDownscaleKeepsTheRequestedSize() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] big = png(3000, 2000);
        ThumbImages.render(() -> new ByteArrayInputStream(big), ThumbSize.parse("70x50f").orElseThrow(),
                "a.png", out);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(thumb.getWidth()).isEqualTo(70);
        assertThat(thumb.getHeight()).isEqualTo(47);
    }

    @Test
    void aJpegIsTurnedUprightByItsExifOrientation() throws IOException {
        // 300x100 pixels stored with orientation 6 (turn a quarter clockwise): a 100x300 portrait.
        BufferedImage wide = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = wide.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 150, 100);
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(150, 0, 150, 100);
        g.dispose();
        byte[] jpeg = withOrientation(jpeg(wide), 6);
        assertThat(ExifOrientation.of(jpeg)).isEqualTo(6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ThumbImages.render(() -> new ByteArrayInputStream(jpeg), ThumbSize.parse("0x60").orElseThrow(), "a.jpg", out);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(thumb.getWidth()).isEqualTo(20);
        assertThat(thumb.getHeight()).isEqualTo(60);
        // The left (red) half of the stored pixels is now on top.
        assertThat(isReddish(thumb.getRGB(10, 5))).isTrue();
        assertThat(isReddish(thumb.getRGB(10, 55))).isFalse();
    }

    @Test
    void aJpegWithoutExifIsNormal() throws IOException {
        assertThat(ExifOrientation.of(jpeg(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB))))
                .isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})).isEqualTo(1);
        assertThat(ExifOrientation.of(png(2, 2))).isEqualTo(1);
    }

    private static boolean isReddish(int rgb) {
        return ((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) < 60;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment holding only IFD0's orientation, after its APP0. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1});
        app1.writeBytes(ByteBuffer.allocate(2).putShort((short) (2 + 6 + 26)).array());
        app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.writeBytes(tiff.array());
        int app0End = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.writeBytes(app1.toByteArray());
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /** Counts writes, so a test can tell how often a thumbnail was generated. */
    static final class RecordingFileStore implements FileStore {
        final FileStore delegate;
        final AtomicInteger puts = new AtomicInteger();

        RecordingFileStore(FileStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String key, InputStream content) throws IOException {
            puts.incrementAndGet();
            delegate.put(key, content);
        }

        @Override
        public Optional<StoredFile> find(String key) throws IOException {
            return delegate.find(key);
        }

        @Override
        public void delete(String key) throws IOException {
            delegate.delete(key);
        }

        @Override
        public void deleteAll(String prefix) throws IOException {
            delegate.deleteAll(prefix);
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static byte[] declaredPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).array();
        byte[] name = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(ihdr);
        out.writeBytes(ByteBuffer.allocate(4).putInt(ihdr.length).array());
        out.writeBytes(name);
        out.writeBytes(ihdr);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
