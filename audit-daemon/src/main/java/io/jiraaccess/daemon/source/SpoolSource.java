package io.jiraaccess.daemon.source;

import io.jiraaccess.core.journal.SpoolFiles;
import io.jiraaccess.daemon.index.DeadLetter;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.inventory.CredentialUpdates;
import io.jiraaccess.daemon.inventory.SentMerges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The spool directory: NDJSON files (one ECS event per line, as core's {@code SpoolWriter} writes them) dropped by
 * any CI. Writers create a file under a hidden or temporary name and rename it when complete, so only finished
 * names ({@code *.ndjson}, not starting with a dot: core's {@link SpoolFiles} convention) are read, oldest name first. A file is moved to {@code done/}
 * once every line of it is acknowledged; a file with no readable event at all is moved to {@code quarantine/} with a
 * {@code .reason} file; a garbage line inside an otherwise good file goes to the dead-letter index and is counted.
 * The position is the current file, the byte offset after the last line read, and whether the file was read to its end.
 */
public final class SpoolSource implements EventSource {
    public static final String DONE = "done";
    public static final String QUARANTINE = "quarantine";
    /** {@code jira_access.inventory.source} of credentials known from spooled events: CI runs of the CLI. */
    public static final String INVENTORY_SOURCE = "cli";
    /** Longer lines are not events (a core event is a few hundred bytes); they are dead-lettered truncated. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;
    private static final int MAX_ORIGINAL_CHARS = 64 * 1024;
    private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSource.class);

    private final Path dir;
    private final SentMerges sentMerges = new SentMerges();

    public SpoolSource(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir.resolve(DONE));
            Files.createDirectories(this.dir.resolve(QUARANTINE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool directory " + this.dir, e);
        }
    }

    @Override
    public String id() {
        return "spool";
    }

    @Override
    public String kind() {
        return "spool";
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void resume(String committedPosition) {
        sentMerges.forget();
        SpoolPosition p = SpoolPosition.decode(committedPosition);
        if (p != null && p.eof() && Files.isRegularFile(dir.resolve(p.file()))) {
            moveToDone(p.file()); // the commit happened, the move did not (crash in between)
        }
    }

    @Override
    public SourceBatch read(String position, int maxEvents) {
        SpoolPosition p = SpoolPosition.decode(position);
        // one listing per read: files that arrive meanwhile are seen by the next read
        List<String> names = finishedNames();
        List<IndexDocument> docs = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        CredentialUpdates updates = new CredentialUpdates(INVENTORY_SOURCE);
        long bytes = 0;
        String file;
        long offset = 0;
        long line = 0;
        if (p != null && !p.eof() && names.contains(p.file())) {
            file = p.file();
            offset = p.offset();
            line = p.line();
        } else {
            // after a finished file: the next name; after a moved (committed) one: the first name, which picks up
            // files that arrived with names sorting before it
            file = next(names, p != null && p.eof() && names.contains(p.file()) ? p.file() : null);
        }
        SpoolPosition end = p;
        while (file != null && docs.size() < maxEvents && bytes < MAX_BATCH_BYTES) {
            if (offset == 0 && !hasEvent(file)) {
                file = next(names, file);
                continue;
            }
            FileRead r = readFile(file, offset, line, maxEvents - docs.size(), MAX_BATCH_BYTES - bytes, docs, rejected,
                    updates);
            bytes += r.bytes;
            end = new SpoolPosition(file, r.offset, r.line, r.eof);
            if (!r.eof) {
                break;
            }
            finished.add(file);
            file = next(names, file);
            offset = 0;
            line = 0;
        }
        if (end == null) {
            return SourceBatch.empty(null);
        }
        boolean exhausted = end.eof() && next(names, end.file()) == null;
        docs.addAll(updates.documents(sentMerges, exhausted));
        List<String> toMove = List.copyOf(finished);
        return new SourceBatch(docs, rejected, end.encode(), exhausted, () -> toMove.forEach(this::moveToDone));
    }

    @Override
    public Backlog backlog(String position) {
        SpoolPosition p = SpoolPosition.decode(position);
        long total = 0;
        for (String name : finishedNames()) {
            try {
                total += Files.size(dir.resolve(name));
            } catch (IOException e) {
                // vanished meanwhile
            }
            if (p != null && name.equals(p.file())) {
                total -= p.offset();
            }
        }
        return new Backlog(Math.max(0, total), "bytes");
    }

    /** The first name in the sorted {@code names} after {@code after} (null: the first of all), or null. */
    private static String next(List<String> names, String after) {
        if (after == null) {
            return names.isEmpty() ? null : names.get(0);
        }
        int i = Collections.binarySearch(names, after);
        int from = i >= 0 ? i + 1 : -i - 1;
        return from < names.size() ? names.get(from) : null;
    }

    private List<String> finishedNames() {
        try {
            return SpoolFiles.list(dir).stream().map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot list the spool directory " + dir + ": " + e, null, e);
        }
    }

    /** True when the file holds at least one event; otherwise it is quarantined with the reason. */
    private boolean hasEvent(String file) {
        List<String> problems = new ArrayList<>();
        long[] lines = {0};
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            LineReader reader = new LineReader(in);
            for (byte[] l = reader.next(); l != null; l = reader.next()) {
                lines[0]++;
                EventLineParser.Result r = reader.tooLong() ? new EventLineParser.Garbage("line longer than "
                        + MAX_LINE_BYTES + " bytes") : parse(l, file, lines[0]);
                if (r instanceof EventLineParser.Parsed) {
                    return true;
                }
                if (r instanceof EventLineParser.Garbage g && problems.size() < 5) {
                    problems.add("line " + lines[0] + ": " + g.reason());
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            problems.add("cannot be read: " + e.getClass().getSimpleName());
        }
        if (lines[0] == 0 && problems.isEmpty()) {
            moveToDone(file); // empty: nothing to index, nothing wrong
            return false;
        }
        quarantine(file, lines[0] + " line(s), none of them an event; " + String.join("; ", problems));
        return false;
    }

    private FileRead readFile(String file, long offset, long line, int maxEvents, long maxBytes,
                              List<IndexDocument> docs, List<DeadLetter> rejected,
                              CredentialUpdates updates) {
        Path path = dir.resolve(file);
        FileRead r = new FileRead();
        r.offset = offset;
        r.line = line;
        int added = 0;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.position(offset);
            LineReader reader = new LineReader(Channels.newInputStream(ch));
            while (added < maxEvents && r.bytes < maxBytes) {
                byte[] l = reader.next();
                if (l == null) {
                    r.eof = true;
                    break;
                }
                r.line++;
                r.offset += reader.consumed();
                r.bytes += reader.consumed();
                String location = file + " line " + r.line;
                EventLineParser.Result parsed = reader.tooLong()
                        ? new EventLineParser.Garbage("line longer than " + MAX_LINE_BYTES + " bytes")
                        : parse(l, file, r.line);
                if (parsed instanceof EventLineParser.Parsed ok) {
                    docs.add(ok.document());
                    updates.observe(ok.credentialFacts());
                    added++;
                } else if (parsed instanceof EventLineParser.Garbage g) {
                    String original = new String(l, StandardCharsets.UTF_8);
                    if (original.length() > MAX_ORIGINAL_CHARS) {
                        original = original.substring(0, MAX_ORIGINAL_CHARS);
                    }
                    rejected.add(DeadLetter.notAnEvent("spool-line-" + DocumentIds.sha256Hex(file + "\n" + r.line + "\n" + original),
                            id(), g.reason(), original, "spool/" + location));
                }
            }
            if (!r.eof && reader.atEnd()) {
                r.eof = true;
            }
        } catch (NoSuchFileException e) {
            r.eof = true; // removed by someone else: nothing more to read from it
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read spool file " + path + ": " + e, null, e);
        }
        return r;
    }

    private EventLineParser.Result parse(byte[] line, String file, long lineNo) {
        return EventLineParser.parse(line, "spool", "spool/" + file + " line " + lineNo);
    }

    private void moveToDone(String file) {
        try {
            Files.move(dir.resolve(file), dir.resolve(DONE).resolve(file), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // already moved
        } catch (IOException e) {
            LOG.warn("Spool file {} is indexed but cannot be moved to {}: {}; it will be read again (no duplicates)",
                    file, DONE, e.toString());
        }
    }

    private void quarantine(String file, String reason) {
        Path q = dir.resolve(QUARANTINE);
        try {
            Files.writeString(q.resolve(file + ".reason"), reason + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(dir.resolve(file), q.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Spool file {} quarantined to {}: {}", file, q, reason);
        } catch (IOException e) {
            throw new SourceUnavailableException("spool file " + file + " is not readable (" + reason
                    + ") and cannot be quarantined: " + e, null, e);
        }
    }

    private static final class FileRead {
        long offset;
        long line;
        long bytes;
        boolean eof;
    }

    /**
     * Reads lines as bytes, counting consumed bytes exactly (offsets are byte offsets); caps the bytes kept per line.
     * Scans its own buffer for the line ends: reading byte by byte through a stream costs two synchronized calls per
     * byte, which made line splitting the daemon's largest cost at high ingest rates.
     */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[64 * 1024];
        private int pos;
        private int limit;
        private byte[] line = new byte[1024];
        private int length;
        private long consumed;
        private boolean tooLong;
        private boolean atEnd;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its terminator, or null at the end of the file. */
        byte[] next() throws IOException {
            length = 0;
            consumed = 0;
            tooLong = false;
            while (true) {
                if (pos == limit) {
                    int n = atEnd ? -1 : in.read(chunk);
                    if (n < 0) {
                        atEnd = true;
                        // a finished file's last line may lack the newline
                        return consumed == 0 ? null : Arrays.copyOf(line, length);
                    }
                    pos = 0;
                    limit = n;
                }
                int end = pos;
                while (end < limit && chunk[end] != '\n') {
                    end++;
                }
                keep(pos, end - pos);
                consumed += end - pos;
                if (end < limit) {
                    consumed++; // the newline
                    pos = end + 1;
                    return Arrays.copyOf(line, length);
                }
                pos = limit;
            }
        }

        private void keep(int from, int n) {
            int room = MAX_LINE_BYTES - length;
            if (n > room) {
                tooLong = true;
                n = room;
            }
            if (n <= 0) {
                return;
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + n)));
            }
            System.arraycopy(chunk, from, line, length, n);
            length += n;
        }

        long consumed() {
            return consumed;
        }

        boolean tooLong() {
            return tooLong;
        }

        boolean atEnd() {
            return atEnd;
        }
    }
}
