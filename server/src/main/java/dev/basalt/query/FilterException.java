package dev.basalt.query;

/**
 * A filter, rule or sort that cannot be parsed or resolved. {@code position} is the 0-based
 * character offset the problem was found at, or -1 when it concerns the expression as a whole.
 */
public final class FilterException extends RuntimeException {

    private final int position;

    public FilterException(String message, int position) {
        super(message);
        this.position = position;
    }

    public FilterException(String message) {
        this(message, -1);
    }

    public int position() {
        return position;
    }
}
