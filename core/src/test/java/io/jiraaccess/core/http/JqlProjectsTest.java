package io.jiraaccess.core.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JqlProjectsTest {
    /** JQL -> the projects it is limited to ("*" for none: any project). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "project = ABC                                        | ABC",
            "project=abc                                          | ABC",
            "PROJECT = \"Abc\"                                    | ABC",
            "Project In (ABC, 'ops')                              | ABC OPS",
            "project in (\"ABC\",OPS) AND status = Open           | ABC OPS",
            "status = Open AND project = ABC ORDER BY created DESC | ABC",
            "project = ABC order by key                           | ABC",
            "(project = ABC OR project = OPS) AND assignee = currentUser() | ABC OPS",
            "project = ABC OR project in (OPS)                    | ABC OPS",
            "project = ABC AND project = OPS                      | ''",
            "project = ABC && status != Done                      | ABC",
            "key = ABC-12                                         | ABC",
            "issuekey in (ABC-1, ops-2)                           | ABC OPS",
            "summary ~ \"project = XYZ or anything\" AND project = ABC | ABC",
            "project = ABC OR assignee = currentUser()            | *",
            "assignee = currentUser()                             | *",
            "''                                                   | *",
            "project != ABC                                       | *",
            "project not in (ABC)                                 | *",
            "NOT project = ABC                                    | *",
            "!(project = ABC)                                     | *",
            "project = 10001                                      | *",
            "project in projectsWhereUserHasRole(Developers)      | *",
            "project in (ABC, currentProject())                   | *",
            "project in ()                                        | *",
            "project in (ABC,)                                    | *",
            "project = ABC AND (status = Open                     | *",
            "project = \"ABC                                      | *",
            "project = ABC garbage ) (                            | *",
            "key = 10001                                          | *",
            "project = ABC OR (project = OPS AND NOT status = x)  | ABC OPS",
    })
    void jqlIsBoundedToTheseProjects(String jql, String expected) {
        Set<String> actual = JqlProjects.of(jql);
        if (expected.equals("*")) {
            assertEquals(null, actual);
        } else {
            Set<String> want = expected.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(expected.trim().split("\\s+")));
            assertEquals(want, actual == null ? null : new TreeSet<>(actual));
        }
    }
}
