package io.jiraaccess.daemon.source;

import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.core.journal.SpoolFiles;
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
import java.util.Collections;
import java.util.List;

/**
 * The spool directory: NDJSON files (one ECS event per line, as core's {@code SpoolWriter} writes them) dropped by
 * any CI. Writers create a file under a hidden or temporary name and rename it when complete, so only finished
 * names ({@code *.ndjson}, not starting with a dot: core's {@link SpoolFiles} convention) are read, oldest name
 * first, as lines ({@link SourceRecord.Line}) that the ingest stage parses. A file is moved to {@code done/} once
 * every line of it is acknowledged; a file with no event at all is moved to {@code quarantine/} with a
 * {@code .reason} file (that triage asks core's {@link NdjsonEvents}, the parser the ingest stage uses, about the
 * lines up to the first event); a line that is not an event inside an otherwise good file is dead-lettered by the
 * ingest stage. The position is the current file, the byte offset after the last line read, its line number, and
 * whether the file was read to its end.
 */
public final class SpoolSource implements EventSource {
    public static final String DONE = "done";
    public static final String QUARANTINE = "quarantine";
    /** The line parser, for the triage of whole files and the line limit. */
    private static final NdjsonEvents LINES = NdjsonEvents.defaults();
    private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSource.class);

    private final Path dir;

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
        SpoolPosition p = SpoolPosition.decode(committedPosition);
        if (p != null && p.eof() && Files.isRegularFile(dir.resolve(p.file()))) {
            moveToDone(p.file()); // the commit happened, the move did not (crash in between)
        }
    }

    @Override
    public SourceBatch read(String position, int maxRecords) {
        SpoolPosition p = SpoolPosition.decode(position);
        // one listing per read: files that arrive meanwhile are seen by the next read
        List<String> names = finishedNames();
        List<SourceRecord> records = new ArrayList<>();
        List<String> finished = new ArrayList<>();
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
        while (file != null && records.size() < maxRecords && bytes < MAX_BATCH_BYTES) {
            if (offset == 0 && !hasEvent(file)) {
                file = next(names, file);
                continue;
            }
            FileRead r = readFile(file, offset, line, maxRecords - records.size(), MAX_BATCH_BYTES - bytes, records);
            bytes += r.offset - offset;
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
        List<String> toMove = List.copyOf(finished);
        return SourceBatch.of(records, end.encode(), exhausted, committed -> toMove.forEach(this::moveToDone));
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
        long lines = 0;
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            NdjsonEvents.LineReader reader = LINES.reader(in);
            for (NdjsonEvents.Line l = reader.next(); l != null; l = reader.next()) {
                if (l.isEvent()) {
                    return true;
                }
                if (problems.size() < 5) {
                    problems.add("line " + l.number() + ": " + l.rejected().description());
                }
            }
            lines = reader.lines();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            problems.add("cannot be read: " + e.getClass().getSimpleName());
        }
        if (lines == 0 && problems.isEmpty()) {
            moveToDone(file); // empty: nothing to index, nothing wrong
            return false;
        }
        quarantine(file, lines + " line(s), none of them an event; " + String.join("; ", problems));
        return false;
    }

    /** Reads the lines of {@code file} from {@code offset} (after line {@code line}) into {@code records}. */
    private FileRead readFile(String file, long offset, long line, int maxRecords, long maxBytes,
                              List<SourceRecord> records) {
        Path path = dir.resolve(file);
        FileRead r = new FileRead();
        r.offset = offset;
        r.line = line;
        String where = "spool/" + file;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.position(offset);
            NdjsonEvents.LineReader reader = LINES.reader(Channels.newInputStream(ch), offset, line);
            int added = 0;
            while (added < maxRecords && r.offset - offset < maxBytes) {
                NdjsonEvents.RawLine l = reader.nextRaw();
                r.offset = reader.offset();
                r.line = reader.lines();
                if (l == null) {
                    r.eof = true;
                    break;
                }
                records.add(new SourceRecord.Line(l, where, file));
                added++;
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
        boolean eof;
    }
}
