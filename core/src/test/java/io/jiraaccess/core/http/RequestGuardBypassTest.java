package io.jiraaccess.core.http;

import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard tried as an attacker would (issue 14): every way around {@code allow: {projects: [DEMO]}} that was
 * reproduced against the simulator, and their relatives. A credential limited to project DEMO, read and write, on a
 * site at the root ({@code https://jira.example.com}).
 */
class RequestGuardBypassTest {
    static final URI SITE = URI.create("https://jira.example.com");
    static final RequestGuard DEMO = guard(SITE, new AllowPolicy(List.of(), List.of("DEMO"),
            EnumSet.of(Operation.READ, Operation.WRITE)));
    static final RequestGuard DEMO_READ = guard(SITE, new AllowPolicy(List.of(), List.of("DEMO"), EnumSet.of(Operation.READ)));

    static RequestGuard guard(URI site, AllowPolicy allow) {
        return new RequestGuard(new PatSpec(new CredentialSpec.Common("ci", site, null, null, null, allow),
                SecretValue.of("pat-value-0123456789"), null));
    }

    /** Finding 1 and its relatives: Tomcat decodes once before routing, so the guard judges the decoded path. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // as reported: an encoded version digit or letter of the prefix
            "GET    | /rest/api/%32/issue/OPS-1                     | -  | allow.projects",
            "GET    | /r%65st/api/2/issue/SEC-1                     | -  | allow.projects",
            "GET    | /%72%65%73%74/%61%70%69/2/issue/OPS-1         | -  | allow.projects",
            "GET    | /rest/api/2/%69ssue/OPS-1                     | -  | allow.projects",
            "GET    | /rest/api/2/issue/%4FPS-1                     | -  | allow.projects",
            "GET    | /rest/api/2/issue/%6fps-1                     | -  | allow.projects",
            "POST   | /rest/api/%32/issue                           | {\"fields\":{\"project\":{\"key\":\"OPS\"}}} | allow.projects",
            // the same, aimed at DEMO: decoded, it is an ordinary allowed request
            "GET    | /rest/api/%32/issue/DEMO-1                    | -  | allow",
            "GET    | /r%65st/api/2/issue/%44EMO-1                  | -  | allow",
            // encoded separators: Tomcat refuses %2F and %5C (400), the guard does not send them
            "GET    | /rest/api/2/issue%2FOPS-1                     | -  | allow.projects",
            "GET    | /rest/api/2/issue%2fDEMO-1                    | -  | allow.projects",
            "GET    | /rest/api/2/issue/DEMO-1%5C..%5C..%5COPS-1    | -  | allow.projects",
            "GET    | /rest/api/2/issue/DEMO-1%00                   | -  | allow.projects",
            // dot segments, plain and encoded; path parameters; merged slashes: refused, Jira's layers may disagree
            "GET    | /rest/api/2/issue/DEMO-1/../OPS-1             | -  | allow.projects",
            "GET    | /rest/api/2/issue/OPS-1/../DEMO-1             | -  | allow.projects",
            "GET    | /rest/api/2/issue/OPS-1/%2e%2e/DEMO-1         | -  | allow.projects",
            "GET    | /rest/api/2/issue/OPS-1/.%2E/DEMO-1           | -  | allow.projects",
            "GET    | /rest/api/2/myself/..;/issue/OPS-1            | -  | allow.projects",
            "GET    | /rest/api/2/issue/DEMO-1;x=OPS-1              | -  | allow.projects",
            "GET    | /rest/api/2/issue/./DEMO-1                    | -  | allow.projects",
            "GET    | /rest/api/2//issue/DEMO-1                     | -  | allow.projects",
            "GET    | //rest/api/2/issue/DEMO-1                     | -  | allow.projects",
            "GET    | /rest/api/2/issue/DEMO-1%3Bx                  | -  | allow.projects",
            // case: Jira's REST paths are case-sensitive, so another case is not a known endpoint
            "GET    | /REST/api/2/issue/OPS-1                       | -  | allow.projects",
            "GET    | /rest/API/2/myself                            | -  | allow.projects",
            "GET    | /rest/api/2/Issue/DEMO-1                      | -  | allow.projects",
            "GET    | /rest/api/2/issue/demo-1                      | -  | allow",
            "GET    | /rest/api/2/issue/ops-1                       | -  | allow.projects",
            // non-ASCII look-alikes: the long s and dotless i upper-case to ASCII in Java, never keys here
            "GET    | /rest/api/2/issue/OP%C5%BF-1                  | -  | allow.projects",
            "GET    | /rest/api/2/issue/OP\u017F-1                  | -  | allow.projects",
            "GET    | /rest/api/2/search?jql=project%3DOP%E2%84%AAS | -  | allow.projects",
    })
    void encodedPathsAreJudgedAsJiraReadsThem(String method, String path, String body, String expected) {
        RequestGuard.Decision d = DEMO.decide(method, URI.create("https://jira.example.com" + path), body);
        assertEquals(expected, d.allowed() ? "allow" : d.rule(), () -> String.valueOf(d.message()));
    }

    /** Finding 3: deny by default. Unknown forms are refused; the known families are understood and checked. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET    | /ex/jira/5c1a4d2e-7b3f-4e89-9a61-0f2d3c4b5a69/rest/api/2/issue/OPS-1  | -  | allow.projects",
            "GET    | /ex/jira/5c1a4d2e-7b3f-4e89-9a61-0f2d3c4b5a69/rest/api/2/issue/DEMO-1 | -  | allow.projects",
            "GET    | /si/jira.issueviews:issue-xml/OPS-1/OPS-1.xml                         | -  | allow.projects",
            "GET    | /browse/OPS-1                                                         | -  | allow.projects",
            "GET    | /browse/DEMO-1                                                        | -  | allow.projects",
            "GET    | /secure/QuickSearch.jspa?searchString=OPS-1                           | -  | allow.projects",
            "GET    | /rest/servicedeskapi/request/OPS-1                                    | -  | allow.projects",
            "GET    | /rest/servicedeskapi/request/DEMO-1                                   | -  | allow",
            "POST   | /rest/servicedeskapi/request/DEMO-1/comment                           | {\"body\":\"x\"} | allow",
            "GET    | /rest/servicedeskapi/servicedesk/3/queue                              | -  | allow.projects",
            "GET    | /rest/servicedeskapi/request                                          | -  | allow.projects",
            "GET    | /rest/agile/1.0/issue/OPS-1                                           | -  | allow.projects",
            "GET    | /rest/agile/1.0/issue/DEMO-1                                          | -  | allow",
            "GET    | /rest/agile/1.0/board/7/issue                                         | -  | allow.projects",
            "GET    | /rest/agile/1.0/epic/OPS-3/issue                                      | -  | allow.projects",
            "GET    | /rest/api/2/issue/picker?query=x                                      | -  | allow.projects",
            "GET    | /rest/api/2/issue/10001                                               | -  | allow.projects",
            "GET    | /rest/api/2/project/10001                                             | -  | allow.projects",
            "GET    | /rest/api/2/project                                                   | -  | allow.projects",
            "GET    | /rest/api/2/user/search?username=x                                    | -  | allow.projects",
            "GET    | /rest/api/2/auditing/record                                           | -  | allow.projects",
            "GET    | /rest/api/2/myself                                                    | -  | allow",
            "GET    | /rest/api/3/serverInfo                                                | -  | allow",
            "GET    | /rest/api/2/field                                                     | -  | allow",
            "GET    | /rest/api/2/status/10000                                              | -  | allow",
            "GET    | /rest/api/2/priority                                                  | -  | allow",
            "GET    | /rest/api/2/field/customfield_1/context                               | -  | allow.projects",
            "GET    | /rest/pat/latest/tokens                                               | -  | allow",
            "GET    | /                                                                     | -  | allow.projects",
            "GET    | /rest/api/2                                                           | -  | allow.projects",
    })
    void onlyAttributableOrProjectFreeRequestsAreSent(String method, String path, String body, String expected) {
        RequestGuard.Decision d = DEMO.decide(method, URI.create("https://jira.example.com" + path), body);
        assertEquals(expected, d.allowed() ? "allow" : d.rule(), () -> String.valueOf(d.message()));
        if (!d.allowed()) {
            String shown = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            assertTrue(d.message().startsWith("credential ci: " + method + " " + shown + " "), d.message());
        }
    }

    /** Finding 10: every project reference is judged, whatever parameter, however often, key and id alike. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET  | /rest/api/2/issue/createmeta?projectKeys=DEMO&projectIds=10001            | -  | allow.projects",
            "GET  | /rest/api/2/issue/createmeta?projectKeys=DEMO&projectKeys=OPS             | -  | allow.projects",
            "GET  | /rest/api/2/issue/createmeta?projectKeys=DEMO,OPS                         | -  | allow.projects",
            "GET  | /rest/api/2/issue/createmeta?projectKeys=DEMO                             | -  | allow",
            "GET  | /rest/api/2/issue/createmeta?projectIds=10000                             | -  | allow.projects",
            "GET  | /rest/api/2/issue/createmeta?project%4Beys=OPS&projectKeys=DEMO           | -  | allow.projects",
            "GET  | /rest/api/2/issue/createmeta/OPS/issuetypes                               | -  | allow.projects",
            "GET  | /rest/api/2/issue/createmeta/DEMO/issuetypes                              | -  | allow",
            "GET  | /rest/api/2/issue/DEMO-1?projectKey=OPS                                   | -  | allow.projects",
            "GET  | /rest/api/2/myself?issueKey=OPS-1                                         | -  | allow.projects",
            "GET  | /rest/api/2/search?jql=project%3DDEMO&jql=project%3DOPS                   | -  | allow.projects",
            "GET  | /rest/api/2/search?jql=project%3DDEMO&jql=project%3DDEMO                  | -  | allow",
            "GET  | /rest/api/2/search?jql=project%3D10001                                    | -  | allow.projects",
            "GET  | /rest/api/2/search?jql=project+%3D+DEMO+OR+project+%3D+OPS                | -  | allow.projects",
            "GET  | /rest/api/2/search?jql=project+in+(DEMO)+AND+status%3DOpen                | -  | allow",
            "GET  | /rest/api/2/search?jql=project%3DDEMO&x=%C3%28                           | -  | allow.projects",
            "POST | /rest/api/2/search?jql=project%3DOPS                                      | {\"jql\":\"project = DEMO\"} | allow.projects",
            "POST | /rest/api/2/search                                                        | {\"jql\":\"project = DEMO\",\"jql\":\"project = OPS\"} | allow.projects",
            "POST | /rest/api/2/search                                                        | {\"jql\":\"project = OPS\",\"jql\":\"project = DEMO\"} | allow.projects",
            "POST | /rest/api/2/search                                                        | {\"jql\":\"project = DEMO\"} {\"jql\":\"project = OPS\"} | allow.projects",
            "POST | /rest/api/2/search                                                        | {\"jql\":\"project = DEMO\"} | allow",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\",\"id\":\"10001\"}}}                       | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"id\":\"10001\",\"key\":\"DEMO\"}}}                       | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\"},\"project\":{\"key\":\"OPS\"}}}         | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\"}},\"fields\":{\"project\":{\"key\":\"OPS\"}}} | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"D\\u0045MO\"}}}                                 | allow",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\"}}}                                       | allow",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\"}},\"update\":{\"project\":[{\"set\":{\"key\":\"OPS\"}}]}} | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":{\"key\":\"DEMO\"},\"parent\":{\"key\":\"OPS-4\"}}}         | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"project\":\"OPS\"}}                                                  | allow.projects",
            "POST | /rest/api/2/issue | {\"fields\":{\"summary\":\"no project\"}}                                           | allow.projects",
            "POST | /rest/api/2/issue | [{\"fields\":{\"project\":{\"key\":\"DEMO\"}}}]                                     | allow",
            "PUT  | /rest/api/2/issue/DEMO-1 | {\"update\":{\"issuelinks\":[{\"add\":{\"outwardIssue\":{\"key\":\"OPS-2\"}}}]}} | allow.projects",
            "PUT  | /rest/api/2/issue/DEMO-1 | {\"fields\":{\"summary\":\"x\"}}                                           | allow",
            "POST | /rest/api/2/issue/bulk | {\"issueUpdates\":[{\"fields\":{\"project\":{\"key\":\"DEMO\"}}},{\"fields\":{\"project\":{\"id\":\"10001\"}}}]} | allow.projects",
            "POST | /rest/api/3/issue/bulkfetch | {\"issueIdsOrKeys\":[\"DEMO-1\",\"10001\"]}                              | allow.projects",
            "POST | /rest/api/3/issue/bulkfetch | {\"issueIdsOrKeys\":[\"DEMO-1\",\"DEMO-2\"]}                             | allow",
            "POST | /rest/api/2/issueLink | {\"inwardIssue\":{\"key\":\"DEMO-1\"}}                                        | allow.projects",
            "POST | /rest/api/2/issueLink | {\"inwardIssue\":{\"key\":\"DEMO-1\"},\"outwardIssue\":{\"key\":\"DEMO-2\"}}  | allow",
            "POST | /rest/api/2/issue/DEMO-1/comment | {\"body\":\"project = OPS\"}                                       | allow",
            "POST | /rest/api/2/issue/DEMO-1/comment | {\"body\":\"x\"} trailing                                          | allow.projects",
    })
    void everyProjectReferenceIsJudged(String method, String path, String body, String expected) {
        RequestGuard.Decision d = DEMO.decide(method, URI.create("https://jira.example.com" + path), body);
        assertEquals(expected, d.allowed() ? "allow" : d.rule(), () -> String.valueOf(d.message()));
    }

    @Test
    void anIdIsRefusedWithTheFixOfWritingTheKey() {
        RequestGuard.Decision d = DEMO.decide("GET",
                URI.create("https://jira.example.com/rest/api/2/issue/createmeta?projectKeys=DEMO&projectIds=10001"), null);
        assertEquals("credential ci: GET /rest/api/2/issue/createmeta cannot be tied to a project, and allow.projects "
                + "limits this credential to [DEMO]; refer to the project by its key (e.g. DEMO), not by its numeric id",
                d.message());
    }

    @Test
    void theGatewayFormIsRefusedWithTheFixOfSettingTheSite() {
        RequestGuard.Decision d = DEMO.decide("GET",
                URI.create("https://jira.example.com/ex/jira/5c1a/rest/api/2/issue/DEMO-1"), null);
        assertEquals("credential ci: GET /ex/jira/5c1a/rest/api/2/issue/DEMO-1 cannot be tied to a project, and "
                + "allow.projects limits this credential to [DEMO]; set the credential's site to "
                + "https://api.atlassian.com/ex/jira/<cloudId> and send paths below it", d.message());
    }

    @Test
    void aSiteOnTheGatewayIsUnderstoodBelowItsCloudId() {
        URI site = URI.create("https://api.atlassian.com/ex/jira/5c1a4d2e");
        RequestGuard g = guard(site, new AllowPolicy(List.of(), List.of("DEMO"), null));
        assertTrue(g.decide("GET", URI.create(site + "/rest/api/3/issue/DEMO-1"), null).allowed());
        assertEquals("allow.projects", g.decide("GET", URI.create(site + "/rest/api/3/issue/OPS-1"), null).rule());
        RequestGuard.Decision other = g.decide("GET",
                URI.create("https://api.atlassian.com/ex/jira/0ther-cloud/rest/api/3/issue/DEMO-1"), null);
        assertEquals("allow.projects", other.rule(), "another site behind the same gateway is not this Jira");
        assertTrue(other.message().contains("is outside the site's context path /ex/jira/5c1a4d2e"), other.message());
        assertEquals("allow.projects", g.decide("GET",
                URI.create(site + "/../0ther-cloud/rest/api/3/issue/DEMO-1"), null).rule());
    }

    @Test
    void aReadOnlyCredentialJudgesTheDecodedPathToo() {
        assertEquals("allow.operations", DEMO_READ.decide("POST",
                URI.create("https://jira.example.com/rest/api/2/%69ssue/DEMO-1/comment"), "{}").rule());
        assertEquals("allow.projects", DEMO_READ.decide("POST",
                URI.create("https://jira.example.com/rest/api/2/search/../issue"), "{}").rule());
        assertTrue(DEMO_READ.decide("POST", URI.create("https://jira.example.com/rest/api/2/search"),
                "{\"jql\":\"project = DEMO\"}").allowed());
        RequestGuard opsOnly = guard(SITE, new AllowPolicy(List.of(), List.of(), EnumSet.of(Operation.READ)));
        assertEquals("allow.operations", opsOnly.decide("POST",
                URI.create("https://jira.example.com/rest/api/2/search;x/../issue"), "{}").rule());
        assertEquals(Operation.ADMIN, opsOnly.operation("POST", URI.create("https://jira.example.com/rest/api/2/issue%2F..")));
    }

    @Test
    void nonAsciiIsJudgedInTheFormTheClientSends() {
        // the JDK sends non-ASCII NFC-normalised and percent-encoded: the Kelvin sign becomes K
        URI typed = URI.create("https://jira.example.com/rest/api/2/search?jql=project%3D" + "DEMO+OR+project%3DOP\u212A");
        URI wire = RequestGuard.onWire(typed);
        assertEquals("https://jira.example.com/rest/api/2/search?jql=project%3DDEMO+OR+project%3DOPK", wire.toString());
        assertEquals("allow.projects", DEMO.decide("GET", typed, null).rule());
        assertTrue(DEMO.decide("GET", URI.create("https://jira.example.com/rest/api/2/issue/D\u0045MO-1"), null).allowed());
    }

    /** Found by fuzzing the guard against the simulator: the JDK's encoder failed with NullPointerException on these. */
    @Test
    void aTargetWithAnUnpairedSurrogateIsRefusedAsAConfigurationError() {
        CredentialSpec spec = new PatSpec(new CredentialSpec.Common("ci", SITE, null, null, null, AllowPolicy.DEFAULT),
                SecretValue.of("pat-value-0123456789"), null);
        io.jiraaccess.core.ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.jiraaccess.core.ConfigurationException.class,
                () -> JiraRequest.get("/rest/api/2/issue/DEMO-1?x=\uD800").target(spec));
        assertEquals("credential ci: '/rest/api/2/issue/DEMO-1?…' is not a valid request path; percent-encode spaces "
                + "and special characters (e.g. %20)", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RequestGuard.onWire(new URI("https", "jira.example.com", "/a\uDC00", null)));
    }

    /** Finding 4: origins are scheme, host and port; a port in allow.hosts is honoured, a missing one is the site's. */
    @Test
    void theOriginIsSchemeHostAndPort() {
        RequestGuard site = guard(URI.create("http://127.0.0.1:18081"), AllowPolicy.DEFAULT);
        assertTrue(site.decideHost("GET", URI.create("http://127.0.0.1:18081/x")).allowed());
        assertEquals("allow.hosts", site.decideHost("GET", URI.create("http://127.0.0.1:18082/x")).rule());
        assertEquals("allow.hosts", site.decideHost("GET", URI.create("http://127.0.0.1/x")).rule());
        assertEquals("allow.hosts", site.decideHost("GET", URI.create("https://127.0.0.1:18081/x")).rule());

        RequestGuard tls = guard(URI.create("https://jira.example.com"), AllowPolicy.DEFAULT);
        assertTrue(tls.decideHost("GET", URI.create("https://jira.example.com:443/x")).allowed(), "443 is https' default");
        assertEquals("allow.hosts", tls.decideHost("GET", URI.create("https://jira.example.com:8443/x")).rule());

        RequestGuard listed = guard(URI.create("https://jira.example.com"),
                new AllowPolicy(List.of("jira.example.com", "jira-dr.example.com:8443"), List.of(), null));
        assertTrue(listed.decideHost("GET", URI.create("https://jira-dr.example.com:8443/x")).allowed());
        assertEquals("allow.hosts", listed.decideHost("GET", URI.create("https://jira-dr.example.com/x")).rule());
        assertEquals("allow.hosts", listed.decideHost("GET", URI.create("https://jira.example.com:8443/x")).rule());
        assertEquals("allow.hosts", listed.decideHost("GET", URI.create("https://ci@jira.example.com/x")).rule());
    }
}
