package dev.basalt.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

    @ParameterizedTest(name = "\"{0}\" is valid")
    @ValueSource(strings = {
        "0 0 * * *", "*/15 1-5 1,15 * 0-6", "59 23 31 12 6", "0-59 0-23 1-31 1-12 0-6", "1-30/2 * * * *",
        "5/1 * * * *", "5,10,50-52/1 * * * *", "*/59 */23 */31 */12 */6", "0  0 * *\t* ",
        "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"})
    void accepts(String expression) {
        assertThat(Schedule.isValid(expression)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @ValueSource(strings = {
        "", "   ", "0 0 * *", "0 0 * * * *", "every day", "@every 5m", "@Daily", "@reboot",
        "60 0 * * *", "0 24 * * *", "0 0 0 * *", "0 0 32 * *", "0 0 * 0 *", "0 0 * 13 *", "0 0 * * 7",
        "*/0 * * * *", "*/60 * * * *", "* * * * */7", "5/15 * * * *", "5-1 * * * *", "1-2-3 * * * *",
        "a * * * *", "1- * * * *", "-1 * * * *", "+1 * * * *", "1,,2 * * * *", ", * * * *", "*/5/2 * * * *",
        "*-5 * * * *", "99999 * * * *", "*/ * * * *"})
    void refuses(String expression) {
        assertThat(Schedule.isValid(expression)).isFalse();
        assertThatThrownBy(() -> Schedule.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression \"" + expression + "\": ");
    }

    @Test
    void aRefusalNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> Schedule.parse("60 * * * *"))
                .hasMessage("invalid cron expression \"60 * * * *\": minute \"60\" is outside 0-59");
        assertThatThrownBy(() -> Schedule.parse("0 0 * * 7"))
                .hasMessage("invalid cron expression \"0 0 * * 7\": day of week \"7\" is outside 0-6");
        assertThatThrownBy(() -> Schedule.parse("0 0 * *"))
                .hasMessage("invalid cron expression \"0 0 * *\": expected a macro or 5 space-separated fields, got 4");
    }

    @ParameterizedTest(name = "\"{0}\" lists as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0 0 * * *      | 0 0 * * *",
        "' 0  0 * * * ' | 0 0 * * *",
        "@yearly        | 0 0 1 1 *",
        "@annually      | 0 0 1 1 *",
        "@monthly       | 0 0 1 * *",
        "@weekly        | 0 0 * * 0",
        "@daily         | 0 0 * * *",
        "@midnight      | 0 0 * * *",
        "@hourly        | 0 * * * *"})
    void expressionIsTheFiveFieldForm(String expression, String listed) {
        assertThat(Schedule.parse(expression).expression()).isEqualTo(listed);
    }

    @ParameterizedTest(name = "\"{0}\" after {1} fires at {2}")
    @CsvSource(delimiter = '|', value = {
        "* * * * *          | 2025-01-01T12:00:00Z     | 2025-01-01T12:01:00Z",
        "* * * * *          | 2025-01-01T12:00:30.5Z   | 2025-01-01T12:01:00Z",
        "*/15 * * * *       | 2025-01-01T12:01:00Z     | 2025-01-01T12:15:00Z",
        "*/15 * * * *       | 2025-01-01T12:45:00Z     | 2025-01-01T13:00:00Z",
        "@hourly            | 2025-01-01T12:00:00Z     | 2025-01-01T13:00:00Z",
        "@daily             | 2025-01-01T12:00:00Z     | 2025-01-02T00:00:00Z",
        "@daily             | 2025-12-31T23:59:59Z     | 2026-01-01T00:00:00Z",
        "@weekly            | 2025-01-01T00:00:00Z     | 2025-01-05T00:00:00Z",
        "@monthly           | 2025-01-31T00:00:00Z     | 2025-02-01T00:00:00Z",
        "@yearly            | 2025-06-01T00:00:00Z     | 2026-01-01T00:00:00Z",
        "5,10,50-52 * * * * | 2025-01-01T12:10:00Z     | 2025-01-01T12:50:00Z",
        "5,10,50-52 * * * * | 2025-01-01T12:52:00Z     | 2025-01-01T13:05:00Z",
        "0 9-17/4 * * 1-5   | 2025-01-04T10:00:00Z     | 2025-01-06T09:00:00Z",
        "0 9-17/4 * * 1-5   | 2025-01-06T09:00:00Z     | 2025-01-06T13:00:00Z",
        "0 9-17/4 * * 1-5   | 2025-01-06T13:00:00Z     | 2025-01-06T17:00:00Z",
        "0 0 31 * *         | 2025-04-01T00:00:00Z     | 2025-05-31T00:00:00Z",
        "30 2 29 2 *        | 2025-01-01T00:00:00Z     | 2028-02-29T02:30:00Z",
        "0 0 * 12 0         | 2025-01-01T00:00:00Z     | 2025-12-07T00:00:00Z",
        "0 0 13 * 5         | 2025-01-01T00:00:00Z     | 2025-06-13T00:00:00Z"})
    void nextFireTime(String expression, String after, String expected) {
        assertThat(Schedule.parse(expression).next(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @Test
    void anImpossibleDateNeverFires() {
        assertThat(Schedule.parse("0 0 31 2 *").next(Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
        assertThat(Schedule.parse("0 0 30 2 *").next(Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" due at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "* * * * *    | 2025-01-01T12:34:56Z | true",
        "0 * * * *    | 2025-01-01T12:00:59Z | true",
        "0 * * * *    | 2025-01-01T12:01:00Z | false",
        "*/5 * * * *  | 2025-01-01T12:35:00Z | true",
        "*/5 * * * *  | 2025-01-01T12:36:00Z | false",
        "0 0 * * 0    | 2025-01-05T00:00:00Z | true",
        "0 0 * * 0    | 2025-01-06T00:00:00Z | false",
        "0 0 13 * 5   | 2025-06-13T00:00:30Z | true",
        "0 0 13 * 5   | 2025-12-13T00:00:00Z | false",
        "0 0 13 * 5   | 2025-01-03T00:00:00Z | false"})
    void isDueInTheMinuteThatContainsTheTime(String expression, String time, boolean due) {
        assertThat(Schedule.parse(expression).isDue(Instant.parse(time))).isEqualTo(due);
    }
}
