package org.example.api;

/** Planted upstream interface: members public, methods without body abstract, fields static final. */
public interface Gadget {
    int LIMIT = 3;

    String name();

    default boolean ready() {
        return true;
    }

    interface Listener {
        void changed();
    }
}
