package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Whether cluster mode may keep files where this configuration puts them. */
class FilesConfigTest {

    static final FilesConfig LOCAL = FilesConfig.of(Path.of("/data"));

    @Test
    void aNodesOwnDirectoryIsNotSharedByDefault() {
        assertThat(LOCAL.shared()).isFalse();
        assertThat(LOCAL.storageDir()).isEqualTo(Path.of("/data/storage"));
    }

    @Test
    void clusterModeRefusesUploadsToAnUnsharedDirectory() {
        FileStore store = LOCAL.localStore(true);
        assertThatThrownBy(() -> store.put("c/r/a.txt", new java.io.ByteArrayInputStream(new byte[1])))
                .isInstanceOf(dev.basalt.error.ApiException.class)
                .hasMessageContaining("--storage-shared")
                .hasMessageContaining("BASALT_STORAGE_SHARED")
                .hasMessageContaining("/data/storage")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void aSingleNodeOrASharedDirectoryKeepsFilesOnDisk() {
        assertThat(LOCAL.localStore(false)).isInstanceOf(LocalFileStore.class);
        assertThat(LOCAL.withShared(true).localStore(true)).isInstanceOf(LocalFileStore.class);
    }
}
