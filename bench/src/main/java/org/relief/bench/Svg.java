package org.relief.bench;

import java.util.List;
import java.util.Locale;

/** A small line-chart writer: axes with ticks, one polyline per series, a legend. No library. */
final class Svg {
    record Series(String name, String color, double[] xs, double[] ys) {}

    static final int WIDTH = 800;
    static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private Svg() {}

    static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        double maxX = 0;
        double maxY = 0;
        for (Series s : series) {
            for (double x : s.xs()) {
                maxX = Math.max(maxX, x);
            }
            for (double y : s.ys()) {
                maxY = Math.max(maxY, y);
            }
        }
        maxX = niceCeiling(maxX);
        maxY = niceCeiling(maxY);
        int pw = WIDTH - LEFT - RIGHT;
        int ph = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(text(WIDTH / 2.0, 22, "middle", title, 15));
        // grid and ticks
        for (int i = 0; i <= 5; i++) {
            double y = TOP + ph - ph * i / 5.0;
            double x = LEFT + pw * i / 5.0;
            b.append(line(LEFT, y, LEFT + pw, y, "#ddd"));
            b.append(text(LEFT - 6, y + 4, "end", num(maxY * i / 5.0), 11));
            b.append(line(x, TOP + ph, x, TOP + ph + 5, "#333"));
            b.append(text(x, TOP + ph + 18, "middle", num(maxX * i / 5.0), 11));
        }
        b.append(line(LEFT, TOP, LEFT, TOP + ph, "#333"));
        b.append(line(LEFT, TOP + ph, LEFT + pw, TOP + ph, "#333"));
        b.append(text(LEFT + pw / 2.0, HEIGHT - 10, "middle", xLabel, 12));
        b.append("<text x=\"16\" y=\"")
                .append(fmt(TOP + ph / 2.0))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(fmt(TOP + ph / 2.0))
                .append(")\">")
                .append(escape(yLabel))
                .append("</text>\n");
        int legendY = TOP + 10;
        for (Series s : series) {
            b.append("<polyline fill=\"none\" stroke=\"")
                    .append(escape(s.color()))
                    .append("\" stroke-width=\"1.5\" points=\"");
            for (int i = 0; i < Math.min(s.xs().length, s.ys().length); i++) {
                double x = LEFT + (maxX == 0 ? 0 : s.xs()[i] / maxX * pw);
                double y = TOP + ph - (maxY == 0 ? 0 : s.ys()[i] / maxY * ph);
                if (i > 0) {
                    b.append(' ');
                }
                b.append(fmt(x)).append(',').append(fmt(y));
            }
            b.append("\"/>\n");
            b.append(line(LEFT + 10, legendY, LEFT + 30, legendY, s.color()));
            b.append(text(LEFT + 35, legendY + 4, "start", s.name(), 11));
            legendY += 16;
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v} (1 for 0). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + escape(color) + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String s, int size) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\">" + escape(s) + "</text>\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
