package io.jiraaccess.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** How files that must survive a crash are opened for writing; tests substitute one that fails like a full disk. */
@FunctionalInterface
public interface ChannelOpener {
    ChannelOpener DEFAULT = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
