package io.jiraaccess.core.http;

/**
 * The {@code User-Agent} of the requests this thread sends, when the work it does names itself more precisely than
 * the client's default: a clustered audit daemon names its instance and the scheduler fire a poll belongs to, so the
 * server's access log shows which daemon polled, and when. Set before a unit of work on its thread and cleared after;
 * a thread with nothing set sends the client's default.
 */
public final class RequestIdentity {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIdentity() {
    }

    /** This thread's User-Agent, or {@code defaultAgent} when none is set. */
    public static String userAgent(String defaultAgent) {
        String agent = CURRENT.get();
        return agent != null ? agent : defaultAgent;
    }

    /**
     * Sets this thread's User-Agent.
     *
     * @throws IllegalArgumentException when it is not printable ASCII (a header value must not carry a line break)
     */
    public static void set(String agent) {
        for (int i = 0; i < agent.length(); i++) {
            char c = agent.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a User-Agent is printable ASCII; character " + i + " is not");
            }
        }
        CURRENT.set(agent);
    }

    /** Back to the client's default on this thread. */
    public static void clear() {
        CURRENT.remove();
    }
}
