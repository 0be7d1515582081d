package org.example.api;

public abstract class Gadget {
    public abstract String name() throws Exception;

    public abstract boolean ready();
}
