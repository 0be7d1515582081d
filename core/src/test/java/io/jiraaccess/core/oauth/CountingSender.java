package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPResponse;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the token requests that leave this process, and can run a hook before each (to hold a request back). */
final class CountingSender implements HTTPRequestSender {
    private final HTTPRequestSender delegate;
    private final AtomicInteger count = new AtomicInteger();
    private volatile Runnable beforeSend = () -> { };

    CountingSender(HTTPRequestSender delegate) {
        this.delegate = delegate;
    }

    int count() {
        return count.get();
    }

    void beforeSend(Runnable hook) {
        this.beforeSend = hook;
    }

    @Override
    public ReadOnlyHTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
        count.incrementAndGet();
        beforeSend.run();
        return delegate.send(request);
    }
}
