package io.jiraaccess.core.http;

import io.jiraaccess.core.PolicyViolationException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestGuardTest {
    static final URI SITE = URI.create("https://jira.example.com/jira");

    static RequestGuard guard(AllowPolicy allow) {
        return new RequestGuard(new PatSpec(new CredentialSpec.Common("ci", SITE, null, null, null, allow),
                SecretValue.of("pat-value-0123456789"), null));
    }

    static final RequestGuard RESTRICTED = guard(new AllowPolicy(List.of(), List.of("ABC", "OPS"),
            EnumSet.of(Operation.READ, Operation.WRITE)));
    static final RequestGuard READ_ONLY = guard(new AllowPolicy(List.of(), List.of(), EnumSet.of(Operation.READ)));
    static final RequestGuard OPEN = guard(AllowPolicy.DEFAULT);

    static URI url(String pathAndQuery) {
        return URI.create("https://jira.example.com/jira" + pathAndQuery);
    }

    /** Requests against a credential allowed projects ABC and OPS, operations read and write. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET    | /rest/api/2/myself                                         | -                                               | allow",
            "GET    | /rest/api/3/serverInfo                                     | -                                               | allow",
            "GET    | /rest/api/2/issue/ABC-12                                   | -                                               | allow",
            "GET    | /rest/api/2/issue/abc-12?fields=summary                    | -                                               | allow",
            "GET    | /rest/api/latest/issue/OPS-1/comment                       | -                                               | allow",
            "GET    | /rest/api/2/issue/XYZ-12                                   | -                                               | allow.projects",
            "GET    | /rest/api/2/issue/10001                                    | -                                               | allow.projects",
            "GET    | /rest/api/2/issue/picker?query=x                           | -                                               | allow.projects",
            "POST   | /rest/api/2/issue/ABC-12/comment                           | {\"body\":\"hi\"}                              | allow",
            "PUT    | /rest/api/2/issue/ABC-12/worklog/5                         | {}                                              | allow",
            "DELETE | /rest/api/2/issue/ABC-12                                   | -                                               | allow",
            "POST   | /rest/api/2/issue/XYZ-1/comment                            | {\"body\":\"hi\"}                              | allow.projects",
            "POST   | /rest/api/2/issue                                          | {\"fields\":{\"project\":{\"key\":\"ABC\"}}}   | allow",
            "POST   | /rest/api/2/issue                                          | {\"fields\":{\"project\":{\"key\":\"xyz\"}}}   | allow.projects",
            "POST   | /rest/api/2/issue                                          | {\"fields\":{\"project\":{\"id\":\"10000\"}}}  | allow.projects",
            "POST   | /rest/api/2/issue                                          | not json                                        | allow.projects",
            "POST   | /rest/api/2/issue/bulk                                     | {\"issueUpdates\":[{\"fields\":{\"project\":{\"key\":\"ABC\"}}},{\"fields\":{\"project\":{\"key\":\"OPS\"}}}]} | allow",
            "POST   | /rest/api/2/issue/bulk                                     | {\"issueUpdates\":[{\"fields\":{\"project\":{\"key\":\"ABC\"}}},{\"fields\":{\"project\":{\"key\":\"XYZ\"}}}]} | allow.projects",
            "POST   | /rest/api/2/issueLink                                      | {\"inwardIssue\":{\"key\":\"ABC-1\"},\"outwardIssue\":{\"key\":\"OPS-2\"}} | allow",
            "POST   | /rest/api/2/issueLink                                      | {\"inwardIssue\":{\"key\":\"ABC-1\"},\"outwardIssue\":{\"key\":\"XYZ-2\"}} | allow.projects",
            "GET    | /rest/api/2/search?jql=project%20%3D%20ABC                 | -                                               | allow",
            "GET    | /rest/api/2/search?jql=project+in+(abc,%22OPS%22)&maxResults=5 | -                                           | allow",
            "GET    | /rest/api/2/search?jql=project%20%3D%20XYZ                 | -                                               | allow.projects",
            "GET    | /rest/api/2/search?jql=assignee%3DcurrentUser()            | -                                               | allow.projects",
            "GET    | /rest/api/2/search                                         | -                                               | allow.projects",
            "GET    | /rest/api/3/search/jql?jql=project%3DOPS                   | -                                               | allow",
            "POST   | /rest/api/2/search                                         | {\"jql\":\"project = ABC ORDER BY key\"}        | allow",
            "POST   | /rest/api/3/search/jql                                     | {\"jql\":\"project in (ABC, XYZ)\"}             | allow.projects",
            "POST   | /rest/api/2/search                                         | {\"jql\":\"status = Open\"}                     | allow.projects",
            "GET    | /rest/api/2/project/ABC                                    | -                                               | allow",
            "GET    | /rest/api/2/project/ABC/versions                           | -                                               | allow",
            "GET    | /rest/api/2/project/XYZ                                    | -                                               | allow.projects",
            "GET    | /rest/api/2/project/10000                                  | -                                               | allow.projects",
            "GET    | /rest/api/2/project                                        | -                                               | allow.projects",
            "GET    | /rest/api/3/project/search                                 | -                                               | allow.projects",
            "GET    | /rest/api/3/project/SEARCH                                 | -                                               | allow.projects",
            "GET    | /rest/api/2/issue/createmeta?projectKeys=ABC,OPS           | -                                               | allow",
            "GET    | /rest/api/2/issue/createmeta?projectKeys=XYZ               | -                                               | allow.projects",
            "GET    | /rest/api/2/comment/list                                   | -                                               | allow.projects",
            "GET    | /rest/agile/1.0/issue/ABC-3                                | -                                               | allow",
            "GET    | /rest/agile/1.0/board/7/issue                              | -                                               | allow.projects",
            "PUT    | /rest/api/2/project/ABC                                    | {}                                              | allow.operations",
            "POST   | /rest/pat/latest/tokens                                    | {\"name\":\"x\"}                               | allow.operations",
            "DELETE | /rest/pat/latest/tokens/5                                  | -                                               | allow.operations",
            "GET    | /rest/pat/latest/tokens                                    | -                                               | allow",
            "GET    | /rest/api/2/myself/../issue/XYZ-1                          | -                                               | allow.projects",
            "GET    | /rest/api/2/issue/ABC-1;x=/../../XYZ-1                     | -                                               | allow.projects",
            "GET    | /rest/api/2/issue%2FXYZ-1                                  | -                                               | allow.projects",
    })
    void restrictedCredentialDecides(String method, String pathAndQuery, String body, String expected) {
        RequestGuard.Decision d = RESTRICTED.decide(method, url(pathAndQuery), body);
        assertEquals(expected, d.allowed() ? "allow" : d.rule(), () -> String.valueOf(d.message()));
        if (!d.allowed()) {
            assertTrue(d.message().startsWith("credential ci: "), d.message());
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /rest/api/2/issue/ANY-1                 | read",
            "HEAD   | /rest/api/2/issue/ANY-1                 | read",
            "OPTIONS| /rest/api/2/issue/ANY-1                 | read",
            "POST   | /rest/api/2/search                      | read",
            "POST   | /rest/api/3/search/jql                  | read",
            "POST   | /rest/api/latest/search/                | read",
            "POST   | /rest/api/3/issue/bulkfetch             | read",
            "POST   | /rest/api/2/issue                       | write",
            "PUT    | /rest/api/2/issue/ANY-1                 | write",
            "DELETE | /rest/api/2/issue/ANY-1                 | write",
            "POST   | /rest/api/2/issue/ANY-1/comment         | write",
            "PUT    | /rest/api/2/issue/ANY-1/comment/3       | write",
            "POST   | /rest/api/2/issue/ANY-1/worklog         | write",
            "POST   | /rest/api/2/issue/ANY-1/transitions     | write",
            "POST   | /rest/api/2/issueLink                   | write",
            "POST   | /rest/agile/1.0/issue/ANY-1/estimation  | write",
            "POST   | /rest/api/2/project                     | admin",
            "POST   | /rest/api/2/user                        | admin",
            "POST   | /rest/pat/latest/tokens                 | admin",
            "DELETE | /rest/pat/latest/tokens/1               | admin",
            "POST   | /rest/api/2/searchx                     | admin",
            "POST   | /rest/oauth2/latest/token               | admin",
    })
    void operationOfRequest(String method, String path, String expected) {
        assertEquals(Operation.fromId(expected), OPEN.operation(method, url(path)));
    }

    @Test
    void readOnlyCredentialRefusesWritesAndAdminButNotSearchPosts() {
        assertTrue(READ_ONLY.decide("GET", url("/rest/api/2/issue/XYZ-1"), null).allowed());
        assertTrue(READ_ONLY.decide("POST", url("/rest/api/2/search"), "{\"jql\":\"status=Open\"}").allowed());
        RequestGuard.Decision write = READ_ONLY.decide("POST", url("/rest/api/2/issue/XYZ-1/comment"), "{}");
        assertEquals("allow.operations", write.rule());
        assertEquals("credential ci: POST /rest/api/2/issue/XYZ-1/comment is a write request, refused by allow.operations "
                + "[read]; add write to allow.operations in the credential file, or use a credential meant for write requests",
                write.message());
        assertEquals("allow.operations", READ_ONLY.decide("DELETE", url("/rest/pat/latest/tokens/1"), null).rule());
    }

    @Test
    void unrestrictedCredentialAllowsEverythingOnItsHost() {
        for (String p : new String[] {"/rest/api/2/search", "/rest/api/2/issue/10001", "/rest/api/2/myself/../x", "/rest/pat/latest/tokens"}) {
            assertTrue(OPEN.decide("POST", url(p), null).allowed(), p);
        }
    }

    @Test
    void refusalsNameTheRuleAndTheFix() {
        assertEquals("credential ci: GET /rest/api/2/issue/XYZ-12 touches project XYZ, outside allow.projects [ABC, OPS]; "
                + "add it to allow.projects in the credential file, or use a credential for that project",
                RESTRICTED.decide("GET", url("/rest/api/2/issue/XYZ-12"), null).message());
        assertEquals("credential ci: GET /rest/api/2/search cannot be tied to a project, and allow.projects limits this "
                + "credential to [ABC, OPS]; add a project clause such as project in (ABC) to the JQL, joined to the rest with AND",
                RESTRICTED.decide("GET", url("/rest/api/2/search?jql=assignee%3Dme"), null).message());
        assertEquals("credential ci: GET /rest/api/2/issue/10001 cannot be tied to a project, and allow.projects limits this "
                + "credential to [ABC, OPS]; refer to the issue by its key (e.g. ABC-123), not by its numeric id",
                RESTRICTED.decide("GET", url("/rest/api/2/issue/10001"), null).message());
        String twoOutside = RESTRICTED.decide("POST", url("/rest/api/3/search/jql"), "{\"jql\":\"project in (XYZ, QQ, ABC)\"}").message();
        assertTrue(twoOutside.contains("touches projects QQ, XYZ, outside allow.projects [ABC, OPS]; add them"), twoOutside);
    }

    @Test
    void refusalMessagesNeverQuoteTheQuery() {
        RequestGuard.Decision d = RESTRICTED.decide("GET", url("/rest/api/2/search?jql=text~%22secret-words%22&jwt=abc.def.ghi"), null);
        assertEquals("allow.projects", d.rule());
        assertTrue(!d.message().contains("secret-words") && !d.message().contains("abc.def"), d.message());
    }

    @Test
    void hostsDefaultToTheSiteAndNeedHttps() {
        assertTrue(OPEN.decideHost("GET", URI.create("https://JIRA.example.com/x")).allowed());
        RequestGuard.Decision other = OPEN.decideHost("GET", URI.create("https://evil.example.net/rest/api/2/myself?x=1"));
        assertEquals("allow.hosts", other.rule());
        assertEquals("credential ci: GET to https://evil.example.net:443 refused: allow.hosts permits only "
                + "[https://jira.example.com:443], so the credential is not sent there; if evil.example.net on port 443 is "
                + "really this Jira, add it to allow.hosts in the credential file (with its port when it differs from the "
                + "site's)", other.message());
        RequestGuard.Decision plain = OPEN.decideHost("GET", URI.create("http://jira.example.com/x"));
        assertEquals("allow.hosts", plain.rule());
        assertTrue(plain.message().contains("only sent over https"), plain.message());

        RequestGuard listed = guard(new AllowPolicy(List.of("jira.example.com", "jira-dr.example.com"), List.of(), null));
        assertTrue(listed.decideHost("GET", URI.create("https://jira-dr.example.com/x")).allowed());
        assertEquals("allow.hosts", listed.decideHost("GET", URI.create("https://jira-dr.example.com.evil.net/x")).rule());
    }

    @Test
    void siteHostOutsideItsOwnAllowListIsRefused() {
        RequestGuard g = guard(new AllowPolicy(List.of("jira-dr.example.com"), List.of(), null));
        assertEquals("allow.hosts", g.decide("GET", url("/rest/api/2/myself"), null).rule());
    }

    @Test
    void contextPathIsRemovedBeforeClassifying() {
        assertEquals("/rest/api/2/myself", OPEN.apiPath(url("/rest/api/2/myself")));
        assertEquals("/", OPEN.apiPath(url("")));
        assertEquals("/jiraX/rest", OPEN.apiPath(URI.create("https://jira.example.com/jiraX/rest")));
        assertEquals("/jira/rest", OPEN.apiPath(URI.create("https://jira-dr.example.com/jira/rest")));
    }

    @Test
    void checkThrowsThePolicyViolation() {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> RESTRICTED.check("GET", url("/rest/api/2/issue/XYZ-1"), null));
        assertEquals("allow.projects", e.rule());
        assertEquals(4, e.failure().exitCode());
    }
}
