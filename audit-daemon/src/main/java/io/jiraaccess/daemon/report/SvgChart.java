package io.jiraaccess.daemon.report;

import io.jiraaccess.daemon.report.ReportContent.Series;
import io.jiraaccess.daemon.report.ReportContent.TimeChart;

import java.util.List;
import java.util.Locale;

/** Draws a {@link TimeChart} as inline SVG: bars per interval, a value axis with gridlines, a legend. No script. */
public final class SvgChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 230;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    private SvgChart() {
    }

    public static String render(TimeChart chart) {
        List<String> labels = chart.labels();
        int n = labels.size();
        long max = 0;
        for (int i = 0; i < n; i++) {
            long v = chart.stacked() ? 0 : value(chart.series().get(0), i);
            if (chart.stacked()) {
                for (Series s : chart.series()) {
                    v += value(s, i);
                }
            } else {
                for (Series s : chart.series()) {
                    v = Math.max(v, value(s, i));
                }
            }
            max = Math.max(max, v);
        }
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"100%\" role=\"img\" aria-label=\"").append(Html.escape(chart.caption()))
                .append("\">");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>");
        // gridlines and value labels
        for (int g = 0; g <= 4; g++) {
            double y = TOP + plotH - plotH * g / 4.0;
            long v = top * g / 4;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>",
                    LEFT, y, WIDTH - RIGHT, y, g == 0 ? "#8a94a6" : "#e3e7ee"));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#5b6475\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y + 4, String.format(Locale.ROOT, "%,d", v)));
        }
        // legend
        double lx = LEFT;
        for (Series s : chart.series()) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>", lx, s.colour()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"18\" font-size=\"12\" fill=\"#2b3240\">%s</text>",
                    lx + 17, Html.escape(s.name())));
            lx += 30 + 7.2 * s.name().length();
        }
        if (n == 0 || max == 0) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" fill=\"#5b6475\" text-anchor=\"middle\">"
                    + "Nothing in the period</text>", LEFT + plotW / 2, TOP + plotH / 2));
        }
        double slot = n == 0 ? plotW : plotW / n;
        double barW = Math.max(1, slot * 0.72);
        for (int i = 0; i < n; i++) {
            double x = LEFT + slot * i + (slot - barW) / 2;
            double base = TOP + plotH;
            for (Series s : chart.series()) {
                long v = value(s, i);
                if (v <= 0) {
                    continue;
                }
                double h = top == 0 ? 0 : plotH * v / top;
                double y = chart.stacked() ? base - h : TOP + plotH - h;
                Bound b = s.values().get(i);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"",
                        x, y, barW, Math.max(h, 0.5), s.colour()));
                if (b.bound()) {
                    sb.append(" data-q=\"").append(Html.escape(b.queryId())).append("\" data-path=\"")
                            .append(Html.escape(b.path())).append("\" data-value=\"").append(v).append('"');
                }
                sb.append("><title>").append(Html.escape(labels.get(i) + " \u2014 " + s.name() + ": " + b.text()))
                        .append("</title></rect>");
                if (chart.stacked()) {
                    base -= h;
                }
            }
        }
        // time labels, thinned so they never overlap: the time (or day) on the first line, the date (or year)
        // below it where it changes
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        String previous = null;
        for (int i = 0; i < n; i += every) {
            double x = LEFT + slot * i + slot / 2;
            String[] lines = split(labels.get(i));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#5b6475\" text-anchor=\"middle\">%s</text>",
                    x, HEIGHT - BOTTOM + 16, Html.escape(lines[0])));
            if (!lines[1].equals(previous)) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#2b3240\" text-anchor=\"middle\">%s</text>",
                        x, HEIGHT - BOTTOM + 31, Html.escape(lines[1])));
                previous = lines[1];
            }
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** {@code 2026-11-29 14:00} to {@code [14:00, 2026-11-29]}; {@code 2026-11-29} to {@code [11-29, 2026]}. */
    static String[] split(String label) {
        if (label.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")) {
            return new String[] {label.substring(11), label.substring(0, 10)};
        }
        if (label.matches("\\d{4}-\\d\\d-\\d\\d")) {
            return new String[] {label.substring(5), label.substring(0, 4)};
        }
        return new String[] {label, ""};
    }

    private static long value(Series s, int i) {
        Bound b = s.values().get(i);
        if (b.isNone() || b.text().isEmpty()) {
            return 0;
        }
        return Long.parseLong(b.text().replace(",", ""));
    }

    /** 1, 2, 5 times a power of ten, at least 4 so the four gridlines fall on whole numbers. */
    static long niceCeiling(long max) {
        if (max <= 4) {
            return 4;
        }
        long p = 1;
        while (p * 10 < max) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 4, 5, 8, 10}) {
            if (m * p >= max && (m * p) % 4 == 0) {
                return m * p;
            }
        }
        return 20 * p;
    }
}
