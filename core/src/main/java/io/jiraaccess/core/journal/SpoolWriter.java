package io.jiraaccess.core.journal;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.files.ChannelOpener;
import io.jiraaccess.core.files.DurableFiles;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a CLI run's events into a spool directory: buffered, then one NDJSON file per {@link #flush()}, written
 * under a temporary dot-name, fsynced and renamed (see {@link SpoolFiles}), so a reader never sees half a file.
 * Each event gets {@code event.id = <serviceName>:<runId>:<n>} (n from 1 in emission order): deterministic within
 * the run, so re-ingesting a file overwrites instead of duplicating. {@link #close()} flushes.
 * <p>A flush that fails (disk full, read-only directory) keeps the events buffered for the next flush; once
 * {@code 10 * maxBufferedEvents} are waiting, further events are refused rather than grow memory without bound.
 * Thread-safe.
 */
public final class SpoolWriter implements EventSink, Closeable {
    public static final int DEFAULT_MAX_BUFFERED_EVENTS = 1000;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final NdjsonEvents LINES = NdjsonEvents.defaults();

    private final Path dir;
    private final String serviceName;
    private final String runId;
    private final int maxBufferedEvents;
    private final Clock clock;
    private final ChannelOpener opener;
    private final SecureRandom random = new SecureRandom();
    private final List<byte[]> buffer = new ArrayList<>();
    private long emitted;

    private SpoolWriter(Builder b) {
        this.dir = b.dir.toAbsolutePath().normalize();
        this.serviceName = b.serviceName;
        this.runId = b.runId;
        this.maxBufferedEvents = b.maxBufferedEvents;
        this.clock = b.clock;
        this.opener = b.opener;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalException("spool directory " + dir + " cannot be created (" + DurableFiles.describe(e)
                    + "); choose a writable --spool directory", e);
        }
    }

    public static Builder builder(Path dir, String serviceName) {
        return new Builder(dir, serviceName);
    }

    public Path dir() {
        return dir;
    }

    public String runId() {
        return runId;
    }

    /**
     * Stamps the event's id and buffers it; writes a file when {@code maxBufferedEvents} are buffered.
     *
     * @throws IllegalArgumentException when a reader would reject the event (over 1 MiB, nested too deep, no
     *                                  valid {@code @timestamp}); it is not buffered
     * @throws JournalException         when the automatic flush fails (the events stay buffered) or too many wait
     */
    @Override
    public synchronized void emit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (!(event.get("@timestamp") instanceof String ts) || !NdjsonEvents.isInstant(ts)) {
            throw new IllegalArgumentException("event " + event.action() + " has no valid @timestamp; build events "
                    + "with AuditEvent.builder");
        }
        if (buffer.size() >= 10 * maxBufferedEvents) {
            throw new JournalException("spool " + dir + ": " + buffer.size() + " events wait for a flush that keeps "
                    + "failing; the event is refused: free disk space or make the directory writable");
        }
        AuditEvent.Builder b = event.toBuilder().id(serviceName + ":" + runId + ":" + (emitted + 1));
        if (event.get("service.name") == null) {
            b.service(serviceName);
        }
        byte[] json = b.build().toJson().getBytes(StandardCharsets.UTF_8);
        NdjsonEvents.Reason refused = LINES.refuseToWrite(json, json.length);
        if (refused != null) {
            throw new IllegalArgumentException("event " + event.action() + " cannot be spooled: "
                    + refused.description());
        }
        emitted++;
        buffer.add(json);
        if (buffer.size() >= maxBufferedEvents) {
            flush();
        }
    }

    /**
     * Writes the buffered events as one complete spool file and returns it, or null when none were buffered.
     *
     * @throws JournalException when the file cannot be written; no file appears under a final name and the events
     *                          stay buffered
     */
    public synchronized Path flush() {
        if (buffer.isEmpty()) {
            return null;
        }
        String name = "events-" + FILE_TIME.format(clock.instant()) + "-" + randomHex() + SpoolFiles.SUFFIX;
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : buffer) {
            out.writeBytes(line);
            out.write('\n');
        }
        try {
            DurableFiles.writeAtomically(opener, tmp, target, out.toByteArray());
        } catch (IOException e) {
            throw new JournalException("spool " + dir + ": cannot write " + buffer.size() + " events ("
                    + DurableFiles.describe(e) + "); they stay buffered for the next flush: free disk space or make "
                    + "the directory writable", e);
        }
        buffer.clear();
        return target;
    }

    /** Events emitted and not yet in a file. */
    public synchronized int buffered() {
        return buffer.size();
    }

    @Override
    public void close() {
        flush();
    }

    private String randomHex() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Settings of a spool writer; {@link #build()} refuses bad ones. */
    public static final class Builder {
        private final Path dir;
        private final String serviceName;
        private String runId;
        private int maxBufferedEvents = DEFAULT_MAX_BUFFERED_EVENTS;
        private Clock clock = Clock.systemUTC();
        private ChannelOpener opener = ChannelOpener.DEFAULT;

        private Builder(Path dir, String serviceName) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.serviceName = serviceName;
        }

        /** The run's id in event ids (e.g. the CI build tag); default: the UTC start time and random hex. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Buffered events that trigger writing a file; 1 writes a file per event. */
        public Builder maxBufferedEvents(int events) {
            this.maxBufferedEvents = events;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        Builder opener(ChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        public SpoolWriter build() {
            if (serviceName == null || serviceName.isBlank()) {
                throw new IllegalArgumentException("spool " + dir + ": serviceName is required (it prefixes every "
                        + "event.id); use the CI system's name");
            }
            if (runId == null) {
                byte[] b = new byte[4];
                new SecureRandom().nextBytes(b);
                runId = FILE_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
            } else if (!RUN_ID.matcher(runId).matches()) {
                throw new IllegalArgumentException("spool run id '" + runId + "' is not usable in event ids: use 1-128 letters, digits, '.', '_' or '-' "
                        + "starting with a letter or digit (e.g. the CI build tag)");
            }
            if (maxBufferedEvents < 1) {
                throw new IllegalArgumentException("maxBufferedEvents must be at least 1, was " + maxBufferedEvents);
            }
            return new SpoolWriter(this);
        }
    }
}
