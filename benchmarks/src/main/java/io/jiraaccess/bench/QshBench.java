package io.jiraaccess.bench;

import io.jiraaccess.core.connect.Qsh;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** The qsh of a typical Jira search request: parse, decode, sort, encode, SHA-256. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QshBench {
    /** A realistic request: an encoded JQL query, a repeated parameter, a context path. */
    static final String TARGET = "/jira/rest/api/2/search?jql=project%20%3D%20OPS%20AND%20status%20%3D%20%22In%20Progress%22"
            + "&fields=summary&fields=status&fields=assignee&startAt=0&maxResults=50";
    static final String CONTEXT_PATH = "/jira";

    @Benchmark
    public String qsh() {
        return Qsh.qsh("GET", TARGET, CONTEXT_PATH);
    }
}
