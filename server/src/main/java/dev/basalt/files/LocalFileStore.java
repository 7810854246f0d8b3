package dev.basalt.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Files on the local disk under one root directory. A write goes to a temporary file beside its
 * target and is moved into place, so readers never see half a file and a failed write leaves
 * only a temporary file that {@link #put} removes.
 */
public final class LocalFileStore implements FileStore {

    private static final String TEMP_PREFIX = ".upload-";

    private final Path root;

    public LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".tmp");
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<StoredFile> find(String key) throws IOException {
        Path file = resolve(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(key, attributes.size(), attributes.lastModifiedTime().toInstant(),
                () -> Files.newInputStream(file)));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    // A concurrent upload landed in the tree; what it wrote stays.
                }
            }
        }
    }

    @Override
    public void deleteIfEmpty(String prefix) throws IOException {
        try {
            Files.deleteIfExists(resolve(prefix));
        } catch (DirectoryNotEmptyException e) {
            // Still holds files: nothing to remove.
        }
    }

    /** The root this store writes under. */
    public Path root() {
        return root;
    }

    /** The path of a key, refusing anything that could leave the root ({@link FileKeys#requireValid}). */
    Path resolve(String key) {
        Path path = root.resolve(FileKeys.requireValid(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("invalid storage key \"" + key + "\"");
        }
        return path;
    }
}
