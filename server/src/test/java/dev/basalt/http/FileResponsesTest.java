package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.http.FileResponses.RangeRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Range} headers against a file of 100 bytes. */
class FileResponsesTest {

    @ParameterizedTest(name = "{0} is bytes {1}-{2}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-9|0|9",
        "bytes=10-|10|99",
        "bytes=90-200|90|99",
        "bytes=-5|95|99",
        "bytes=-500|0|99",
        "BYTES=1-1|1|1",
        "bytes=99-99|99|99",
    })
    void satisfiableRanges(String header, long first, long last) {
        assertThat(FileResponses.parseRange(header, 100)).isEqualTo(new RangeRequest.Part(first, last));
    }

    @ParameterizedTest(name = "{0} is unsatisfiable")
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0"})
    void unsatisfiableRanges(String header) {
        assertThat(FileResponses.parseRange(header, 100)).isEqualTo(RangeRequest.UNSATISFIABLE);
    }

    @ParameterizedTest(name = "{0} is ignored")
    @ValueSource(strings = {"items=0-9", "bytes=0-1,5-6", "bytes=9-1", "bytes=a-b", "bytes=", "bytes=5", "bytes=--1"})
    void ignoredRanges(String header) {
        assertThat(FileResponses.parseRange(header, 100)).isEqualTo(RangeRequest.WHOLE);
    }
}
