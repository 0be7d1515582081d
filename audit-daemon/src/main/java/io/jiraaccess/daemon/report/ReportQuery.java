package io.jiraaccess.daemon.report;

/**
 * One Elasticsearch request behind a part of the report, exactly as sent and as printed for the auditor.
 *
 * @param id      short reference the report's numbers point to, e.g. {@code Q3}
 * @param title   what it answers
 * @param method  HTTP method
 * @param path    path (and query string) relative to the Elasticsearch URL
 * @param body    the JSON body, pretty-printed; sent byte for byte as printed
 */
public record ReportQuery(String id, String title, String method, String path, String body) {
}
