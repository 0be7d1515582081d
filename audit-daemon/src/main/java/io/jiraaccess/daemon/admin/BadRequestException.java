package io.jiraaccess.daemon.admin;

/** A request to the admin API the daemon cannot act on: answered 400 with the message, which says what to fix. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
