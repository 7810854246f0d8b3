package dev.basalt.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThumbSizeTest {

    @ParameterizedTest(name = "{0} is {1}x{2} {3}")
    @CsvSource({
        "100x100, 100, 100, CENTER",
        "70x50t, 70, 50, TOP",
        "70x50b, 70, 50, BOTTOM",
        "70x50f, 70, 50, FIT",
        "0x50, 0, 50, CENTER",
        "70x0, 70, 0, CENTER",
    })
    void parsesPocketBaseSizes(String wire, int width, int height, ThumbSize.Mode mode) {
        assertThat(ThumbSize.parse(wire)).hasValue(new ThumbSize(wire, width, height, mode));
    }

    @ParameterizedTest(name = "{0} is no size")
    @ValueSource(strings = {"", "0x0", "x50", "70x", "70X50", "70x50c", "-1x50", " 70x50", "70x50tt", "99999x1",
        "10001x10", "1e3x10", "70x50/../x"})
    void refusesEverythingElse(String wire) {
        assertThat(ThumbSize.parse(wire)).isEmpty();
    }
}
