/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/console/LineTransformationOutputStream.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package hudson.console;

import java.io.IOException;
import java.io.OutputStream;

public abstract class LineTransformationOutputStream extends OutputStream {
    protected abstract void eol(byte[] b, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public abstract static class Delegating extends LineTransformationOutputStream {
        protected final OutputStream out;

        protected Delegating(OutputStream out) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
