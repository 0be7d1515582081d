package io.jiraaccess.core.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a second JVM by {@link FileCredentialStoreTest}: takes a credential's lock in a store, says so on stdout,
 * and holds it until a line arrives on stdin. Appends its steps to a log file shared with the test.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String id = args[1];
        Path log = Path.of(args[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new FileCredentialStore(dir).withLock(id, () -> {
            try {
                append(log, "child-locked");
                System.out.println("LOCKED");
                System.out.flush();
                in.readLine();
                append(log, "child-releasing");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    static void append(Path log, String line) throws java.io.IOException {
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }
}
