package io.jenkins.plugins.jiraaccess.masking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A freestyle build's log (FreestyleMasking): Jenkins applies the filter when the build starts, before
 * credentials-binding's SecretBuildWrapper binds, so the stream waits for the build's masks and leaves every other
 * build's log exactly as it was, nothing held back.
 */
class ArmingMaskingStreamTest {
    private static final String SECRET = "freestyle-secret-0123456789";

    private final BoundMasks bound = new BoundMasks();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final ArmingMaskingStream log = new ArmingMaskingStream(sink,
            () -> bound.isEmpty() ? Optional.empty() : bound.of("free#3"));

    private String written() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void beforeAnyMasksEveryByteGoesThroughAtOnceEvenWithoutANewline() throws IOException {
        log.write("Started by user admin\nBuilding on agent".getBytes(StandardCharsets.UTF_8));
        log.write('.');

        assertEquals("Started by user admin\nBuilding on agent.", written());
        bound.put("other#1", "k", new BlockMasks(List.of(SECRET), List.of()), "UTF-8");
        log.write((" " + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("Started by user admin\nBuilding on agent. " + SECRET + "\n", written(),
                "another build's masks do not apply");
    }

    @Test
    void onceTheBuildsMasksAreInForceItsLogIsMaskedToTheEnd() throws IOException {
        log.write("before\n".getBytes(StandardCharsets.UTF_8));
        bound.put("free#3", "k", new BlockMasks(List.of(SECRET), List.of()), "UTF-8");
        log.write(("token " + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        // the wrapper's tear-down unbinds; publishers that run after it still print into the same log
        bound.remove("free#3", "k");
        log.write(("after " + SECRET + "\nlast " + SECRET).getBytes(StandardCharsets.UTF_8));
        log.close();

        assertEquals("before\ntoken ****\nafter ****\nlast ****", written());
    }
}
