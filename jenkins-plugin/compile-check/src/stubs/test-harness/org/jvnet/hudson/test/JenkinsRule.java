/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-test-harness:2573.vd91b_8a_43e019 (the version plugin parent 6.2211 pins),
 * jenkinsci/jenkins-test-harness tag 2573.vd91b_8a_43e019 (commit d91b8a43e019bb2cb037b273f63ffdec50a0d60c),
 * src/main/java/org/jvnet/hudson/test/JenkinsRule.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jvnet.hudson.test;

import hudson.model.FreeStyleProject;
import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.net.URL;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.xml.sax.SAXException;

public class JenkinsRule {
    public Jenkins jenkins;

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public FreeStyleProject createFreeStyleProject() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public DumbSlave createOnlineSlave() throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public DumbSlave createOnlineSlave(Label l) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("stub");
    }

    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertStatus(Result status, J job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertSuccess(J job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException("stub");
    }

    public class WebClient extends org.htmlunit.WebClient {
        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public void setThrowExceptionOnFailingStatusCode(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage goTo(String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public Page goTo(String relative, String expectedContentType) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public void assertFails(String url, int statusCode) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public WebRequest addCrumb(WebRequest req) {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient withBasicApiToken(String userId) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
