package io.jiraaccess.docs;

/** One statement of a document that the code does not back: where it is, what it names, and what is wrong. */
record Finding(String doc, int line, String named, String problem) {
    @Override
    public String toString() {
        return doc + ":" + line + ": `" + named + "` " + problem;
    }
}
