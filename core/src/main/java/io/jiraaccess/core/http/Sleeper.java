package io.jiraaccess.core.http;

import java.time.Duration;

/** Waits between retries. Tests substitute one that records the waits instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
