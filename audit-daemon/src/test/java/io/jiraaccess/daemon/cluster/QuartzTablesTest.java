package io.jiraaccess.daemon.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table script comes from the Quartz jar on the class path, and only its CREATE statements are run. */
class QuartzTablesTest {
    @Test
    void theQuartzJarShipsThePostgresScriptAndOnlyItsCreateStatementsAreKept() {
        List<String> statements = QuartzTables.createStatements();
        // the eleven tables of Quartz 2.5's JDBC job store, as its tables_postgres.sql creates them
        assertEquals(List.of("qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers",
                "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps",
                "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks"), QuartzTables.tableNames(statements));
        assertThat(statements).allMatch(s -> s.startsWith("CREATE TABLE") || s.startsWith("CREATE INDEX"));
        assertThat(statements.stream().filter(s -> s.startsWith("CREATE INDEX")).count()).isGreaterThan(10);
        assertThat(String.join("\n", statements)).doesNotContainIgnoringCase("drop").doesNotContainIgnoringCase("commit")
                .doesNotContain("--");
    }

    @Test
    void commentsDropsAndCommitsAreLeftOut() {
        String script = """
                -- a comment; with a semicolon
                DROP TABLE IF EXISTS QRTZ_LOCKS;
                CREATE TABLE QRTZ_LOCKS
                (
                  SCHED_NAME VARCHAR(120) NOT NULL
                );
                create index IDX_X on QRTZ_LOCKS (SCHED_NAME);
                COMMIT;
                """;
        List<String> statements = QuartzTables.createStatements(script);
        assertEquals(2, statements.size());
        assertThat(statements.get(0)).startsWith("CREATE TABLE QRTZ_LOCKS");
        assertThat(statements.get(1)).isEqualTo("create index IDX_X on QRTZ_LOCKS (SCHED_NAME)");
        assertEquals(List.of("qrtz_locks"), QuartzTables.tableNames(statements));
    }
}
