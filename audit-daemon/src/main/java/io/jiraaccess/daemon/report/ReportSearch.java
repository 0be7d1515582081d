package io.jiraaccess.daemon.report;

/** Runs the report's queries exactly as written. */
public interface ReportSearch {
    /**
     * @return the answer, or {@link Answer#missingIndex} when the query's index does not exist
     * @throws ReportException when Elasticsearch is unreachable or refuses the query
     */
    Answer run(ReportQuery query);

    /** Where the queries go, for the report's header (no credentials). */
    String describe();
}
