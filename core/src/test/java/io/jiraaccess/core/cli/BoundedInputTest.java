package io.jiraaccess.core.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 8 of issue 14: whatever the CLI is told to read (a credential file, a secret file, a request body) may be a
 * device, a FIFO fed without end or a pipe: it is read up to a limit and refused past it with exit 2 and one line,
 * never read until memory runs out. Nothing is sent: the site is a port nobody listens on.
 */
class BoundedInputTest {
    private static final String PAT = "pat-bounded-0123456789abcdef";

    @TempDir
    Path tmp;
    private Thread feeder;

    record Run(int exit, String err) {
    }

    @AfterEach
    void stopFeeder() throws InterruptedException {
        if (feeder != null) {
            feeder.interrupt();
            feeder.join(10_000);
        }
    }

    private Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JiraAccessCli.run(new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stdin,
                Map.of("JIRA_PAT", PAT, "JIRA_ACCESS_SERVICE_NAME", "bounded-test")), args);
        Run r = new Run(exit, err.toString(StandardCharsets.UTF_8));
        assertNoSecret("stderr", r.err(), PAT);
        assertEquals(0, out.size(), "nothing was printed on stdout");
        return r;
    }

    private static void assertOneLine(Run r, String expectedStart) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith(expectedStart), r.err());
        assertEquals(1, r.err().split("\n", -1).length - 1, "one line: " + r.err());
    }

    private Path credential(String token) throws IOException {
        return Files.writeString(tmp.resolve("ci.yaml"), "kind: pat\nid: ci\nsite: http://127.0.0.1:9\ntoken: " + token + "\n");
    }

    /** A FIFO that a thread fills with zeros until the reader goes away. */
    private Path endlessFifo() throws Exception {
        Path fifo = tmp.resolve("endless.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        feeder = new Thread(() -> {
            byte[] zeros = new byte[64 * 1024];
            try (OutputStream o = Files.newOutputStream(fifo)) {
                while (!Thread.currentThread().isInterrupted()) {
                    o.write(zeros);
                }
            } catch (IOException readerClosed) {
                // the reader stopped at its limit and closed the FIFO: done
            }
        }, "fifo-feeder");
        feeder.setDaemon(true);
        feeder.start();
        return fifo;
    }

    private static InputStream endlessZeros() {
        return new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
    }

    @Test
    void aCredentialFileThatIsADeviceIsRefused() {
        assertOneLine(run(InputStream.nullInputStream(), "request", "--credential", "/dev/zero", "--path", "/rest/api/2/myself"),
                "jira-access: /dev/zero: credential file is larger than 65536 bytes");
        assertOneLine(run(InputStream.nullInputStream(), "header", "--credential", "/dev/zero"),
                "jira-access: /dev/zero: credential file is larger than 65536 bytes");
    }

    @Test
    void aCredentialFileThatIsAnEndlessFifoIsRefused() throws Exception {
        Path fifo = endlessFifo();
        assertOneLine(run(InputStream.nullInputStream(), "request", "--credential", fifo.toString(), "--path", "/x"),
                "jira-access: " + fifo + ": credential file is larger than 65536 bytes");
    }

    @Test
    void aSecretFileThatIsADeviceOrAnEndlessFifoIsRefused() throws Exception {
        assertOneLine(run(InputStream.nullInputStream(), "request", "--credential",
                credential("${file:/dev/zero}").toString(), "--path", "/x"),
                "jira-access: " + tmp.resolve("ci.yaml") + ": token: secret file /dev/zero is larger than 65536 bytes");
        Path fifo = endlessFifo();
        assertOneLine(run(InputStream.nullInputStream(), "request", "--credential",
                credential("${file:" + fifo + "}").toString(), "--path", "/x"),
                "jira-access: " + tmp.resolve("ci.yaml") + ": token: secret file " + fifo + " is larger than 65536 bytes");
    }

    @Test
    void aRequestBodyFromADeviceAFifoOrEndlessStdinIsRefused() throws Exception {
        String cred = credential("${env:JIRA_PAT}").toString();
        assertOneLine(run(InputStream.nullInputStream(), "request", "--credential", cred, "--method", "POST",
                "--path", "/rest/api/2/issue", "--data", "@/dev/zero"),
                "jira-access: --data: file /dev/zero is larger than 16777216 bytes");
        Path fifo = endlessFifo();
        assertOneLine(run(InputStream.nullInputStream(), "request", "--credential", cred, "--method", "POST",
                "--path", "/rest/api/2/issue", "--data", "@" + fifo),
                "jira-access: --data: file " + fifo + " is larger than 16777216 bytes");
        assertOneLine(run(endlessZeros(), "request", "--credential", cred, "--method", "POST",
                "--path", "/rest/api/2/issue", "--data", "@-"),
                "jira-access: --data @-: standard input holds more than 16777216 bytes");
    }
}
