package dev.basalt.http;

import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionService;
import dev.basalt.collections.CollectionType;
import dev.basalt.collections.Rule;
import dev.basalt.collections.fields.Field;
import dev.basalt.collections.fields.FileField;
import dev.basalt.collections.fields.TextField;
import dev.basalt.files.FileKeys;
import dev.basalt.files.LocalFileStore;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Collections, records and stored files for the files API tests. Files are written into the
 * server's storage directly and records inserted with jOOQ, so the download side is tested
 * without the upload side.
 */
final class FilesFixtures {

    static final List<String> THUMBS = List.of("70x50", "70x50t", "70x50b", "70x50f", "0x50", "70x0");

    /** A 1x1 lossless WebP (the sample of Google's WebP FAQ). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private FilesFixtures() {}

    static LocalFileStore store(TestServer server) {
        return new LocalFileStore(server.dataDir().resolve("storage"));
    }

    /** A base collection with a single file field {@code doc} and a multiple one {@code gallery}, both with {@link #THUMBS}. */
    static Collection createPublic(TestServer server, String name, String viewRule) {
        return create(server, name, viewRule, List.of(
                new FileField("", "doc", false, false, false, false, "", 0, 1, List.of(), THUMBS, false),
                new FileField("", "gallery", false, false, false, false, "", 0, 9, List.of(), THUMBS, false)));
    }

    /** A collection whose file field {@code secret} is protected, with an {@code owner} text field. */
    static Collection createProtected(TestServer server, String name, String viewRule) {
        return create(server, name, viewRule, List.of(
                new TextField("", "owner", false, false, false, false, "", 0, 0, "", "", false),
                new FileField("", "secret", false, false, false, false, "", 0, 1, List.of(), List.of(), true)));
    }

    private static Collection create(TestServer server, String name, String viewRule, List<Field> fields) {
        Rule view = Rule.of(viewRule);
        CollectionService collections = server.basalt().collections();
        return collections.create(new Collection("", name, CollectionType.BASE, false, fields, List.of(),
                Rule.SUPERUSERS_ONLY, view, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY, Rule.SUPERUSERS_ONLY,
                Map.of(), "", ""));
    }

    /** Inserts a record row with the given values (the rest empty), bypassing the record service. */
    static void insert(TestServer server, Collection c, String id, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put("id", id);
        Collection current = server.basalt().collections().view(c.id());
        server.basalt().database().transaction(tx -> {
            new RecordRepository().insert(tx.dsl(), new Record(current, all));
        });
    }

    /** Stores a file of a record under PocketBase's key layout. */
    static void put(TestServer server, Collection c, String recordId, String filename, byte[] content) {
        try {
            store(server).put(FileKeys.file(c.id(), recordId, filename), new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A {@code width x height} image in three horizontal bands, red over green over blue, so a
     * thumbnail's crop anchor shows in its middle pixel.
     */
    static byte[] bands(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width, height / 3);
        g.setColor(Color.GREEN);
        g.fillRect(0, height / 3, width, height / 3);
        g.setColor(Color.BLUE);
        g.fillRect(0, 2 * (height / 3), width, height - 2 * (height / 3));
        g.dispose();
        return encode(image, format);
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PNG whose header declares {@code width x height} pixels but that holds no image data: a
     * stand-in for a decompression bomb, refused before decoding.
     */
    static byte[] declaredPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
