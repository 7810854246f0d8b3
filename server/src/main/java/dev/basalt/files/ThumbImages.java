package dev.basalt.files;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Renders one thumbnail with {@code javax.imageio}: decodes only the region the size keeps, at a
 * subsampling that still leaves at least twice the output resolution, then scales down in halving
 * bilinear steps (a single bilinear step from far above the target aliases badly). Only the first
 * frame of an animated image is used, as in PocketBase.
 */
final class ThumbImages {

    /**
     * Images declaring more pixels than this are refused before any pixel is decoded: a small
     * compressed file can declare a huge canvas (a decompression bomb).
     */
    static final long MAX_PIXELS = 50_000_000L;

    private ThumbImages() {}

    /** Leading bytes read for the EXIF orientation (it sits in the first segments of a JPEG). */
    private static final int EXIF_HEAD_BYTES = 128 * 1024;

    /**
     * Writes the thumbnail of {@code original} to {@code out}, in the format of {@code filename}'s
     * extension (jpeg, gif, bmp, tiff; anything else becomes PNG). A JPEG is turned upright by
     * its EXIF orientation first.
     *
     * @throws IOException when the original cannot be decoded or is too large
     */
    static void render(FileUpload.Content original, ThumbSize size, String filename, OutputStream out)
            throws IOException {
        int orientation;
        try (InputStream head = original.open()) {
            orientation = ExifOrientation.of(head.readNBytes(EXIF_HEAD_BYTES));
        }
        BufferedImage thumb;
        try (InputStream stream = original.open(); ImageInputStream in = ImageIO.createImageInputStream(stream)) {
            if (in == null) {
                throw new IOException("no image input stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("unsupported image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                thumb = decodeScaled(reader, size, orientation);
            } finally {
                reader.dispose();
            }
        }
        String format = outputFormat(filename);
        if (!ImageIO.write(forFormat(thumb, format), format, out)) {
            throw new IOException("no image writer for " + format);
        }
    }

    /** The ImageIO format name for a file name: its extension's format, else {@code png}. */
    static String outputFormat(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "jpg", "jpeg" -> "jpeg";
            case "gif" -> "gif";
            case "bmp" -> "bmp";
            case "tif", "tiff" -> "tiff";
            default -> "png";
        };
    }

    private static BufferedImage decodeScaled(ImageReader reader, ThumbSize size, int orientation)
            throws IOException {
        int rawW = reader.getWidth(0);
        int rawH = reader.getHeight(0);
        if (rawW <= 0 || rawH <= 0 || (long) rawW * rawH > MAX_PIXELS) {
            throw new IOException("image of " + rawW + "x" + rawH + " pixels refused");
        }
        boolean swap = ExifOrientation.transposes(orientation);
        int srcW = swap ? rawH : rawW;
        int srcH = swap ? rawW : rawH;
        Rectangle crop = new Rectangle(0, 0, srcW, srcH);
        int outW;
        int outH;
        if (size.keepsRatio()) {
            outW = size.width() == 0 ? Math.max(1, Math.round((float) srcW * size.height() / srcH)) : size.width();
            outH = size.height() == 0 ? Math.max(1, Math.round((float) srcH * size.width() / srcW)) : size.height();
        } else if (size.mode() == ThumbSize.Mode.FIT) {
            // Fit never enlarges: an image already inside the box keeps its size.
            double scale = Math.min(1d, Math.min((double) size.width() / srcW, (double) size.height() / srcH));
            outW = Math.max(1, (int) Math.round(srcW * scale));
            outH = Math.max(1, (int) Math.round(srcH * scale));
        } else {
            outW = size.width();
            outH = size.height();
            crop = fillCrop(srcW, srcH, outW, outH, size.mode());
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int subsampling = Math.max(1, Math.min(crop.width / (2 * outW), crop.height / (2 * outH)));
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        if (orientation == ExifOrientation.NORMAL) {
            param.setSourceRegion(crop);
            return scale(reader.read(0, param), outW, outH);
        }
        // Turned images are decoded whole (subsampled), turned, then cropped in memory.
        BufferedImage upright = ExifOrientation.apply(reader.read(0, param), orientation);
        int x = Math.min(crop.x / subsampling, upright.getWidth() - 1);
        int y = Math.min(crop.y / subsampling, upright.getHeight() - 1);
        int w = Math.max(1, Math.min(crop.width / subsampling, upright.getWidth() - x));
        int h = Math.max(1, Math.min(crop.height / subsampling, upright.getHeight() - y));
        return scale(upright.getSubimage(x, y, w, h), outW, outH);
    }

    /** The largest region of the output's aspect ratio, centered across and anchored by the mode. */
    private static Rectangle fillCrop(int srcW, int srcH, int outW, int outH, ThumbSize.Mode mode) {
        if ((long) srcW * outH > (long) srcH * outW) {
            int cropW = Math.max(1, (int) Math.round((double) srcH * outW / outH));
            return new Rectangle((srcW - cropW) / 2, 0, cropW, srcH);
        }
        int cropH = Math.max(1, (int) Math.round((double) srcW * outH / outW));
        int y = switch (mode) {
            case TOP -> 0;
            case BOTTOM -> srcH - cropH;
            default -> (srcH - cropH) / 2;
        };
        return new Rectangle(0, y, srcW, cropH);
    }

    private static BufferedImage scale(BufferedImage image, int outW, int outH) {
        BufferedImage current = image;
        int w = current.getWidth();
        int h = current.getHeight();
        do {
            w = w / 2 >= outW ? w / 2 : outW;
            h = h / 2 >= outH ? h / 2 : outH;
            current = draw(current, w, h);
        } while (w != outW || h != outH);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int w, int h) {
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** JPEG and BMP have no alpha channel: flatten onto white for them. */
    private static BufferedImage forFormat(BufferedImage image, String format) {
        if (!format.equals("jpeg") && !format.equals("bmp")) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
