package dev.basalt.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small SVG chart of a run: per kind of scenario, the geometric mean (bar) and the worst (tick)
 * of Basalt's time as a share of PocketBase's published time, on a log scale, with each kind's
 * target marked. Written by hand: a dozen shapes do not justify a charting library.
 */
final class Chart {

    private static final double MIN = 0.01;
    private static final double MAX = 4;
    private static final int LEFT = 170;
    private static final int WIDTH = 460;
    private static final int ROW = 26;
    private static final int TOP = 40;

    private Chart() {
    }

    static String svg(Map<Report.Kind, List<Double>> ratios, String title) {
        int rows = ratios.size();
        int height = TOP + rows * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", LEFT + WIDTH + 30, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(10, 20, escape(title), "font-weight=\"bold\""));
        for (double tick : new double[] {0.01, 0.03, 0.1, 0.25, 0.5, 1, 2, 4}) {
            double x = x(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                    x, TOP - 5, x, TOP + rows * ROW, tick == 1 ? "#888" : "#ddd"));
            svg.append(text(x - 10, TOP + rows * ROW + 16, trim(tick), ""));
        }
        svg.append(text(LEFT, TOP + rows * ROW + 34,
                "Basalt time / PocketBase time (log scale; bar = geometric mean, tick = worst, red = target)", "font-size=\"11\""));
        int row = 0;
        for (Map.Entry<Report.Kind, List<Double>> e : ratios.entrySet()) {
            int y = TOP + row * ROW;
            List<Double> values = e.getValue();
            double mean = Report.geometricMean(values);
            double worst = values.stream().mapToDouble(Double::doubleValue).max().orElse(mean);
            svg.append(text(10, y + 16, escape(e.getKey().label) + " (" + values.size() + ")", ""));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4a7bd0\"/>\n",
                    LEFT, y + 5, Math.max(1, x(mean) - LEFT), ROW - 10));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\"/>\n",
                    x(worst), y + 3, x(worst), y + ROW - 3));
            double target = e.getKey().maxRatio;
            if (!Double.isNaN(target)) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d33\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"3,2\"/>\n", x(target), y + 1, x(target), y + ROW - 1));
            }
            row++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(double ratio) {
        double clamped = Math.clamp(ratio, MIN, MAX);
        return LEFT + WIDTH * (Math.log(clamped / MIN) / Math.log(MAX / MIN));
    }

    private static String text(double x, double y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", x, y, attributes, content);
    }

    private static String trim(double v) {
        return v >= 1 ? String.valueOf((int) v) : String.valueOf(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
