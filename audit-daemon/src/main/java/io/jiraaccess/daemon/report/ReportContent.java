package io.jiraaccess.daemon.report;

import java.util.List;

/** What a report section holds, independent of how it is rendered (HTML, and through it PDF). */
public final class ReportContent {
    private ReportContent() {
    }

    /** One part of a section. */
    public sealed interface Block permits Paragraph, Cards, Table, TimeChart, Notice {
    }

    /** Plain text (escaped when rendered). */
    public record Paragraph(String text) implements Block {
    }

    /** A warning or explanation that stands out, e.g. "the inventory index does not exist". */
    public record Notice(String level, String text) implements Block {
    }

    /** Headline numbers. */
    public record Cards(List<Card> cards) implements Block {
    }

    /**
     * One headline number.
     *
     * @param tone {@code good}, {@code warn}, {@code bad} or {@code neutral}: how the number reads for an auditor
     */
    public record Card(String label, Bound value, String note, String tone, String section) {
    }

    /** A table; a row's {@code tone} marks expired, expiring or revoked rows. */
    public record Table(String caption, List<Column> columns, List<Row> rows, String empty, String footnote)
            implements Block {
    }

    /** A column; numbers align right, and numbers, times and short codes never wrap. */
    public record Column(String header, boolean numeric, boolean nowrap) {
        public static Column text(String header) {
            return new Column(header, false, false);
        }

        public static Column number(String header) {
            return new Column(header, true, true);
        }

        /** Kept on one line: times, addresses, ids and paths read badly when broken at a hyphen or slash. */
        public static Column fixed(String header) {
            return new Column(header, false, true);
        }
    }

    /** A row; each cell holds one value or several (e.g. the top source addresses of a caller). */
    public record Row(List<List<Bound>> cells, String tone) {
        public static Row of(String tone, Bound... cells) {
            return new Row(java.util.Arrays.stream(cells).map(List::of).toList(), tone);
        }
    }

    /**
     * Bars over time from one histogram: stacked when the series are disjoint (rotations, revocations), or drawn over
     * one another when each series is part of the first (failures among uses).
     */
    public record TimeChart(String caption, String queryId, List<String> labels, List<Series> series, boolean stacked)
            implements Block {
    }

    /**
     * One stacked series; {@code values.get(i)} is bound to its place in the response.
     *
     * @param colour a CSS colour
     */
    public record Series(String name, String colour, List<Bound> values) {
    }

    /** A numbered section of the report. */
    public record Section(String anchor, String title, String lead, List<String> queryIds, List<Block> blocks) {
    }
}
