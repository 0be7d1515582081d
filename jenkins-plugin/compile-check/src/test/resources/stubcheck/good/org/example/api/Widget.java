package org.example.api;

import java.io.IOException;
import java.util.List;

public abstract class Widget<T> implements Gadget {
    public static final String NAME = null;

    protected Widget(String id) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public abstract List<T> items(String filter) throws InterruptedException, java.io.IOException;

    public final String id() {
        throw new UnsupportedOperationException("stub");
    }

    public static Widget<?> of(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public static class Part {
        public void fit() throws IOException {
            throw new UnsupportedOperationException("stub");
        }
    }
}
