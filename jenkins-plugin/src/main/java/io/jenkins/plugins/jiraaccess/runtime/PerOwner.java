package io.jenkins.plugins.jiraaccess.runtime;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One value per owner, the owner being the running Jenkins: {@link #get} makes the value for the current owner, and
 * a value left by an earlier owner (a Jenkins stopped and started again in the same JVM, as JenkinsRule tests do)
 * is closed and replaced, never reused. Plain, so the rule is tested without Jenkins.
 */
public final class PerOwner<O, V> {
    private final Function<O, V> factory;
    private final Consumer<V> closer;
    private O owner;
    private V value;

    public PerOwner(Function<O, V> factory, Consumer<V> closer) {
        this.factory = factory;
        this.closer = closer;
    }

    /** The value of {@code current}, made on first use. */
    public synchronized V get(O current) {
        if (value != null && owner != current) {
            V stale = value;
            value = null;
            owner = null;
            closer.accept(stale);
        }
        if (value == null) {
            value = factory.apply(current);
            owner = current;
        }
        return value;
    }

    /** Closes the current value, if any; the next {@link #get} makes a new one. */
    public synchronized void close() {
        if (value != null) {
            V v = value;
            value = null;
            owner = null;
            closer.accept(v);
        }
    }
}
