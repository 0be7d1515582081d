package io.jiraaccess.bench;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.core.token.TokenSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cached, fresh token looked up through {@link TokenBroker#token}: the cost every Bearer request pays. Sampled
 * per call for the median; the samples include the timer's own overhead (tens of nanoseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBrokerBench {
    private TokenBroker broker;
    private TokenBroker.Key key;
    private TokenSource source;

    @Setup
    public void setUp() {
        broker = new TokenBroker(TokenBroker.Settings.DEFAULT, Clock.systemUTC(), TokenBroker.Listener.NONE);
        key = new TokenBroker.Key("bench", "https://jira.example.com", "bench-credential", "0f");
        AccessToken token = new AccessToken(SecretValue.of("bench-access-token"), Instant.now().plus(Duration.ofHours(1)), List.of());
        source = () -> token;
        // some other credentials in the cache, as in a busy controller
        for (int i = 0; i < 100; i++) {
            broker.token(new TokenBroker.Key("bench", "https://jira.example.com", "other-" + i, "0f"), source);
        }
        broker.token(key, source);
    }

    @Benchmark
    public AccessToken cachedLookup() {
        return broker.token(key, source);
    }
}
