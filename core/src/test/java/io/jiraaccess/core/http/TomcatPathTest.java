package io.jiraaccess.core.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link TomcatPath} against Tomcat's own reading of a request path. Expectations derived from Apache Tomcat
 * 9.0.121 (tag {@code 9.0.121}): {@code java/org/apache/catalina/connector/CoyoteAdapter.java}
 * ({@code postParseRequest}, {@code parsePathParameters}, {@code normalize}) and
 * {@code java/org/apache/tomcat/util/buf/UDecoder.java} ({@code convert}), default connector (encodedSolidusHandling
 * reject, encodedReverseSolidusHandling decode, ALLOW_BACKSLASH false).
 */
class TomcatPathTest {
    /** raw path -> Tomcat's path, or 400. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/rest/api/2/issue/ABC-1           | /rest/api/2/issue/ABC-1",
            "/rest/api/%32/issue/OPS-1          | /rest/api/2/issue/OPS-1",
            "/r%65st/api/2/issue/SEC-1          | /rest/api/2/issue/SEC-1",
            "/a%2fb                             | 400",
            "/a%2Fb                             | 400",
            "/a%5cb                             | 400",
            "/a\\b                              | 400",
            "/a%00b                             | 400",
            "/a%zz                              | 400",
            "/a%4                               | 400",
            "/a%                                | 400",
            "/a;jsessionid=1/b                  | /a/b",
            "/a;x;y/b;z                         | /a/b",
            "/a%3Bx/b                           | /a;x/b",
            "/a/..;x/b                          | /b",
            "/a/b/..                            | /a/",
            "/a/b/.                             | /a/b/",
            "/a/./b                             | /a/b",
            "/a/%2e/b                           | /a/b",
            "/a/b/%2E%2E/c                      | /a/c",
            "/a//b///c                          | /a/b/c",
            "//a                                | /a",
            "/..                                | 400",
            "/a/../..                           | 400",
            "/a/../../b                         | 400",
            "/..a/.b/a..                        | /..a/.b/a..",
            "/a%25%32%46b                       | /a%2Fb",
            "/%C3%A9                            | /\u00e9",
            "relative                           | 400",
            "/                                  | /",
    })
    void readsThePathAsTomcatDoes(String raw, String expected) {
        TomcatPath.Reading r = TomcatPath.read(raw);
        assertEquals(expected, r.refused() ? "400" : r.path(), () -> String.valueOf(r.refusal()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/a/b       | false | false | false",
            "/a;p/b     | true  | false | false",
            "/a/./b     | false | true  | false",
            "/a/%2e%2e  | false | true  | false",
            "/a//b      | false | false | true",
    })
    void notesWhatItRewrote(String raw, boolean parameters, boolean dots, boolean slashes) {
        TomcatPath.Reading r = TomcatPath.read(raw);
        assertEquals(parameters, r.parameters());
        assertEquals(dots, r.dotSegments());
        assertEquals(slashes, r.mergedSlashes());
    }
}
