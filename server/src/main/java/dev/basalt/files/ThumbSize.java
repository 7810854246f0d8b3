package dev.basalt.files;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thumbnail size as PocketBase writes it: {@code WxH} (crop from the center), {@code WxHt} (from
 * the top), {@code WxHb} (from the bottom), {@code WxHf} (fit inside, no crop), {@code 0xH} or
 * {@code Wx0} (resize keeping the ratio).
 *
 * @param wire the size as written in the field's {@code thumbs} and the {@code thumb} parameter
 */
public record ThumbSize(String wire, int width, int height, Mode mode) {

    /** How the original is brought to the size. */
    public enum Mode {
        CENTER, TOP, BOTTOM, FIT
    }

    /** Larger sides are refused: a thumbnail is never bigger than this many pixels across. */
    static final int MAX_SIDE = 10_000;

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})x(\\d{1,5})([tbf]?)");

    public ThumbSize {
        if (width < 0 || height < 0 || (width == 0 && height == 0) || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("invalid thumb size " + width + "x" + height);
        }
    }

    /** The size of a {@code thumb} value, or empty when it is not one. */
    public static Optional<ThumbSize> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        if ((width == 0 && height == 0) || width > MAX_SIDE || height > MAX_SIDE) {
            return Optional.empty();
        }
        Mode mode = switch (m.group(3)) {
            case "t" -> Mode.TOP;
            case "b" -> Mode.BOTTOM;
            case "f" -> Mode.FIT;
            default -> Mode.CENTER;
        };
        return Optional.of(new ThumbSize(value, width, height, mode));
    }

    /** Whether one side is 0: the image is resized to the other side, keeping its ratio. */
    public boolean keepsRatio() {
        return width == 0 || height == 0;
    }
}
