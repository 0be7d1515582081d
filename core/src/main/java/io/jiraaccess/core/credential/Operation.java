package io.jiraaccess.core.credential;

/** What a request does, for {@code allow.operations}: read is GET/HEAD, write changes issues, admin is the rest. */
public enum Operation {
    READ("read"),
    WRITE("write"),
    ADMIN("admin");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Operation fromId(String id) {
        for (Operation o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
