package dev.basalt.files;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in the APP1 {@code Exif} segment), and its
 * application to decoded pixels. Cameras store pixels as the sensor saw them and record how to
 * turn them; PocketBase's thumbnails apply that turn, so a portrait photo stays portrait.
 */
final class ExifOrientation {

    /** No transformation. */
    static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /** The orientation (1 to 8) of a JPEG's leading bytes; {@link #NORMAL} when absent or unreadable. */
    static int of(byte[] head) {
        try {
            return read(ByteBuffer.wrap(head));
        } catch (RuntimeException e) {
            // A truncated or malformed segment: the pixels are used as they are.
            return NORMAL;
        }
    }

    /** Whether the orientation swaps width and height (a quarter turn, possibly mirrored). */
    static boolean transposes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The image turned upright. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = transposes(orientation);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                switch (orientation) {
                    case 2 -> out.setRGB(w - 1 - x, y, argb);
                    case 3 -> out.setRGB(w - 1 - x, h - 1 - y, argb);
                    case 4 -> out.setRGB(x, h - 1 - y, argb);
                    case 5 -> out.setRGB(y, x, argb);
                    case 6 -> out.setRGB(h - 1 - y, x, argb);
                    case 7 -> out.setRGB(h - 1 - y, w - 1 - x, argb);
                    default -> out.setRGB(y, w - 1 - x, argb);
                }
            }
        }
        return out;
    }

    private static int read(ByteBuffer jpeg) {
        if (jpeg.remaining() < 4 || (jpeg.getShort() & 0xffff) != 0xffd8) {
            return NORMAL;
        }
        while (jpeg.remaining() >= 4) {
            int marker = jpeg.getShort() & 0xffff;
            int length = jpeg.getShort() & 0xffff;
            if ((marker & 0xff00) != 0xff00 || marker == 0xffda || length < 2) {
                return NORMAL;
            }
            int start = jpeg.position();
            if (marker == 0xffe1 && length >= 8 && isExifHeader(jpeg, start)) {
                return orientation(jpeg.slice(start + 6, Math.min(length - 8, jpeg.limit() - start - 6)));
            }
            jpeg.position(start + length - 2);
        }
        return NORMAL;
    }

    private static boolean isExifHeader(ByteBuffer b, int at) {
        return b.get(at) == 'E' && b.get(at + 1) == 'x' && b.get(at + 2) == 'i' && b.get(at + 3) == 'f'
                && b.get(at + 4) == 0 && b.get(at + 5) == 0;
    }

    /** The orientation entry of IFD0 in a TIFF structure. */
    private static int orientation(ByteBuffer tiff) {
        short order = tiff.getShort(0);
        tiff.order(order == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff.getInt(4);
        int entries = tiff.getShort(ifd) & 0xffff;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if ((tiff.getShort(entry) & 0xffff) == ORIENTATION_TAG) {
                int value = tiff.getShort(entry + 8) & 0xffff;
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }
}
