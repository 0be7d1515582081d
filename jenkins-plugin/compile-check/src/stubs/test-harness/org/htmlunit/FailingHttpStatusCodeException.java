/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.htmlunit:htmlunit:5.0.0 (what jenkins-test-harness-htmlunit 231.vd1867a_e80826, the test harness's, packages),
 * HtmlUnit/htmlunit tag 5.0.0 (commit 51cf1255e0e42a047cee73dc2928a1c958bb87d6),
 * src/main/java/org/htmlunit/FailingHttpStatusCodeException.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.htmlunit;

public class FailingHttpStatusCodeException extends RuntimeException {
    public int getStatusCode() {
        throw new UnsupportedOperationException("stub");
    }
}
