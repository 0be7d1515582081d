package io.jiraaccess.core.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Scans of a line's bytes that {@link NdjsonEvents} makes before any JSON parser sees them. */
final class LineBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private LineBytes() {
    }

    /** Whether {@code b} is valid UTF-8: ASCII checked eight bytes at a time, anything else by the JDK's decoder. */
    static boolean isUtf8(byte[] b) {
        if (ascii(b)) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether every byte is below 0x80, eight at a time. */
    static boolean ascii(byte[] bytes) {
        int i = 0;
        for (int n = bytes.length - 7; i < n; i += 8) {
            if (((long) LONGS.get(bytes, i) & 0x8080_8080_8080_8080L) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Counts bracket depth outside strings, so a deeply nested line is refused before any parser recurses. */
    static boolean deeperThan(byte[] b, int off, int len, int max) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }

    static boolean blank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

}
