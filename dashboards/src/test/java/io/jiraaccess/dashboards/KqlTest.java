package io.jiraaccess.dashboards;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KqlTest {
    private static String es(String kql) {
        return Kql.parse(kql).toQuery().toString();
    }

    @Test
    void quotedValueIsAPhraseAndUnquotedAMatch() {
        assertEquals("{\"match_phrase\":{\"event.action\":\"token.used\"}}", es("event.action : \"token.used\""));
        assertEquals("{\"match\":{\"event.action\":\"token.used\"}}", es("event.action:token.used"));
    }

    @Test
    void valueListsBindTheFieldToEachValue() {
        assertEquals("{\"bool\":{\"should\":[{\"match_phrase\":{\"a\":\"x\"}},{\"match_phrase\":{\"a\":\"y\"}}],"
                + "\"minimum_should_match\":1}}", es("a : (\"x\" or \"y\")"));
        assertEquals("{\"bool\":{\"filter\":[{\"match\":{\"a\":\"x\"}},{\"bool\":{\"must_not\":[{\"match\":{\"a\":\"y\"}}]}}]}}",
                es("a : (x and not y)"));
    }

    @Test
    void andBindsTighterThanOrAndKeywordsIgnoreCase() {
        assertEquals("{\"bool\":{\"should\":[{\"match\":{\"a\":\"1\"}},{\"bool\":{\"filter\":[{\"match\":{\"b\":\"2\"}},"
                + "{\"match\":{\"c\":\"3\"}}]}}],\"minimum_should_match\":1}}", es("a:1 OR b:2 AND c:3"));
        assertEquals("{\"bool\":{\"filter\":[{\"bool\":{\"should\":[{\"match\":{\"a\":\"1\"}},{\"match\":{\"b\":\"2\"}}],"
                + "\"minimum_should_match\":1}},{\"match\":{\"c\":\"3\"}}]}}", es("(a:1 or b:2) and c:3"));
    }

    @Test
    void starAloneIsExistsAndInsideAValueIsAWildcard() {
        assertEquals("{\"exists\":{\"field\":\"source.ip\"}}", es("source.ip : *"));
        assertEquals("{\"wildcard\":{\"url.path\":{\"value\":\"/rest/api/*\"}}}", es("url.path : /rest/api/*"));
        assertEquals("{\"match_phrase\":{\"url.path\":\"/rest/api/*\"}}", es("url.path : \"/rest/api/*\""));
    }

    @Test
    void comparisonsAreRangesThatKeepDateMath() {
        assertEquals("{\"range\":{\"jira_access.credential.expires_at\":{\"lte\":\"now+14d\"}}}",
                es("jira_access.credential.expires_at <= \"now+14d\""));
        assertEquals("{\"range\":{\"http.response.status_code\":{\"gte\":\"400\"}}}", es("http.response.status_code >= 400"));
        assertEquals("{\"range\":{\"a\":{\"lt\":\"5\"}}}", es("a<5"));
        assertEquals("{\"range\":{\"a\":{\"gt\":\"5\"}}}", es("a > 5"));
    }

    @Test
    void textWithoutAFieldSearchesAllFieldsLeniently() {
        assertEquals("{\"multi_match\":{\"query\":\"denied\",\"type\":\"best_fields\",\"lenient\":true}}", es("denied"));
        assertEquals("{\"multi_match\":{\"query\":\"access denied\",\"type\":\"phrase\",\"lenient\":true}}",
                es("\"access denied\""));
    }

    @Test
    void escapesAndMultiWordValuesAreKept() {
        assertEquals("{\"match\":{\"event.reason\":\"a:b (c)\"}}", es("event.reason : a\\:b \\(c\\)"));
        assertEquals("{\"match_phrase\":{\"m\":\"say \\\"hi\\\"\"}}", es("m : \"say \\\"hi\\\"\""));
        assertEquals("{\"match\":{\"message\":\"quick brown\"}}", es("message : quick brown"));
    }

    @Test
    void emptyQueryMatchesEverything() {
        assertEquals("{\"match_all\":{}}", es("  "));
        assertEquals("{\"match_all\":{}}", es(null));
    }

    @Test
    void fieldsAreListedWithHowTheyAreUsed() {
        List<Kql.FieldUse> uses = Kql.parse("a : \"x\" and not b : * and (c < now-90d or d : y*) and e : 1").fields();
        assertEquals(List.of(
                new Kql.FieldUse("a", Kql.Use.PHRASE, "x"),
                new Kql.FieldUse("b", Kql.Use.EXISTS, null),
                new Kql.FieldUse("c", Kql.Use.RANGE, "now-90d"),
                new Kql.FieldUse("d", Kql.Use.WILDCARD, "y*"),
                new Kql.FieldUse("e", Kql.Use.MATCH, "1")), uses);
    }

    @Test
    void brokenQueriesNameThePositionAndWhatWasExpected() {
        assertEquals("KQL at 6 of \"a : (x\": expected ')'",
                assertThrows(IllegalArgumentException.class, () -> Kql.parse("a : (x")).getMessage());
        assertEquals("KQL at 4 of \"a : \": expected a value for a",
                assertThrows(IllegalArgumentException.class, () -> Kql.parse("a : ")).getMessage());
        assertEquals("KQL at 9 of \"a : \"open\": expected a closing '\"'",
                assertThrows(IllegalArgumentException.class, () -> Kql.parse("a : \"open")).getMessage());
        assertEquals("KQL at 4 of \"a:1 ) b:2\": unexpected ') b:2'",
                assertThrows(IllegalArgumentException.class, () -> Kql.parse("a:1 ) b:2")).getMessage());
        assertEquals("KQL at 0: field name patterns ('user.*') are not supported; name the field",
                assertThrows(IllegalArgumentException.class, () -> Kql.parse("user.* : x")).getMessage());
    }
}
