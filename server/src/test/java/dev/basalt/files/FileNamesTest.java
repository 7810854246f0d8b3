package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    private static final String RANDOM = "[a-z0-9]{10}";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private static String name(String original) throws IOException {
        return FileNames.of(original, () -> new ByteArrayInputStream("plain text".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "Photo 1.PNG|photo_1_R.PNG",
            "test.txt|test_R.txt",
            "archive.tar.gz|archive_R.tar.gz",
            "a.b.c.tar.gz|a_b_c_R.tar.gz",
            "myTestDB.json|my_test_db_R.json",
            "ABCdef.md|abcdef_R.md",
            "../etc/passwd|passwd_R.txt",
            "/abs/dir/report.pdf|report_R.pdf",
            "dir/sub/|sub_R.txt",
            "..\\..\\windows\\win.ini|[a-z0-9]{10}_R.windowswin.ini",
            "hello world (1).jpeg|hello_world_1_R.jpeg",
            "file.t x t|file_R.txt",
            "weird.ex@t!|weird_R.ext",
            "résumé final.docx|r_sum_final_R.docx",
            "__init__.py|init_R.py",
            "data.JSON|data_R.JSON",
            "name.+=#*-|name_R.+=#*-",
    })
    void sanitisesTheOriginalName(String original, String expected) throws IOException {
        assertThat(name(original)).matches(expected.replace(".", "\\.").replace("+", "\\+").replace("*", "\\*")
                .replace("R", RANDOM));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''", "'.'", "'..'", "'...'", "'/'", "'a'", "'ab'", "'.env'", "'日本語.txt'", "'%00'", "'\u0000.txt'",
    })
    void shortOrEmptyBasesArePaddedWithRandomCharacters(String original) throws IOException {
        String stored = name(original);
        assertThat(stored).matches("[a-z0-9_]{3,}_" + RANDOM + "(\\.[\\w.*\\-+=#]+)?");
        assertThat(stored).doesNotStartWith(".").doesNotContain("/", "\\");
    }

    @Test
    void aDotFileKeepsItsExtension() throws IOException {
        assertThat(name(".env")).matches("[a-z0-9]{10}_" + RANDOM + "\\.env");
    }

    @Test
    void aMissingExtensionIsDetectedFromTheContent() throws IOException {
        assertThat(FileNames.of("image", () -> new ByteArrayInputStream(PNG))).matches("image_" + RANDOM + "\\.png");
        assertThat(FileNames.of("blob", () -> new ByteArrayInputStream(new byte[] {0, 1, 2, 3, (byte) 0xff})))
                .matches("blob_" + RANDOM);
    }

    @Test
    void longNamesAreCut() throws IOException {
        String stored = name("x".repeat(1000) + ".txt");
        assertThat(stored).matches("x{100}_" + RANDOM + "\\.txt");
        String longExtension = name("file." + "e".repeat(40));
        assertThat(longExtension).matches("file_" + RANDOM + "\\.e{20}");
        assertThat(name("é".repeat(5000))).hasSizeLessThanOrEqualTo(150);
    }

    @Test
    void onlyTheLast300CharactersOfTheNameCount() throws IOException {
        assertThat(name("start" + "-".repeat(400) + "end.txt")).matches("end_" + RANDOM + "\\.txt");
    }

    @Test
    void everyNameIsNew() throws IOException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            names.add(name("same.txt"));
        }
        assertThat(names).hasSize(200);
    }

    @Test
    void snakeCaseFollowsPocketBase() {
        assertThat(FileNames.snakeCase("myTestDB")).isEqualTo("my_test_db");
        assertThat(FileNames.snakeCase("  Hello--World__x ")).isEqualTo("hello_world_x");
        assertThat(FileNames.snakeCase("")).isEmpty();
    }

    @Test
    void extensionsHaveAtMostTwoParts() {
        assertThat(FileNames.extension("test.a.tar.gz")).isEqualTo(".tar.gz");
        assertThat(FileNames.extension("test.txt")).isEqualTo(".txt");
        assertThat(FileNames.extension("test")).isEmpty();
    }
}
