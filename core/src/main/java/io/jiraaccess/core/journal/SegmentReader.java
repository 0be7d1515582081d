package io.jiraaccess.core.journal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Reads the journal's durable events after a seq. The segment to start in is found by name; a reader that
 * continues from where its previous read stopped resumes at that byte instead of rescanning the segment.
 */
final class SegmentReader {
    private static final NdjsonEvents LINES = NdjsonEvents.defaults().requireSeq(true);

    /** Where the read that ended at {@code after} stopped. */
    private record Hint(long after, long segment, long offset, long lines) {
    }

    private final SegmentIndex index;
    private volatile Hint hint;

    SegmentReader(SegmentIndex index) {
        this.index = index;
    }

    /**
     * Up to {@code limit} events with seq in ({@code after}, {@code durableSeq}], reading the segment numbered
     * {@code activeFirst} only up to {@code activeBytes} and none after it: the rest is not durable yet.
     */
    JournalRead read(long after, int limit, long durableSeq, long activeFirst, long activeBytes) throws IOException {
        List<NdjsonEvents.Line> events = new ArrayList<>();
        List<JournalRead.SkippedLine> skipped = new ArrayList<>();
        if (after >= durableSeq) {
            return new JournalRead(events, skipped, after, durableSeq);
        }
        index.lock().readLock().lock();
        try {
            NavigableMap<Long, Path> map = index.map();
            Hint h = hint;
            long startSegment;
            long startOffset = 0;
            long startLines = 0;
            if (h != null && h.after() == after && map.containsKey(h.segment()) && h.segment() <= activeFirst) {
                startSegment = h.segment();
                startOffset = h.offset();
                startLines = h.lines();
            } else {
                Long floor = map.floorKey(after + 1);
                startSegment = floor != null ? floor : map.firstKey();
            }
            long last = after;
            Hint stop = null;
            for (Map.Entry<Long, Path> segment : map.tailMap(startSegment, true).entrySet()) {
                long first = segment.getKey();
                Long nextFirst = map.higherKey(first);
                if (first > activeFirst) {
                    break;
                }
                Path file = segment.getValue();
                String name = file.getFileName().toString();
                long offset = first == startSegment ? startOffset : 0;
                long lines = first == startSegment ? startLines : 0;
                long end = first == activeFirst ? activeBytes : Files.size(file);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.position(offset);
                    NdjsonEvents.LineReader reader = LINES.reader(
                            new Limited(Channels.newInputStream(ch), end - offset), offset, lines);
                    for (NdjsonEvents.Line line = reader.next(); line != null; line = reader.next()) {
                        if (!line.isEvent()) {
                            skipped.add(new JournalRead.SkippedLine(name, line.rejection()));
                            continue;
                        }
                        long seq = line.seq();
                        if (seq <= after) {
                            continue;
                        }
                        // a duplicate, a seq the journal never assigned, or one outside the range the segment's
                        // name gives (segment-N holds N up to the next segment's N): damage, not an event to deliver.
                        // Without the range check a damaged line claiming a later seq would hide the real events
                        // of the following segments.
                        if (seq <= last || seq > durableSeq || seq < first || (nextFirst != null && seq >= nextFirst)) {
                            skipped.add(new JournalRead.SkippedLine(name, new NdjsonEvents.Rejection(line.number(),
                                    line.offset(), NdjsonEvents.Reason.SEQ_OUT_OF_ORDER)));
                            continue;
                        }
                        events.add(line);
                        last = seq;
                        if (events.size() == limit) {
                            // stop right after this line: the hint must not pass a line nobody returned
                            break;
                        }
                    }
                    stop = new Hint(last, first, reader.offset(), reader.lines());
                }
                if (events.size() == limit) {
                    break;
                }
            }
            if (stop != null) {
                hint = stop;
            }
            return new JournalRead(events, skipped, after, durableSeq);
        } finally {
            index.lock().readLock().unlock();
        }
    }

    /** Reads at most {@code remaining} bytes: the durable part of the active segment, not what is being written. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
