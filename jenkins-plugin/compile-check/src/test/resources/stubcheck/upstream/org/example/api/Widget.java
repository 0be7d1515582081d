package org.example.api;

import java.io.IOException;
import java.util.List;

/** Planted upstream class: the real signatures the stubs must mirror. */
public abstract class Widget<T> implements Gadget, java.io.Serializable {
    public static final String NAME = "widget";
    protected int count;

    protected Widget(String id) throws IOException {
    }

    public Widget() {
    }

    public abstract List<T> items(String filter) throws IOException, InterruptedException;

    public final String id() {
        return "x";
    }

    public static Widget<?> of(String id) {
        return null;
    }

    protected void refresh() {
    }

    public static class Part {
        public void fit() throws IOException {
        }
    }

    public final class Handle {
    }
}
