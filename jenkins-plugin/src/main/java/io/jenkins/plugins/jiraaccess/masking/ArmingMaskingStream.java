package io.jenkins.plugins.jiraaccess.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A build log that passes through untouched, byte for byte and without holding anything back, until masks are in
 * force for its build; from then on it is masked a line at a time ({@link BlockMasks#wrap}) until it is closed, also
 * after the block that brought the masks has ended (as credentials-binding's {@code SecretBuildWrapper} keeps masking
 * a freestyle log to its end). Output written before then held no secret: the secret was not bound yet. Plain, so it
 * is tested without Jenkins.
 */
public final class ArmingMaskingStream extends OutputStream {
    private final OutputStream out;
    private final Supplier<Optional<BoundMasks.Bound>> masks;
    private OutputStream masking;

    /** @param masks the masks in force for the build now, asked before each write until there are some */
    public ArmingMaskingStream(OutputStream out, Supplier<Optional<BoundMasks.Bound>> masks) {
        this.out = out;
        this.masks = masks;
    }

    private OutputStream target() {
        if (masking == null) {
            masks.get().ifPresent(b -> masking = b.masks().wrap(out, Charset.forName(b.charset())));
        }
        return masking == null ? out : masking;
    }

    @Override
    public void write(int b) throws IOException {
        target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        target().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        (masking == null ? out : masking).flush();
    }

    @Override
    public void close() throws IOException {
        (masking == null ? out : masking).close();
    }
}
