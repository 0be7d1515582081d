package io.jiraaccess.core.binding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Console output with a {@link ConsoleMasker} applied a line at a time: what a CI's log filter wraps around a build's
 * log. Lines end where Jenkins' {@code LineTransformationOutputStream} (jenkins-2.479.3) ends them, so a filter built
 * on this stream sees the lines a Jenkins filter would: after {@code \n}, and at a {@code \r} that no {@code \n}
 * follows (a progress display). Each line is decoded in the build's charset; a line with nothing to hide is written
 * as the bytes that came, never re-encoded. A partial line is held until it ends, since a secret may still be coming:
 * {@link #flush} does not write it, {@link #close} does (masked) before closing the stream underneath.
 */
public final class MaskingOutputStream extends OutputStream {
    private final OutputStream out;
    private final ConsoleMasker.Lines lines;
    private final Charset charset;
    /** Above this, a line's buffer is not kept for the next line (as Jenkins' own line stream does). */
    private static final int KEPT_BUFFER = 4096;

    private Buffer line = new Buffer();
    private boolean sawCR;

    public MaskingOutputStream(OutputStream out, ConsoleMasker masker, Charset charset) {
        this.out = Objects.requireNonNull(out, "out");
        this.lines = masker.lines();
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    @Override
    public void write(int b) throws IOException {
        if (sawCR && b != '\n') {
            endLine();
        }
        line.write(b);
        if (b == '\n') {
            endLine();
        } else if (b == '\r') {
            sawCR = true;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte x = b[i];
            if (sawCR && x != '\n') {
                line.write(b, start, i - start);
                start = i;
                endLine();
            }
            if (x == '\n') {
                line.write(b, start, i + 1 - start);
                start = i + 1;
                endLine();
            } else if (x == '\r') {
                sawCR = true;
            }
        }
        line.write(b, start, end - start);
    }

    private void endLine() throws IOException {
        String text = new String(line.bytes(), 0, line.size(), charset);
        String masked = lines.mask(text);
        if (masked.equals(text)) {
            out.write(line.bytes(), 0, line.size());
        } else {
            out.write(masked.getBytes(charset));
        }
        if (line.size() > KEPT_BUFFER) {
            line = new Buffer();
        } else {
            line.reset();
        }
        sawCR = false;
    }

    /** Flushes what was written of complete lines; a partial line stays held. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (line.size() > 0) {
                endLine();
            }
        } finally {
            out.close();
        }
    }

    /** A byte buffer whose array can be read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }
}
