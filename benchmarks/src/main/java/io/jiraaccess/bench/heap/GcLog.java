package io.jiraaccess.bench.heap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a unified JVM GC log ({@code -Xlog:gc*:file=...}, default decorators {@code uptime,level,tags}) says about
 * each collection: its one summary line tagged {@code [gc]}, e.g.
 * {@code [12.345s][info][gc          ] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 97M->29M(256M) 80.937ms}.
 * Works for G1, Parallel and Serial (their summary lines have the same shape); concurrent phases, which have no
 * heap sizes, are not collections here.
 */
public final class GcLog {
    private static final Pattern SUMMARY = Pattern.compile(
            "^\\[(\\d+(?:\\.\\d+)?)s\\]\\[\\w+\\s*\\]\\[gc\\s*\\] GC\\((\\d+)\\) (.+?) "
                    + "(\\d+)([BKMG])->(\\d+)([BKMG])\\((\\d+)([BKMG])\\) (\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final Pattern COLLECTOR = Pattern.compile("^\\[[^]]*\\]\\[\\w+\\s*\\]\\[gc\\s*\\] Using (.+)$");

    /**
     * One collection (a pause).
     *
     * @param uptimeSeconds the collected JVM's uptime when the pause ended
     * @param kind          e.g. {@code Pause Young (Normal) (G1 Evacuation Pause)}, {@code Pause Full (System.gc())}
     */
    public record Collection(double uptimeSeconds, long id, String kind, double beforeMb, double afterMb,
                             double capacityMb, double pauseMillis) {
        public boolean full() {
            return kind.startsWith("Pause Full");
        }

        /** A pause after which old-generation garbage is gone too: a G1 mixed collection, or a full one. */
        public boolean reclaimsOld() {
            return full() || kind.contains("(Mixed)");
        }
    }

    private final List<Collection> collections;
    private final String collector;
    private final List<String> alarms;

    private GcLog(List<Collection> collections, String collector, List<String> alarms) {
        this.collections = List.copyOf(collections);
        this.collector = collector;
        this.alarms = List.copyOf(alarms);
    }

    /** Reads the log as it is now (the JVM may still be writing it; an absent file is an empty log). */
    public static GcLog read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (NoSuchFileException e) {
            return parse(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
    }

    public static GcLog parse(List<String> lines) {
        List<Collection> out = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        String collector = "unknown";
        for (String line : lines) {
            // signs that the heap was too small for what was live (G1 wording of JDK 17 and later)
            if (line.contains("To-space exhausted") || line.contains("Evacuation Failure")
                    || line.contains("OutOfMemory")) {
                alarms.add(line.trim());
            }
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                out.add(new Collection(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), m.group(3),
                        mb(m.group(4), m.group(5)), mb(m.group(6), m.group(7)), mb(m.group(8), m.group(9)),
                        Double.parseDouble(m.group(10))));
                continue;
            }
            Matcher c = COLLECTOR.matcher(line);
            if (c.matches()) {
                collector = c.group(1).trim();
            }
        }
        return new GcLog(out, collector, alarms);
    }

    private static double mb(String amount, String unit) {
        double v = Long.parseLong(amount);
        return switch (unit) {
            case "B" -> v / (1024.0 * 1024.0);
            case "K" -> v / 1024.0;
            case "M" -> v;
            case "G" -> v * 1024.0;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    public List<Collection> collections() {
        return collections;
    }

    /** The collections whose pause ended within {@code [fromSeconds, toSeconds]} of the JVM's uptime. */
    public List<Collection> between(double fromSeconds, double toSeconds) {
        return collections.stream().filter(c -> c.uptimeSeconds() >= fromSeconds && c.uptimeSeconds() <= toSeconds)
                .toList();
    }

    /** As the log's {@code Using ...} line names it, e.g. {@code G1}. */
    public String collector() {
        return collector;
    }

    /** Lines telling of evacuation failures or an OutOfMemoryError. */
    public List<String> alarms() {
        return alarms;
    }
}
