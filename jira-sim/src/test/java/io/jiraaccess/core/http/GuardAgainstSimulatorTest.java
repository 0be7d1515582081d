package io.jiraaccess.core.http;

import io.jiraaccess.sim.JiraSimulator;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard against the simulator's own reading of the same requests ({@link GuardOracle}), over request targets
 * generated the way an attacker varies them: every character of each path percent-encoded and case-flipped in
 * turn, dot segments plain and encoded, path parameters, double slashes, trailing characters, absolute and
 * scheme-relative URLs and another port, every API family, ids instead of keys, JQL variants, repeated parameters and
 * JSON members, bodies naming projects by id and by key. Whatever the guard sends reaches only DEMO, with allowed
 * effects; whatever it refuses reaches nothing.
 */
class GuardAgainstSimulatorTest {

    record Case(String method, String target, String body) {
        Case with(String otherTarget) {
            return new Case(method, otherTarget, body);
        }
    }

    @Test
    void everyRequestTheGuardSendsReachesOnlyAllowedProjectsWithAllowedEffects() {
        GuardOracle oracle = GuardOracle.get();
        List<Case> cases = cases(oracle);
        Map<GuardOracle.Outcome, Integer> outcomes = new EnumMap<>(GuardOracle.Outcome.class);
        for (Case c : cases) {
            outcomes.merge(oracle.check(c.method(), c.target(), c.body()), 1, Integer::sum);
        }
        System.out.println("GuardAgainstSimulatorTest: " + cases.size() + " requests " + outcomes);
        // not vacuous: a good share is really sent and judged by the simulator
        assertTrue(outcomes.getOrDefault(GuardOracle.Outcome.SENT, 0) > 500, outcomes::toString);
        assertTrue(outcomes.getOrDefault(GuardOracle.Outcome.REFUSED, 0) > 1000, outcomes::toString);
    }

    /** The plain forms decide as expected, so the generated variants start from requests both ways. */
    @Test
    void thePlainFormsAreSentOrRefusedAsTheirProjectsSay() {
        GuardOracle o = GuardOracle.get();
        assertEquals(GuardOracle.Outcome.SENT, o.check("GET", "/rest/api/2/issue/DEMO-1", null));
        assertEquals(GuardOracle.Outcome.SENT, o.check("GET", "/rest/api/2/search?jql=project%3DDEMO", null));
        assertEquals(GuardOracle.Outcome.SENT, o.check("POST", "/rest/api/2/issue", create("{\"key\":\"DEMO\"}")));
        assertEquals(GuardOracle.Outcome.SENT, o.check("GET", "/rest/api/2/issue/createmeta?projectKeys=DEMO", null));
        assertEquals(GuardOracle.Outcome.REFUSED, o.check("GET", "/rest/api/2/issue/OPS-1", null));
        assertEquals(GuardOracle.Outcome.REFUSED, o.check("GET", "/rest/api/%32/issue/OPS-1", null));
        assertEquals(GuardOracle.Outcome.REFUSED, o.check("POST", "/rest/api/%32/issue", create("{\"key\":\"OPS\"}")));
        assertEquals(GuardOracle.Outcome.REFUSED, o.check("GET", "/rest/api/2/issue/createmeta?projectKeys=DEMO&projectIds="
                + o.projectIds.get("OPS"), null));
        assertEquals(GuardOracle.Outcome.REFUSED, o.check("GET", "/ex/jira/" + JiraSimulator.DEFAULT_CLOUD_ID
                + "/rest/api/2/issue/OPS-1", null));
    }

    static String create(String projectRef) {
        return "{\"fields\":{\"project\":" + projectRef + ",\"summary\":\"guard\",\"issuetype\":{\"name\":\"Task\"}}}";
    }

    static List<Case> cases(GuardOracle o) {
        String ops = o.projectIds.get("OPS");
        String demo = o.projectIds.get("DEMO");
        String opsIssue = o.sim.directory().issue("OPS-1").orElseThrow().id();
        String cloud = JiraSimulator.DEFAULT_CLOUD_ID;
        List<Case> bases = new ArrayList<>();
        List<String> issueRefs = List.of("DEMO-1", "OPS-1", "ops-1", "demo-1", opsIssue, "OP\u017F-1");
        for (String v : List.of("2", "3", "latest")) {
            for (String ref : issueRefs) {
                bases.add(get("/rest/api/" + v + "/issue/" + ref));
            }
        }
        for (String ref : List.of("DEMO", "OPS", ops, demo)) {
            bases.add(get("/rest/api/2/project/" + ref));
            bases.add(get("/rest/api/2/issue/createmeta/" + ref + "/issuetypes"));
        }
        for (String ref : List.of("DEMO-1", "OPS-1", opsIssue)) {
            bases.add(get("/rest/agile/1.0/issue/" + ref));
            bases.add(get("/rest/servicedeskapi/request/" + ref));
            bases.add(get("/ex/jira/" + cloud + "/rest/api/2/issue/" + ref));
        }
        bases.add(get("/rest/api/2/myself"));
        bases.add(get("/rest/pat/latest/tokens"));
        List<String> jqls = List.of("project = DEMO", "project = OPS", "project = DEMO OR project = OPS",
                "project in (DEMO, OPS)", "project in (DEMO)", "project = " + ops, "project = \"DEMO\"",
                "project = DEMO ORDER BY key", "project = 'demo'", "status = Open", "", "project = DEMO AND project = OPS",
                "project=DEMO", "PROJECT = OPS");
        for (String jql : jqls) {
            String form = URLEncoder.encode(jql, StandardCharsets.UTF_8);
            bases.add(get("/rest/api/2/search?jql=" + form));
            bases.add(get("/rest/api/2/search?jql=" + form.replace("+", "%20")));
            bases.add(get("/rest/api/3/search/jql?jql=" + form));
            bases.add(new Case("POST", "/rest/api/2/search", "{\"jql\":\"" + jql.replace("\"", "\\\"") + "\"}"));
        }
        bases.add(get("/rest/api/2/search?jql=project%3DDEMO&jql=project%3DOPS"));
        bases.add(get("/rest/api/2/search?jql=project%3DOPS&jql=project%3DDEMO"));
        bases.add(get("/rest/api/2/search?jq%6C=project%3DOPS&jql=project%3DDEMO"));
        bases.add(new Case("POST", "/rest/api/2/search", "{\"jql\":\"project = DEMO\",\"jql\":\"project = OPS\"}"));
        bases.add(new Case("POST", "/rest/api/2/search", "{\"jql\":\"project = OPS\",\"jql\":\"project = DEMO\"}"));
        bases.add(new Case("POST", "/rest/api/2/search", "{\"jql\":\"project = DEMO\"}{\"jql\":\"project = OPS\"}"));
        bases.add(new Case("POST", "/rest/api/2/search?jql=project%3DOPS", "{\"jql\":\"project = DEMO\"}"));
        for (String q : List.of("projectKeys=DEMO", "projectKeys=OPS", "projectKeys=DEMO&projectIds=" + ops,
                "projectIds=" + ops + "&projectKeys=DEMO", "projectKeys=DEMO,OPS", "projectKeys=DEMO&projectKeys=OPS",
                "projectIds=" + demo, "project%4Beys=OPS", "projectKeys=DEMO%2COPS")) {
            bases.add(get("/rest/api/2/issue/createmeta?" + q));
        }
        for (String ref : List.of("{\"key\":\"DEMO\"}", "{\"key\":\"OPS\"}", "{\"id\":\"" + ops + "\"}",
                "{\"key\":\"DEMO\",\"id\":\"" + ops + "\"}", "{\"id\":\"" + ops + "\",\"key\":\"DEMO\"}",
                "{\"key\":\"DEMO\",\"key\":\"OPS\"}", "{\"key\":\"OPS\",\"key\":\"DEMO\"}", "{\"key\":\"D\\u0045MO\"}",
                "{\"key\":\"demo\"}", "{\"key\":\"" + ops + "\"}", "{\"id\":\"" + demo + "\"}")) {
            bases.add(new Case("POST", "/rest/api/2/issue", create(ref)));
        }
        bases.add(new Case("POST", "/rest/api/2/issue", create("{\"key\":\"DEMO\"}").replace("{\"fields\"",
                "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"summary\":\"x\",\"issuetype\":{\"name\":\"Task\"}},\"fields\"")));

        Set<Case> all = new LinkedHashSet<>(bases);
        String site = o.sim.baseUrl();
        String otherPort = site.replaceFirst(":(\\d+)$", ":") + (port(site) + 1);
        for (Case b : bases) {
            int q = b.target().indexOf('?');
            String path = q < 0 ? b.target() : b.target().substring(0, q);
            String query = q < 0 ? "" : b.target().substring(q);
            for (int i = 1; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c < 0x80) {
                    all.add(b.with(path.substring(0, i) + String.format(Locale.ROOT, "%%%02X", (int) c)
                            + path.substring(i + 1) + query));
                }
                if (Character.isLetter(c)) {
                    char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                    all.add(b.with(path.substring(0, i) + flipped + path.substring(i + 1) + query));
                }
            }
            int last = path.lastIndexOf('/');
            String head = path.substring(0, last);
            String tail = path.substring(last + 1);
            for (String insert : List.of("/./", "/%2e/", "/x/../", "/x/%2E%2E/", "/x/..;/", "//", ";p=1/", "/;/")) {
                all.add(b.with(head + insert + tail + query));
            }
            for (String swap : List.of("OPS-1/../DEMO-1", "DEMO-1/../OPS-1", "DEMO-1/%2e%2e/OPS-1", "DEMO-1;/../OPS-1",
                    "DEMO-1%2FOPS-1", "DEMO-1%5C..%5COPS-1")) {
                all.add(b.with(head + "/" + swap + query));
            }
            for (String trailing : List.of("/", ";", ";x", ".", "/.", "/..", "%20", "%00", "?", "#x", "%3B")) {
                all.add(b.with(path + trailing + query));
            }
            all.add(b.with(site + b.target()));
            all.add(b.with("//127.0.0.1:" + port(site) + b.target()));
            all.add(b.with(otherPort + b.target()));
            all.add(b.with(site.replace("127.0.0.1", "localhost") + b.target()));
            all.add(b.with("HTTP://127.0.0.1:" + port(site) + b.target()));
        }
        return new ArrayList<>(all);
    }

    private static Case get(String target) {
        return new Case("GET", target, null);
    }

    private static int port(String base) {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }
}
