package io.jiraaccess.docs;

import java.util.ArrayList;
import java.util.List;

/** All checks of a document, built once per repository (the CLIs' help is read once). */
record Checks(CommandCheck commands, ConfigCheck config, JcascCheck jcasc, ReferenceCheck references) {
    static Checks of(Repo repo) throws Exception {
        return new Checks(new CommandCheck(repo, List.of(CliSurface.daemon(), CliSurface.jiraAccess())),
                new ConfigCheck(repo.root(), repo.read(repo.root().resolve("audit-daemon/audit-daemon.example.yaml"))),
                new JcascCheck(repo), new ReferenceCheck(repo));
    }

    List<Finding> run(MarkdownDoc doc) {
        List<Finding> out = new ArrayList<>();
        out.addAll(commands.check(doc));
        out.addAll(config.check(doc));
        out.addAll(jcasc.check(doc));
        out.addAll(references.check(doc));
        return out;
    }
}
