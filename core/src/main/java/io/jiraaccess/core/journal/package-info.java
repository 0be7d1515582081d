/**
 * Where core's audit events are kept until the audit daemon has them.
 * <ul>
 *   <li>{@link io.jiraaccess.core.journal.EventJournal}: a Jenkins controller's journal. A directory holding
 *   {@code segment-<first seq, 20 digits>.ndjson} files (one event a line, each with {@code jira_access.seq}),
 *   {@code cursor} (the acknowledged seq) and {@code journal.lock} (the owning process).</li>
 *   <li>{@link io.jiraaccess.core.journal.SpoolWriter}: a CLI run's events as complete
 *   {@code events-<time>-<random>.ndjson} files in a spool directory ({@link io.jiraaccess.core.journal.SpoolFiles}).</li>
 *   <li>{@link io.jiraaccess.core.journal.NdjsonEvents}: the one parser of those lines, for the journal (whose reads
 *   hand out each event's stored line, {@link io.jiraaccess.core.journal.JournalRead#lines()}), the spool writer and the
 *   audit daemon's ingest stage; bounded against hostile input.</li>
 * </ul>
 */
package io.jiraaccess.core.journal;
