package io.jiraaccess.core.connect;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QshTest {
    @Test
    void atlassiansDocumentedExampleCanonicalizesAsDocumented() {
        assertEquals("GET&/path/to/service&first=param&repeated=parameter%201,parameter%202&zee_last=param",
                Qsh.canonicalRequest("GET", "/path/to/service?zee_last=param&repeated=parameter 1&first=param&repeated=parameter 2"));
    }

    @Test
    void qshIsLowercaseHexSha256OfTheCanonicalRequest() {
        // expected values from `printf '<canonical request>' | sha256sum`
        assertEquals("c790e863cecddbf1369d5e058d5f71d9d19741a497a6e4681351909109759513", Qsh.qsh("GET", "/rest/api/3/myself"));
        assertEquals("e52bb281606c3bd9ca16cfe96fe2df78f5d9ffa126f06befd750dfa10fa1a897",
                Qsh.qsh("get", "/path/to/service?zee_last=param&repeated=parameter%202&first=param&repeated=parameter%201"));
    }

    @Test
    void requestWithoutQueryEndsWithTheSeparator() {
        assertEquals("GET&/rest/api/3/myself&", Qsh.canonicalRequest("GET", "/rest/api/3/myself"));
        assertEquals("GET&/rest/api/3/myself&", Qsh.canonicalRequest("GET", "/rest/api/3/myself?"));
    }

    @Test
    void methodIsUpperCased() {
        assertEquals("DELETE&/rest/api/2/issue/ABC-1&", Qsh.canonicalRequest("delete", "/rest/api/2/issue/ABC-1"));
    }

    @Test
    void emptyPathBecomesSlashAndOneTrailingSlashIsDropped() {
        assertEquals("GET&/&", Qsh.canonicalRequest("GET", ""));
        assertEquals("GET&/&", Qsh.canonicalRequest("GET", "/"));
        assertEquals("GET&/rest/api/2/project&", Qsh.canonicalRequest("GET", "/rest/api/2/project/"));
        assertEquals("GET&/rest/api/2/project/&", Qsh.canonicalRequest("GET", "/rest/api/2/project//"));
    }

    @Test
    void ampersandInThePathIsEncodedSoItCannotPoseAsTheSeparator() {
        assertEquals("GET&/rest/api/2/project%26a=b&x=y", Qsh.canonicalRequest("GET", "/rest/api/2/project&a=b?x=y"));
        assertEquals(Qsh.qsh("GET", "/rest/api/2/project%26a=b?x=y"), Qsh.qsh("GET", "/rest/api/2/project&a=b?x=y"));
    }

    @Test
    void pathIsHashedAsWrittenWithoutDecoding() {
        assertEquals("GET&/%C3%BC/a%2Fb&", Qsh.canonicalRequest("GET", "/%C3%BC/a%2Fb"));
        assertEquals("GET&/ü&", Qsh.canonicalRequest("GET", "/ü"));
    }

    @Test
    void jwtParameterIsLeftOutButOtherCasesAreKept() {
        assertEquals("GET&/x&JWT=a&a=1", Qsh.canonicalRequest("GET", "/x?jwt=abc.def.ghi&a=1&JWT=a"));
    }

    @Test
    void spaceAndPlusEncodeAsPercent20StarIsEncodedAndTildeKept() {
        assertEquals("GET&/x&p=a%20b%20c%2Bd&s=%2A&t=~", Qsh.canonicalRequest("GET", "/x?t=%7E&s=*&p=a+b%20c%2Bd"));
    }

    @Test
    void repeatedValuesAreSortedAndJoinedWithCommas() {
        assertEquals("GET&/x&a=1,2,3&b=%2C", Qsh.canonicalRequest("GET", "/x?a=3&b=%2C&a=1&a=2"));
    }

    @Test
    void parametersWithoutValuesAndEmptyValuesAreTheSame() {
        assertEquals("GET&/x&a=&b=", Qsh.canonicalRequest("GET", "/x?b&a="));
        assertEquals("GET&/x&a=1&b=2", Qsh.canonicalRequest("GET", "/x?&&a=1&&b=2&"));
    }

    @Test
    void contextPathIsStrippedFromTheFront() {
        assertEquals("GET&/rest/api/2/myself&", Qsh.canonicalRequest("GET", "/jira/rest/api/2/myself", "/jira"));
        assertEquals("GET&/&", Qsh.canonicalRequest("GET", "/jira", "/jira"));
        assertEquals("GET&/rest/api/2/myself&", Qsh.canonicalRequest("GET", "/rest/api/2/myself", "/jira"));
        assertEquals(Qsh.qsh("GET", "/rest/api/2/myself?a=b"), Qsh.qsh("GET", "/jira/rest/api/2/myself?a=b", "/jira"));
    }

    @Test
    void contextPathOfASiteHasNoTrailingSlash() {
        assertEquals("/jira", Qsh.contextPathOf(URI.create("https://jira.example.com/jira/")));
        assertEquals("/jira", Qsh.contextPathOf(URI.create("https://jira.example.com/jira")));
        assertEquals("", Qsh.contextPathOf(URI.create("https://example.atlassian.net")));
        assertEquals("", Qsh.contextPathOf(URI.create("https://example.atlassian.net/")));
    }

    @Test
    void absoluteUrlLosesSchemeHostAndPort() {
        assertEquals("GET&/rest/api/2/issue/ABC-1&expand=names",
                Qsh.canonicalRequest("GET", "https://jira.example.com:8443/jira/rest/api/2/issue/ABC-1?expand=names", "/jira"));
    }

    @Test
    void otherSchemesAndUserInfoAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Qsh.qsh("GET", "ftp://jira.example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> Qsh.qsh("GET", "https://user:pw@jira.example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> Qsh.qsh("GET", "//user@host/x"));
    }

    @Test
    void aThousandParametersAreFineButMoreAreRefusedBecauseTheReferenceWouldIgnoreThem() {
        StringJoiner q = new StringJoiner("&", "/x?", "");
        for (int i = 0; i < QueryString.MAX_PAIRS; i++) {
            q.add("p" + i + "=" + i);
        }
        String thousand = q.toString();
        assertTrue(Qsh.canonicalRequest("GET", thousand + "&&").endsWith("&p999=999"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Qsh.qsh("GET", thousand + "&extra=1"));
        assertTrue(e.getMessage().contains("more than 1000 parameters"), e.getMessage());
    }

    @Test
    void namesAreOrderedAsDecodedLikeNpmAndAsEncodedLikeAtlassiansJavaLibrary() {
        String target = "/x?ids[]=1&ids2=2&ids.=3";
        assertEquals("GET&/x&ids.=3&ids2=2&ids%5B%5D=1", Qsh.canonicalRequest("GET", target));
        assertEquals("GET&/x&ids%5B%5D=1&ids.=3&ids2=2", Qsh.canonicalRequest("GET", target, "", Qsh.NameOrder.ENCODED));
        assertTrue(Qsh.ordersDiffer(target));
        assertFalse(Qsh.ordersDiffer("/x?b=1&a=2&c%20d=3"));
    }

    @Test
    void malformedPercentEncodingIsDecodedLikeNodesQuerystring() {
        assertEquals("GET&/x&bad=%25zz", Qsh.canonicalRequest("GET", "/x?bad=%zz"));
        // an encoded surrogate is three malformed bytes: three replacement characters, as in Node
        assertEquals("GET&/x&bad=%EF%BF%BD%EF%BF%BD%EF%BF%BD", Qsh.canonicalRequest("GET", "/x?bad=%ED%A0%80"));
    }
}
