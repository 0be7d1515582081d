package io.example.store;

import java.util.List;

/** Planted: page reads; acknowledge changes state, reached only from the POST. */
public class Journal {
    public List<String> page(long after) {
        return List.of("event after " + after);
    }

    public void acknowledge(long seq) {
        Segments.acknowledge(seq);
    }

    static final class Segments {
        static void acknowledge(long seq) {
        }
    }
}
