package io.jiraaccess.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FileCredentialStoreTest {
    static final String PAT = "stored-pat-0123456789-ABCDEFGH";
    static final String NEXT = "next-pat-9876543210-ZYXWVUTS";

    @TempDir
    Path tmp;

    static CredentialState state(String pat, String id) {
        return CredentialState.EMPTY.with("pat.current.id", id).with("pat.current.expiresAt", "2026-01-01T00:00:00Z")
                .withSecret("pat.current", SecretValue.of(pat));
    }

    @Test
    void savedStateIsLoadedBack() {
        FileCredentialStore store = new FileCredentialStore(tmp.resolve("store"));
        store.save("ci", state(PAT, "101"));
        CredentialState loaded = store.load("ci").orElseThrow();
        assertEquals("101", loaded.attribute("pat.current.id"));
        assertEquals(PAT, loaded.secret("pat.current").reveal());
        assertEquals(Map.of("pat.current.id", "101", "pat.current.expiresAt", "2026-01-01T00:00:00Z"), loaded.attributes());
        assertTrue(store.load("other").isEmpty());
        assertNoSecret("state.toString()", loaded.toString(), PAT);
    }

    @Test
    void saveReplacesTheWholeFileAndLeavesNoTemporaryFile() throws Exception {
        Path dir = tmp.resolve("store");
        FileCredentialStore store = new FileCredentialStore(dir);
        store.save("ci", state(PAT, "101"));
        store.save("ci", state(NEXT, "102").with("rotation.step", "promoted"));
        CredentialState loaded = store.load("ci").orElseThrow();
        assertEquals(NEXT, loaded.secret("pat.current").reveal());
        assertEquals("promoted", loaded.attribute("rotation.step"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("ci.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // a reader of the file (another process) sees a complete JSON document
        assertEquals(NEXT, new ObjectMapper().readTree(dir.resolve("ci.json").toFile()).path("secrets").path("pat.current").asText());
        assertFalse(Files.readString(dir.resolve("ci.json")).contains(PAT), "old secret still in the file");
    }

    @Test
    void filesAreOwnerOnlyAndTheCreatedDirectoryToo() throws Exception {
        Path dir = tmp.resolve("a").resolve("store");
        FileCredentialStore store = new FileCredentialStore(dir);
        store.save("ci", state(PAT, "1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ci.json"))));
        // a file made wider by someone is narrowed again on the next save
        Files.setPosixFilePermissions(dir.resolve("ci.json"), PosixFilePermissions.fromString("rw-r--r--"));
        store.save("ci", state(NEXT, "2"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ci.json"))));
        store.withLock("ci", () -> null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".ci.lock"))));
    }

    @Test
    void corruptFileIsReportedWithoutItsContent() throws Exception {
        Path dir = tmp.resolve("store");
        FileCredentialStore store = new FileCredentialStore(dir);
        Files.writeString(dir.resolve("ci.json"), "{\"secrets\": {\"pat.current\": \"" + PAT + "\"");
        StoreException e = assertThrows(StoreException.class, () -> store.load("ci"));
        assertEquals("credential store file " + dir.resolve("ci.json") + " is corrupt; restore it from a backup or delete it "
                + "and re-enter the credential", e.getMessage());
        assertEquals(null, e.getCause());
        assertNoSecret("error message", e.getMessage(), PAT);

        Files.writeString(dir.resolve("ci.json"), "{\"secrets\": {\"pat.current\": \"\"}}");
        assertThrows(StoreException.class, () -> store.load("ci"));
    }

    @Test
    @SuppressWarnings("try")
    void readOnlyDirectoryRefusesTheSaveAndKeepsThePreviousState() throws Exception {
        Path dir = tmp.resolve("store");
        FileCredentialStore store = new FileCredentialStore(dir);
        store.save("ci", state(PAT, "101"));
        try (ReadOnly ignored = ReadOnly.make(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> store.save("ci", state(NEXT, "102")));
            assertTrue(e.getMessage().startsWith("credential ci: state cannot be written to " + dir + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("the previous state is kept; free disk space or fix permissions"), e.getMessage());
            assertNoSecret("error message", e.getMessage(), PAT, NEXT);
            assertEquals(PAT, store.load("ci").orElseThrow().secret("pat.current").reveal());
        }
        assertEquals(PAT, new FileCredentialStore(dir).load("ci").orElseThrow().secret("pat.current").reveal());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("ci.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void uncreatableDirectoryNamesTheFix() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        StoreException e = assertThrows(StoreException.class, () -> new FileCredentialStore(file.resolve("store")));
        assertTrue(e.getMessage().startsWith("credential store " + file.resolve("store") + " cannot be created"), e.getMessage());
        assertTrue(e.getMessage().endsWith("choose a writable --store directory"), e.getMessage());
    }

    @Test
    void idsListCredentialsAndDeleteRemovesOne() {
        FileCredentialStore store = new FileCredentialStore(tmp.resolve("store"));
        store.save("b", state(PAT, "1"));
        store.save("a", state(PAT, "1"));
        store.withLock("a", () -> null);
        assertEquals(List.of("a", "b"), store.ids());
        store.delete("a");
        store.delete("never-saved");
        assertEquals(List.of("b"), store.ids());
        assertTrue(store.load("a").isEmpty());
    }

    @Test
    void idsThatCannotNameAFileAreRefused() {
        FileCredentialStore store = new FileCredentialStore(tmp.resolve("store"));
        for (String bad : new String[] {"../escape", "a/b", ".hidden", "", "x y"}) {
            StoreException e = assertThrows(StoreException.class, () -> store.load(bad));
            assertTrue(e.getMessage().contains("cannot name a store file"), e.getMessage());
        }
    }

    @Test
    void lockIsReentrantInOneThread() {
        FileCredentialStore store = new FileCredentialStore(tmp.resolve("store"));
        String result = store.withLock("ci", () -> store.withLock("ci", () -> "inner"));
        assertEquals("inner", result);
    }

    @Test
    void twoStoreInstancesOnOneDirectoryExcludeEachOtherInOneJvm() throws Exception {
        Path dir = tmp.resolve("store");
        FileCredentialStore first = new FileCredentialStore(dir);
        FileCredentialStore second = new FileCredentialStore(dir);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                FileCredentialStore s = i % 2 == 0 ? first : second;
                futures.add(pool.submit(() -> s.withLock("ci", () -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.yield();
                    inside.decrementAndGet();
                    return null;
                })));
            }
            for (Future<Object> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, maxInside.get());
    }

    @Test
    void lockExcludesASecondProcess() throws Exception {
        Path dir = tmp.resolve("store");
        FileCredentialStore store = new FileCredentialStore(dir);
        Path log = tmp.resolve("order.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                dir.toString(), "ci", log.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("LOCKED", out.readLine());

            CountDownLatch entered = new CountDownLatch(1);
            Future<?> parent = pool.submit(() -> store.withLock("ci", () -> {
                try {
                    LockHolderMain.append(log, "parent-locked");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                entered.countDown();
                return null;
            }));
            // the child holds the lock: the parent must not get in while it does
            assertFalse(entered.await(700, TimeUnit.MILLISECONDS), "parent entered while the child held the lock");

            Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            in.write("release\n");
            in.flush();
            assertTrue(entered.await(30, TimeUnit.SECONDS), "parent never got the lock after the child released it");
            parent.get(30, TimeUnit.SECONDS);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
            assertEquals(List.of("child-locked", "child-releasing", "parent-locked"), Files.readAllLines(log));
        } finally {
            pool.shutdownNow();
            child.destroyForcibly();
        }
    }

    /** Makes a directory unwritable, even for root (who ignores permission bits): chattr +i where possible. */
    record ReadOnly(Path dir, boolean immutable) implements AutoCloseable {
        static ReadOnly make(Path dir) throws Exception {
            if (!"root".equals(System.getProperty("user.name"))) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
                return new ReadOnly(dir, false);
            }
            Process p = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
            boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            assumeTrue(ok, "running as root on a file system without chattr +i: cannot make a directory read-only");
            return new ReadOnly(dir, true);
        }

        @Override
        public void close() throws java.io.IOException {
            if (immutable) {
                try {
                    new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.IOException("interrupted while making " + dir + " writable again", e);
                }
            } else {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void unwritableLockDirectoryGivesAStoreException() throws Exception {
        Path dir = tmp.resolve("store");
        FileCredentialStore store = new FileCredentialStore(dir);
        try (ReadOnly ignored = ReadOnly.make(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> store.withLock("ci", () -> null));
            assertTrue(e.getMessage().startsWith("credential ci: cannot lock " + dir.resolve(".ci.lock")), e.getMessage());
            assertTrue(e.getMessage().endsWith("check the store directory's permissions"), e.getMessage());
        }
        Files.writeString(dir.resolve("probe"), "writable again", StandardOpenOption.CREATE);
    }
}
