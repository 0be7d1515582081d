package io.jiraaccess.daemon.report;

import io.jiraaccess.daemon.cli.DaemonCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The report command's refusals: each names the problem and the fix, writes nothing and needs no Elasticsearch. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DaemonCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("daemon.yaml"), yaml);
    }

    @Test
    void aReversedPeriodIsAUsageError() throws Exception {
        Path report = dir.resolve("r.html");
        int code = run("report", "--config", config("state: { dir: state }\n").toString(), "--from", "2026-11-30",
                "--to", "2026-11-01", "--out", report.toString());
        assertEquals(2, code);
        assertThat(err.toString()).startsWith("the period is empty: --from 2026-11-30T00:00:00Z is not before --to "
                + "2026-11-02T00:00:00Z (a --to date includes that whole day)\n");
        assertFalse(Files.exists(report));
    }

    @Test
    void anUnreadableDateIsAUsageError() {
        int code = run("report", "--from", "last week", "--to", "2026-11-01", "--out", dir.resolve("r.html").toString());
        assertEquals(2, code);
        assertThat(err.toString()).startsWith("--from 'last week' is not a date: write 2026-11-01, 2026-11-01T08:00:00Z "
                + "or 2026-11-01T08:00:00+01:00\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        int code = run("report", "--from", "2026-11-01", "--to", "2026-11-30", "--out", dir.resolve("r.docx").toString(),
                "--format", "docx");
        assertEquals(2, code);
        assertThat(err.toString()).startsWith("--format must be html or pdf, not 'docx'\n");
    }

    @Test
    void withoutAnElasticsearchUrlOrLocalDataItSaysWhatToDo() throws Exception {
        Path cfg = config("state: { dir: state }\n");
        int code = run("report", "--config", cfg.toString(), "--from", "2026-11-01", "--to", "2026-11-30", "--out",
                dir.resolve("r.html").toString());
        assertEquals(2, code);
        assertEquals("audit-daemon: " + cfg + " has no elasticsearch.url and there is no local Elasticsearch data under "
                + dir.resolve("state/elasticsearch") + "; set elasticsearch.url, or run the daemon first so it has indexed "
                + "events\n", err.toString());
    }

    @Test
    void anUnreachableElasticsearchIsAConnectionErrorAndNoFileIsWritten() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path report = dir.resolve("r.html");
        int code = run("report", "--config", config("elasticsearch: { url: \"http://127.0.0.1:" + port + "\" }\n").toString(),
                "--from", "2026-11-01", "--to", "2026-11-30", "--out", report.toString());
        assertEquals(5, code);
        assertThat(err.toString()).startsWith("audit-daemon: cannot connect to Elasticsearch at http://127.0.0.1:" + port)
                .endsWith("; check elasticsearch.url in the configuration and that Elasticsearch is running\n");
        assertFalse(Files.exists(report));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the configuration: no report and no temporary file");
        }
    }

    @Test
    void anOutputDirectoryThatDoesNotExistIsRefusedBeforeAnyQuery() {
        int code = run("report", "--from", "2026-11-01", "--to", "2026-11-30", "--out", dir.resolve("nope/r.html").toString());
        assertEquals(2, code);
        assertThat(err.toString()).isEqualTo("audit-daemon: --out " + dir.resolve("nope/r.html") + ": directory "
                + dir.resolve("nope") + " does not exist\n");
    }
}
