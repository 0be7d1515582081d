package io.jiraaccess.bench.ingest;

import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;
import io.jiraaccess.daemon.index.IndexTemplateSource;
import io.jiraaccess.daemon.index.TemplateInstaller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Elasticsearch a bench writes to: the one at {@code --es-url}, or a local node started from the distribution
 * the build unpacked, in a fresh directory under the benchmarks' target directory, stopped on close. The data
 * contract's templates are installed, as the daemon installs them at start.
 */
public final class BenchElasticsearch implements AutoCloseable {
    private final LocalElasticsearch local;
    private final ElasticsearchHttp http;

    private BenchElasticsearch(LocalElasticsearch local, URI url) {
        this.local = local;
        this.http = new ElasticsearchHttp(url);
    }

    public static BenchElasticsearch open(URI url, Path runDir, int heapMegabytes) {
        LocalElasticsearch local = null;
        if (url == null) {
            deleteTree(runDir);
            System.out.println("starting a local Elasticsearch " + LocalElasticsearch.VERSION + " (heap " + heapMegabytes
                    + " MB) in " + runDir);
            local = LocalElasticsearch.builder().runDir(runDir).heapMegabytes(heapMegabytes).start();
            url = local.url();
        }
        try (ElasticsearchConnection c = ElasticsearchConnection.open(url, null, null)) {
            new TemplateInstaller(c, IndexTemplateSource.standard()).ensureInstalled();
        } catch (RuntimeException e) {
            if (local != null) {
                local.close();
            }
            throw e;
        }
        return new BenchElasticsearch(local, url);
    }

    public ElasticsearchHttp http() {
        return http;
    }

    public URI url() {
        return http.url();
    }

    /** "local node" or the URL given. */
    public String describe() {
        return local != null ? "a local single-node Elasticsearch " + LocalElasticsearch.VERSION + " started by the bench"
                : "Elasticsearch at " + url();
    }

    /** Deletes every Jira Access index (events, dead letter, cursors, credentials); templates stay. */
    public void deleteJiraAccessIndices() {
        http.deleteIndices("jira-access-");
    }

    /**
     * Deletes the daily event indices and the dead-letter index, so that a run's count starts from zero; the
     * credentials index stays, as it does for a running daemon (one document per credential, updated in place).
     */
    public void deleteEventIndices() {
        http.deleteIndices(io.jiraaccess.daemon.index.IndexNames.EVENTS_PREFIX);
        http.deleteIndices(io.jiraaccess.daemon.index.IndexNames.DEAD_LETTER);
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
