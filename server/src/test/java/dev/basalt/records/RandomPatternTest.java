package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class RandomPatternTest {

    @TestFactory
    List<DynamicTest> generatedValuesMatchTheirPattern() {
        return List.of("[a-z0-9]{15}", "[a-zA-Z0-9]{50}", "^[a-z]{8}$", "abc-\\d{3}", "(foo|bar)[0-9]{2}",
                        "[^a-z]{5}", "x?y*z+", "[a-c]{2,4}", "\\w{3,}", "(?:ab|cd){2}", "[-_.a-z]{6}", "\\.\\*")
                .stream()
                .map(p -> DynamicTest.dynamicTest(p, () -> {
                    for (int i = 0; i < 50; i++) {
                        String value = RandomPattern.generate(p);
                        assertThat(Pattern.compile(p).matcher(value).matches()).as("%s from %s", value, p).isTrue();
                    }
                }))
                .toList();
    }

    @TestFactory
    List<DynamicTest> unsupportedPatternsFailClearly() {
        return List.of("[a-z", "{3}", "a{x}", "(ab", "\\p{L}")
                .stream()
                .map(p -> DynamicTest.dynamicTest(p, () -> assertThatThrownBy(() -> RandomPattern.generate(p))
                        .isInstanceOf(IllegalArgumentException.class)))
                .toList();
    }
}
