package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
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
    void clusterModeRefusesAnUnsharedDirectoryWhileS3IsOff() {
        assertThatThrownBy(() -> LOCAL.requireSharedOrS3(false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--storage-shared")
                .hasMessageContaining("BASALT_STORAGE_SHARED")
                .hasMessageContaining("/data/storage")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void clusterModeAcceptsS3OrADirectoryTheOperatorVouchesFor() {
        assertThatCode(() -> LOCAL.requireSharedOrS3(true)).doesNotThrowAnyException();
        assertThatCode(() -> LOCAL.withShared(true).requireSharedOrS3(false)).doesNotThrowAnyException();
    }
}
