package io.jiraaccess.daemon.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls of shared sources as the polled side logged them (the simulator's request log, the Jenkins stand-ins'), read
 * from each request's {@code User-Agent}: a clustered daemon names its instance and the scheduler fire the request
 * belongs to. One fire's requests make one poll, from its first request's arrival to its last one's answer.
 */
public final class PollLog {
    private static final Pattern AGENT = Pattern.compile("^jira-access-daemon/\\S+ \\(instance ([^;]+); fire ([^)]+)\\)$");

    /** One request to a source, as logged. */
    public record Call(String source, Instant receivedAt, Instant answeredAt, String userAgent) {
    }

    /** One poll: the requests of one fire. */
    public record Poll(String source, String instance, String fire, Instant start, Instant end, int requests) {
    }

    private final List<Call> calls = new ArrayList<>();

    public PollLog add(Call call) {
        calls.add(call);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Requests whose User-Agent does not name a daemon instance and fire (none may reach a shared source). */
    public List<Call> unnamed() {
        return calls.stream().filter(c -> c.userAgent() == null || !AGENT.matcher(c.userAgent()).matches()).toList();
    }

    /** The polls, by source and start. */
    public List<Poll> polls() {
        Map<String, List<Call>> byFire = new LinkedHashMap<>();
        for (Call c : calls) {
            if (c.userAgent() != null && AGENT.matcher(c.userAgent()).matches()) {
                byFire.computeIfAbsent(c.source() + "\u0000" + c.userAgent(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Poll> out = new ArrayList<>();
        for (List<Call> fire : byFire.values()) {
            Matcher m = AGENT.matcher(fire.get(0).userAgent());
            m.matches();
            Instant start = fire.stream().map(Call::receivedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant end = fire.stream().map(Call::answeredAt).max(Comparator.naturalOrder()).orElseThrow();
            out.add(new Poll(fire.get(0).source(), m.group(1), m.group(2), start, end, fire.size()));
        }
        out.sort(Comparator.comparing(Poll::source).thenComparing(Poll::start));
        return out;
    }

    /** Every pair of polls of one source whose spans overlap: two daemons (or two fires) polling it at once. */
    public List<String> overlaps() {
        List<String> out = new ArrayList<>();
        List<Poll> polls = polls();
        for (int i = 0; i < polls.size(); i++) {
            for (int j = i + 1; j < polls.size() && polls.get(j).source().equals(polls.get(i).source()); j++) {
                Poll a = polls.get(i);
                Poll b = polls.get(j);
                if (b.start().isBefore(a.end())) {
                    out.add(a + " overlaps " + b);
                }
            }
        }
        return out;
    }

    /** How long after {@code t} the source was first polled (its first request to arrive at or after {@code t}). */
    public Optional<Duration> firstPollAfter(String source, Instant t) {
        return calls.stream().filter(c -> c.source().equals(source) && !c.receivedAt().isBefore(t))
                .map(c -> Duration.between(t, c.receivedAt())).min(Comparator.naturalOrder());
    }
}
