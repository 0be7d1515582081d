package io.example.store;

/** Planted: reading a page also acknowledges it, two calls down. */
public class Journal {
    public void page(long after) {
        settle(after);
    }

    private void settle(long after) {
        Segments.acknowledge(after);
    }

    public void reset() {
    }

    static final class Segments {
        static void acknowledge(long seq) {
        }
    }
}
