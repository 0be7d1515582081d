package org.example.api;

import java.io.IOException;
import java.util.List;

public class Widget<T> implements Gadget, Comparable<Widget<T>> {
    public static String NAME = null;
    public int count;

    public Widget(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public abstract List<T> items(String filter) throws IOException;

    public String id() {
        throw new UnsupportedOperationException("stub");
    }

    public Widget<?> of(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public void refresh() {
        throw new UnsupportedOperationException("stub");
    }

    public Object items(int limit) {
        throw new UnsupportedOperationException("stub");
    }

    public class Part {
        public void fit() {
            throw new UnsupportedOperationException("stub");
        }
    }

    public class Handle {
    }
}
