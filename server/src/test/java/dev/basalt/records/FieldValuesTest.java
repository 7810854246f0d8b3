package dev.basalt.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.basalt.collections.Timestamps;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class FieldValuesTest {

    @TestFactory
    List<DynamicTest> datesAreNormalisedToTheWireFormat() {
        Object[][] rows = {
            {"2024-05-06 07:08:09.123Z", "2024-05-06 07:08:09.123Z"},
            {"2024-05-06T07:08:09Z", "2024-05-06 07:08:09.000Z"},
            {"2024-05-06T07:08:09.5+01:00", "2024-05-06 06:08:09.500Z"},
            {"2024-05-06 07:08:09", "2024-05-06 07:08:09.000Z"},
            {"2024-05-06 07:08", "2024-05-06 07:08:00.000Z"},
            {"2024-05-06", "2024-05-06 00:00:00.000Z"},
            {"1700000000", "2023-11-14 22:13:20.000Z"},
            {1700000000, "2023-11-14 22:13:20.000Z"},
            {"", ""},
            {"not a date", ""},
            {"2024-13-01", ""},
            {null, ""},
            {true, ""},
        };
        return Arrays.stream(rows)
                .map(row -> DynamicTest.dynamicTest("<" + row[0] + ">",
                        () -> assertThat(FieldValues.toDate(row[0])).isEqualTo(row[1])))
                .toList();
    }

    @TestFactory
    List<DynamicTest> jsonKeepsRawJsonAndQuotesTheRest() {
        Object[][] rows = {
            {"{\"a\":1}", "{\"a\":1}"},
            {" [1,2] ", "[1,2]"},
            {"12", "12"},
            {"-1.5", "-1.5"},
            {"\"x\"", "\"x\""},
            {"null", "null"},
            {"true", "true"},
            {"hello", "\"hello\""},
            {"{broken", "\"{broken\""},
            {"", "\"\""},
            {null, "null"},
            {Map.of("k", List.of(1)), "{\"k\":[1]}"},
            {3, "3"},
        };
        return Arrays.stream(rows)
                .map(row -> DynamicTest.dynamicTest("<" + row[0] + ">",
                        () -> assertThat(FieldValues.toJson(row[0]).toString()).isEqualTo(row[1])))
                .toList();
    }

    @TestFactory
    List<DynamicTest> multiValuesAreDistinctNonEmptyStrings() {
        Object[][] rows = {
            {List.of("a", "b", "a", ""), List.of("a", "b")},
            {"a", List.of("a")},
            {"", List.of()},
            {"[\"x\",\"y\"]", List.of("x", "y")},
            {"[not json", List.of("[not json")},
            {List.of(1, 2.5, true), List.of("1", "2.5", "true")},
            {null, List.of()},
            {Map.of("a", 1), List.of()},
        };
        return Arrays.stream(rows)
                .map(row -> DynamicTest.dynamicTest("<" + row[0] + ">",
                        () -> assertThat(FieldValues.uniqueStrings(row[0])).isEqualTo(row[1])))
                .toList();
    }

    @TestFactory
    List<DynamicTest> numbersAndBoolsCastLikeGo() {
        Object[][] rows = {
            {"12", 12d, false}, {" 1.5 ", 1.5d, false}, {"abc", 0d, false}, {"1e3", 1000d, false},
            {true, 1d, true}, {"true", 0d, true}, {"1", 1d, true}, {"t", 0d, true}, {0, 0d, false},
            {"yes", 0d, false}, {null, 0d, false},
        };
        return Arrays.stream(rows)
                .map(row -> DynamicTest.dynamicTest("<" + row[0] + ">", () -> {
                    assertThat(FieldValues.toNumber(row[0])).isEqualTo(row[1]);
                    assertThat(FieldValues.toBool(row[0])).isEqualTo(row[2]);
                }))
                .toList();
    }

    @TestFactory
    List<DynamicTest> textStringifiesScalars() {
        Object[][] rows = {{"x", "x"}, {12, "12"}, {1.5d, "1.5"}, {12d, "12"}, {false, "false"}, {null, ""}, {List.of("a"), ""}};
        return Arrays.stream(rows)
                .map(row -> DynamicTest.dynamicTest("<" + row[0] + ">",
                        () -> assertThat(FieldValues.text(row[0])).isEqualTo(row[1])))
                .toList();
    }

    @TestFactory
    List<DynamicTest> wireTimestampsRoundTrip() {
        String now = Timestamps.now();
        return List.of(DynamicTest.dynamicTest(now, () -> assertThat(FieldValues.toDate(now)).isEqualTo(now)));
    }
}
