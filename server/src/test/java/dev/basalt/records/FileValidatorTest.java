package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.collections.fields.FileField;
import dev.basalt.error.FieldError;
import dev.basalt.files.FileUpload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileValidatorTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private static FileField field(boolean required, long maxSize, int maxSelect, List<String> mimeTypes) {
        return new FileField("f1", "doc", false, false, false, required, "", maxSize, maxSelect, mimeTypes, List.of(), false);
    }

    private static String code(Optional<FieldError> error) {
        return error.map(FieldError::code).orElse("");
    }

    @Test
    void anEmptyValueIsOnlyWrongWhenRequired() {
        assertThat(FileValidator.check(field(true, 0, 1, List.of()), List.of(), List.of(), Map.of())).map(FieldError::code)
                .contains("validation_required");
        assertThat(FileValidator.check(field(false, 0, 1, List.of()), List.of(), List.of(), Map.of())).isEmpty();
    }

    @Test
    void storedNamesAreKeptAndOthersAreInvalid() {
        FileField f = field(false, 0, 5, List.of());
        assertThat(FileValidator.check(f, List.of("a.txt"), List.of("a.txt", "b.txt"), Map.of())).isEmpty();
        Optional<FieldError> unknown = FileValidator.check(f, List.of("a.txt", "x.txt"), List.of("a.txt"), Map.of());
        assertThat(code(unknown)).isEqualTo("validation_invalid_file");
        assertThat(unknown.orElseThrow().params()).containsEntry("invalidFiles", List.of("x.txt"));
    }

    @Test
    void unknownNamesAreReportedBeforeTheCount() {
        FileField f = field(false, 0, 1, List.of());
        assertThat(code(FileValidator.check(f, List.of("x", "y"), List.of(), Map.of()))).isEqualTo("validation_invalid_file");
        assertThat(code(FileValidator.check(f, List.of("x", "y"), List.of("x", "y"), Map.of())))
                .isEqualTo("validation_too_many_files");
    }

    @Test
    void sizeDefaultsToFiveMebibytes() {
        FileField f = field(false, 0, 1, List.of());
        FileUpload atLimit = new FileUpload("a.bin", 5L << 20, () -> java.io.InputStream.nullInputStream());
        FileUpload over = new FileUpload("b.bin", (5L << 20) + 1, () -> java.io.InputStream.nullInputStream());
        assertThat(FileValidator.check(f, List.of("a"), List.of(), Map.of("a", atLimit))).isEmpty();
        Optional<FieldError> error = FileValidator.check(f, List.of("b"), List.of(), Map.of("b", over));
        assertThat(code(error)).isEqualTo("validation_file_size_limit");
        assertThat(error.orElseThrow().params()).containsEntry("maxSize", 5L << 20).containsEntry("file", "b.bin");
    }

    @Test
    void theDetectedTypeDecidesNotTheName() {
        FileField f = field(false, 0, 1, List.of("image/png"));
        assertThat(FileValidator.check(f, List.of("p"), List.of(), Map.of("p", FileUpload.of("x.txt", PNG)))).isEmpty();
        assertThat(code(FileValidator.check(f, List.of("t"), List.of(), Map.of("t", FileUpload.of("x.png", "text".getBytes())))))
                .isEqualTo("validation_invalid_mime_type");
    }

    @Test
    void bodySizesAddEveryFieldLimit() {
        assertThat(FileValidator.maxSize(field(false, 10, 3, List.of())) * FileValidator.maxSelect(field(false, 10, 3, List.of())))
                .isEqualTo(30);
        assertThat(FileValidator.maxSelect(field(false, 0, 0, List.of()))).isEqualTo(1);
        assertThat(BodySizes.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
    }
}
