package io.jiraaccess.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files (and streams) that a user names, never more than a limit: a device ({@code /dev/zero}), a pipe or a
 * FIFO fed without end, or a huge file is refused once the limit is passed, instead of being read until memory runs
 * out. Their size cannot be asked beforehand, so the limit applies to what is read.
 */
public final class BoundedFiles {

    /** The file or stream held more than {@link #limit()} bytes. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final int limit;

        TooLarge(int limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }

    private BoundedFiles() {
    }

    /** At most {@code maxBytes} of {@code file}; {@link TooLarge} when there is more. */
    public static byte[] read(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes);
        }
    }

    /** At most {@code maxBytes} of {@code in}; {@link TooLarge} when there is more. Does not close {@code in}. */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        return bytes;
    }

    /** Strict UTF-8: a byte sequence that is not UTF-8 is refused, not replaced. */
    public static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
