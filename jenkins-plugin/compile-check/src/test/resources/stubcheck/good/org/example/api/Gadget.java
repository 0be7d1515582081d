package org.example.api;

public interface Gadget {
    public static final int LIMIT = 0;

    public abstract String name();

    default boolean ready() {
        throw new UnsupportedOperationException("stub");
    }

    static interface Listener {
        void changed();
    }
}
